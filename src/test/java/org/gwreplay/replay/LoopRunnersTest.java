package org.gwreplay.replay;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.PipelineResult;
import org.gwreplay.cli.ReplayJob;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.sink.ArrivalWatcher;
import org.gwreplay.time.GpsTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paced loops on both runners: a finite loop on embedded Flink, a forever loop (unbounded) on the direct runner. */
class LoopRunnersTest {

  @TempDir Path out;

  private static final long START = 1238166018;

  private static void assertConsecutive(List<FrameFileName> names, long first, int count) {
    assertThat(names.size(), equalTo(count));
    for (int i = 0; i < count; i++) {
      assertThat(names.get(i).gpsStart(), equalTo(first + i));
    }
  }

  @Test
  void flinkLoopsPassesOnTheReplayClock() throws Exception {
    ReplayJob job = ReplayJob.fromArgs(new String[] {
        "--runner=FlinkRunner", "--flink-master=[local]", "--parallelism=2",
        "--source=demo", "--detectors=H1,L1", "--gps-start=" + START, "--gps-end=" + (START + 3), "--loop=3",
        "--output=" + out, "--speed=3", "--start-delay=12", "--retention=0", "--status-file=none"}, Instant.now());
    Map<Path, Instant> arrivals;
    try (ArrivalWatcher watcher = new ArrivalWatcher(List.of(out.resolve("H1"), out.resolve("L1")))) {
      assertThat(job.pipeline().run().waitUntilFinish(), equalTo(PipelineResult.State.DONE));
      Thread.sleep(100);
      arrivals = watcher.arrivals();
    }
    for (String ifo : List.of("H1", "L1")) {
      assertConsecutive(LoopReplayTest.names(out.resolve(ifo)), START, 9);
    }
    for (Map.Entry<Path, Instant> a : arrivals.entrySet()) {
      FrameFileName name = FrameFileName.parse(a.getKey().getFileName().toString());
      long late = Duration.between(job.spec().clock().releaseTime(GpsTime.ofSeconds(name.gpsEnd())), a.getValue()).toMillis();
      assertThat(name + " appeared before its time", late, greaterThanOrEqualTo(-5L));
      assertThat(name + " appeared late", late, lessThan(1500L));
    }
  }

  @Test
  void aForeverLoopKeepsGoingUntilStopped() throws Exception {
    ReplayJob job = ReplayJob.fromArgs(new String[] {
        "--source=demo", "--detectors=H1", "--gps-start=" + START, "--gps-end=" + (START + 2), "--loop",
        "--output=" + out, "--speed=8", "--start-delay=3", "--retention=0", "--status-file=none"}, Instant.now());
    job.options().as(DirectOptions.class).setBlockOnRun(false);
    PipelineResult result = job.pipeline().run();
    Path h1 = out.resolve("H1");
    long deadline = System.currentTimeMillis() + 90_000;
    // Five passes of the 2-s list: unbounded, the job is still running after them.
    while (System.currentTimeMillis() < deadline && (!Files.isDirectory(h1) || LoopReplayTest.names(h1).size() < 10)) {
      Thread.sleep(100);
    }
    assertThat(result.getState(), equalTo(PipelineResult.State.RUNNING));
    stop(result, h1);
    List<FrameFileName> names = LoopReplayTest.names(h1);
    assertThat(names.size(), greaterThanOrEqualTo(10));
    assertConsecutive(names, START, names.size());
  }

  @Test
  void aForeverLoopOnFlinkIsAnUnboundedJob() throws Exception {
    // Detached, so that the test holds the running job and can cancel it (attached, run() blocks).
    ReplayJob job = ReplayJob.fromArgs(new String[] {
        "--runner=FlinkRunner", "--flink-master=[local]", "--attachedMode=false",
        "--source=demo", "--detectors=H1", "--gps-start=" + START, "--gps-end=" + (START + 2), "--loop",
        "--output=" + out, "--speed=8", "--start-delay=10", "--retention=0", "--status-file=none"}, Instant.now());
    PipelineResult result = job.pipeline().run();
    Path h1 = out.resolve("H1");
    long deadline = System.currentTimeMillis() + 90_000;
    while (System.currentTimeMillis() < deadline && (!Files.isDirectory(h1) || LoopReplayTest.names(h1).size() < 10)) {
      Thread.sleep(100);
    }
    try {
      assertThat(result.getState(), equalTo(PipelineResult.State.RUNNING));
      List<FrameFileName> names = LoopReplayTest.names(h1);
      assertThat(names.size(), greaterThanOrEqualTo(10));
      assertConsecutive(names, START, names.size());
    } finally {
      stop(result, h1);
    }
  }

  /**
   * Cancels the job and waits until it has stopped writing: cancel() returns once asked, and a
   * sink still writing a file afterwards made JUnit fail to delete the output directory. (An
   * embedded Flink cluster shuts down with its job, so its state cannot be asked afterwards.)
   * Stopped: no entry (file or temporary file) has come or gone for 2 s, sixteen frames at speed 8.
   */
  private static void stop(PipelineResult result, Path dir) throws Exception {
    result.cancel();
    if (!Files.isDirectory(dir)) {
      return; // nothing written: the assertions say so
    }
    long deadline = System.currentTimeMillis() + 60_000;
    List<Path> seen = null;
    long steadySince = System.currentTimeMillis();
    while (System.currentTimeMillis() < deadline) {
      List<Path> now;
      try (var entries = Files.list(dir)) {
        now = entries.sorted().toList();
      }
      if (!now.equals(seen)) {
        seen = now;
        steadySince = System.currentTimeMillis();
      } else if (System.currentTimeMillis() - steadySince > 2000) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the cancelled job still writes into " + dir + " a minute later");
  }
}
