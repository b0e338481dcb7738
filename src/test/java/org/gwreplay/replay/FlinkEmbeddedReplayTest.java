package org.gwreplay.replay;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.gwreplay.cli.ReplayJob;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.sink.ArrivalWatcher;
import org.gwreplay.time.GpsTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same paced replay on an embedded Flink cluster ({@code --flinkMaster=[local]}). */
class FlinkEmbeddedReplayTest {

  @TempDir Path out;

  @Test
  void flinkPacesReleasesWithTheReplayClock() throws Exception {
    long start = 1238166018;
    ReplayJob job = ReplayJob.fromArgs(new String[] {
        "--runner=FlinkRunner", "--flink-master=[local]", "--parallelism=2",
        "--source=demo", "--detectors=H1,L1", "--gps-start=" + start, "--gps-end=" + (start + 8),
        "--output=" + out, "--speed=2", "--start-delay=12"}, Instant.now());
    Map<Path, Instant> arrivals;
    try (ArrivalWatcher watcher = new ArrivalWatcher(List.of(out.resolve("H1"), out.resolve("L1")))) {
      assertThat(job.pipeline().run().waitUntilFinish(), equalTo(PipelineResult.State.DONE));
      Thread.sleep(100);
      arrivals = watcher.arrivals();
    }
    assertThat(arrivals.keySet(), hasSize(16));
    for (Map.Entry<Path, Instant> a : arrivals.entrySet()) {
      FrameFileName name = FrameFileName.parse(a.getKey().getFileName().toString());
      Instant due = job.spec().clock().releaseTime(GpsTime.ofSeconds(name.gpsEnd()));
      long late = Duration.between(due, a.getValue()).toMillis();
      assertThat(name + " appeared before its time", late, greaterThanOrEqualTo(-5L));
      assertThat(name + " appeared late", late, lessThan(1000L));
    }
  }

  /** Detector-off time with --off-time=flag on Flink: files keep coming, flagged not observing. */
  @Test
  void flinkWritesFlaggedFramesForDetectorOffTime() throws Exception {
    long start = 1238166018;
    ReplayJob job = ReplayJob.fromArgs(new String[] {
        "--runner=FlinkRunner", "--flink-master=[local]", "--parallelism=1",
        "--source=demo:off=" + (start + 2) + "+3", "--detectors=H1", "--gps-start=" + start, "--gps-end=" + (start + 6),
        "--output=" + out, "--speed=4", "--start-delay=10", "--off-time=flag"}, Instant.now());
    PipelineResult result = job.pipeline().run();
    assertThat(result.waitUntilFinish(), equalTo(PipelineResult.State.DONE));
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(out.resolve("H1"))) {
      assertThat(files.filter(p -> p.toString().endsWith(".gwf")).count(), equalTo(6L));
    }
    org.gwreplay.gwf.Frame off = org.gwreplay.gwf.GwfReader.read(out.resolve("H1/H-H1_llhoft-" + (start + 3) + "-1.gwf")).get(0);
    int[] state = off.procData().stream().filter(p -> p.name().equals("H1:GDS-CALIB_STATE_VECTOR")).findFirst()
        .orElseThrow().data().toInts();
    assertThat(state[0], equalTo(org.gwreplay.llhoft.ChannelSet.of("H1").noDataState()));
    assertThat(state[state.length - 1], equalTo(org.gwreplay.llhoft.ChannelSet.of("H1").noDataState()));
    assertThat(java.util.Arrays.stream(off.procData().get(0).data().toDoubles()).allMatch(x -> x == 0), equalTo(true));
    // (The reader's counters, offFlaggedSeconds_H1 among them, do not reach Flink's metric results
    // here, as framesRead_H1 and gapSeconds_H1 do not: the summary says "see log" on Flink.)
  }
}
