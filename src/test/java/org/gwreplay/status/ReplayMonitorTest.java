package org.gwreplay.status;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.replay.Gap;
import org.gwreplay.replay.ReplayMetrics;
import org.gwreplay.replay.ReplaySpec;
import org.gwreplay.replay.ArrivalSource;
import org.gwreplay.source.DemoSource;
import org.gwreplay.time.Segment;
import org.gwreplay.time.SegmentList;
import org.junit.jupiter.api.Test;

/** The monitor's bookkeeping, fed frames directly (as a Kafka output's reader does), and its status line. */
class ReplayMonitorTest {

  private static final RunMetrics METRICS = new RunMetrics(Map.of("gapSeconds_H1", 2L, "framesRead_H1", 8L),
      Map.of("H1", List.of(new Gap("H1", 105, 107, "no data in the source"))));

  @Test
  void statusAndSummaryCountFilesDuplicatesAndSpansWithoutFiles() throws Exception {
    ReplaySpec spec = ReplaySpec.builder().setSource(new DemoSource(110, 4)).setDetectors(List.of("H1", "L1"))
        .setSegments(SegmentList.of(List.of(new Segment(100, 115), new Segment(120, 124)))).build();
    AtomicReference<ArrivalSource.Feed> feed = new AtomicReference<>();
    ReplayMonitor monitor = new ReplayMonitor(spec, "kafka://127.0.0.1:9092/frames", (s, f) -> {
      feed.set(f);
      return () -> {};
    }, null, () -> METRICS);
    monitor.start();
    for (long t : new long[] {103, 100, 101, 102, 107, 108, 104, 111, 103}) {
      feed.get().frame("H1", null, new FrameFileName("H", "H1_llhoft", t, 1), 1000, Instant.now());
    }

    ObjectNode status = monitor.currentStatus();
    ObjectNode h1 = (ObjectNode) status.path("detectors").path("H1");
    assertThat(h1.path("files").asLong(), equalTo(8L));
    assertThat(h1.path("duplicates").asLong(), equalTo(1L));
    assertThat(h1.path("bytes").asLong(), equalTo(8000L));
    assertThat(h1.path("newestGpsEnd").asLong(), equalTo(112L));
    assertThat(h1.path("gapSeconds").asLong(), equalTo(2L));
    assertThat(h1.path("retries").asLong(), equalTo(0L)); // counters reported: an absent one is 0
    assertThat(h1.path("gaps").get(0).path("reason").asText(), equalTo("no data in the source"));
    assertThat(status.path("output").asText(), equalTo("kafka://127.0.0.1:9092/frames"));
    assertThat(status.path("segments").path("seconds").asLong(), equalTo(19L));

    String summary = monitor.finish("done");
    assertThat(summary, containsString("H1: no files for GPS 105-107 (2 s of data): no data in the source\n"));
    assertThat(summary, containsString("H1: no files for GPS 109-111 (2 s of data): no gap reported by the reader"));
    assertThat(summary, containsString("H1: no files for GPS 112-115 (3 s of data)"));
    assertThat(summary, containsString("H1: no files for GPS 120-124 (4 s of data)"));
    assertThat(summary, containsString("L1: no files for GPS 100-115 (15 s of data)"));
    assertThat(summary, not(containsString("GPS 100-105")));
  }

  @Test
  void whatTheSinkReportsWritingComesFromTheMetricsUnwatched() {
    ReplaySpec spec = ReplaySpec.builder().setSource(new DemoSource(110, 4)).setDetectors(List.of("H1", "L1"))
        .setSegments(SegmentList.of(100, 120)).build();
    RunMetrics run = new RunMetrics(Map.of(), Map.of(), Map.of(ReplayMetrics.gpsWritten("H1"), DistributionResult.create(327, 3, 103, 112),
        ReplayMetrics.latenessMs("H1"), DistributionResult.create(60, 3, 5, 40)));
    // A target whose arrivals nobody watches: nothing arrives, the sink's own report still shows.
    ReplayMonitor monitor = new ReplayMonitor(spec, "somewhere", (s, f) -> () -> {}, null, () -> run);
    ObjectNode status = monitor.status("running", run);
    ObjectNode h1 = (ObjectNode) status.path("detectors").path("H1");
    assertThat(h1.path("files").asLong(), equalTo(0L));
    assertThat(h1.path("written").path("gpsEnd").asLong(), equalTo(112L));
    assertThat(h1.path("written").path("latenessMs").toString(), equalTo("{\"count\":3,\"mean\":20,\"min\":5,\"max\":40}"));
    assertThat(status.path("detectors").path("L1").has("written"), equalTo(false));
  }

  @Test
  void theStatusLineSaysWhatIsWorthSaying() throws Exception {
    ObjectNode s = (ObjectNode) new ObjectMapper().readTree("""
        {"clock": {"gps": 1238166030},
         "detectors": {"H1": {"files": 12, "lagSeconds": 1, "gapSeconds": 4, "retries": 0},
                       "L1": {"files": 16}},
         "latenessMs": {"p50": 3, "p99": 9, "max": 12}}""");
    assertThat(ReplayMonitor.statusLine(s),
        equalTo("GPS 1238166030 | H1 12 files, lag 1 s, gaps 4 s | L1 16 files | lateness p50/p99/max 3/9/12 ms"));
  }
}
