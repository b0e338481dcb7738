package org.gwreplay.replay;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.beam.sdk.PipelineResult;
import org.gwreplay.cli.ReplayJob;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.sink.ArrivalWatcher;
import org.gwreplay.time.GpsTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start of a live replay ({@code --speed=1 --shift-to-now}) as a PyCBC-Live- or
 * DevShmSource-style reader sees it (issue 17, item 7): with no start delay the runner is still
 * coming up when the clock would start, which made the first seconds arrive together, late and
 * out of GPS order. Each detector's files must appear in GPS order, and the first one on time
 * against the true GPS clock (the names carry it). Real runs on the direct runner and on
 * embedded Flink; the bound on lateness is loose for a loaded CI machine.
 */
class LiveStartTest {

  private static final long START = 1238166018;
  private static final List<String> IFOS = List.of("H1", "L1", "V1");

  @TempDir Path out;

  @Test
  void directRunnerStartsOnTimeAndInOrder() throws Exception {
    liveStart();
  }

  @Test
  void flinkStartsOnTimeAndInOrder() throws Exception {
    liveStart("--runner=FlinkRunner", "--flink-master=[local]", "--parallelism=2");
  }

  private void liveStart(String... runner) throws Exception {
    long seconds = 12;
    List<String> args = new ArrayList<>(List.of(runner));
    args.addAll(List.of("--source=demo", "--detectors=H1,L1,V1", "--gps-start=" + START, "--gps-end=" + (START + seconds),
        "--output=" + out, "--speed=1", "--shift-to-now", "--start-delay=0", "--retention=0"));
    ReplayJob job = ReplayJob.fromArgs(args.toArray(new String[0]), Instant.now());
    Map<Path, Instant> arrivals;
    try (ArrivalWatcher watcher = new ArrivalWatcher(IFOS.stream().map(out::resolve).toList())) {
      assertThat(job.pipeline().run().waitUntilFinish(), equalTo(PipelineResult.State.DONE));
      Thread.sleep(100);
      arrivals = watcher.arrivals();
    }
    for (String ifo : IFOS) {
      List<Map.Entry<Path, Instant>> mine = arrivals.entrySet().stream()
          .filter(a -> a.getKey().getParent().getFileName().toString().equals(ifo))
          .sorted(Map.Entry.comparingByValue(Comparator.naturalOrder())).toList();
      List<Long> starts = mine.stream().map(a -> FrameFileName.parse(a.getKey().getFileName().toString()).gpsStart()).toList();
      long first = starts.get(0);
      assertThat(ifo + " files in order of arrival", starts, equalTo(LongStream.range(first, first + seconds).boxed().toList()));
      FrameFileName name = FrameFileName.parse(mine.get(0).getKey().getFileName().toString());
      // Shifted to now: the name's GPS end is the true time at which the frame is due.
      long late = Duration.between(GpsTime.ofSeconds(name.gpsEnd()).toInstant(), mine.get(0).getValue()).toMillis();
      assertThat(name + " appeared before its time", late, greaterThanOrEqualTo(-5L));
      assertThat(name + " (the first) appeared late", late, lessThan(1000L));
    }
  }
}
