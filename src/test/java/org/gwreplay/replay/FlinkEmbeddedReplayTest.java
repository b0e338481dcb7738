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
import org.gwreplay.status.ArrivalWatcher;
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
}
