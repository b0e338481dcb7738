package org.gwreplay.replay;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.gwreplay.source.DemoSource;
import org.gwreplay.source.FrameSource;
import org.gwreplay.source.SourceFile;
import org.gwreplay.status.RunMetrics;
import org.gwreplay.time.SegmentList;
import org.junit.jupiter.api.Test;

/** The fetch counters the monitor shows (filesFetched, bytesFetched, fetchFailures), from a real direct-runner read. */
class FetchMetricsTest {

  /** The demo lake, except that the file starting at {@code broken} cannot be fetched. */
  private static final class OneBrokenFile implements FrameSource {
    private final DemoSource demo = new DemoSource(1238166034L, 4);
    private final long broken;

    OneBrokenFile(long broken) {
      this.broken = broken;
    }

    @Override
    public Iterator<SourceFile> files(String detector, long gpsStart, long gpsEnd) {
      return demo.files(detector, gpsStart, gpsEnd);
    }

    @Override
    public byte[] fetch(SourceFile file) throws IOException {
      if (file.gpsStart() == broken) {
        throw new IOException("storage says no");
      }
      return demo.fetch(file);
    }

    @Override
    public String describe() {
      return "demo with a broken file";
    }
  }

  @Test
  void fetchesAndFailuresAreCountedPerDetector() {
    ReplaySpec spec = ReplaySpec.builder().setSource(new OneBrokenFile(1238166020L)).setDetectors(List.of("H1"))
        .setSegments(SegmentList.of(1238166020L, 1238166032L)).build();
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    p.apply(ReadFrames.of(spec));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    Map<String, Long> c = RunMetrics.of(result).counters();
    // Files 020, 024, 028 of 4 s: the first fails (a 4-s gap), the other two are fetched; the
    // direct runner may re-create a reader from a checkpoint, which fetches its file again.
    assertThat(c.toString(), c.get("fetchFailures_H1"), greaterThanOrEqualTo(1L));
    assertThat(c.get("filesFetched_H1"), greaterThanOrEqualTo(2L));
    assertThat(c.get("bytesFetched_H1"), greaterThanOrEqualTo(2L * 100_000));
    assertThat(c.get("gapSeconds_H1"), equalTo(4L));
    assertThat(c.get("framesRead_H1"), equalTo(8L));
  }

  @Test
  void eachArchiveFileIsFetchedOnceHoweverOftenTheRunnerRecreatesReaders() {
    // The direct runner closes a reader after about one bundle (up to 10 frames) in twenty and makes
    // a new one from its checkpoint: over 512 frames, a reader re-created at least once but for a
    // 7 % chance. Each new reader carries on with the read-ahead of the one before.
    long start = 1238166016; // a multiple of 128
    ReplaySpec spec = ReplaySpec.builder().setSource(new DemoSource(start + 100, 128)).setDetectors(List.of("H1"))
        .setSegments(SegmentList.of(start, start + 512)).setTimeSharded(false).build(); // one reader: no shard boundary files
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    p.apply(ReadFrames.of(spec));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    Map<String, Long> c = RunMetrics.of(result).counters();
    assertThat(c.get("framesRead_H1"), equalTo(512L));
    assertThat(c.toString(), c.get("filesFetched_H1"), equalTo(4L));
  }
}
