package org.gwreplay.replay;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.gwreplay.cli.ReplayJob;
import org.gwreplay.gwf.Frame;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.gwf.GwfReader;
import org.gwreplay.source.DemoSource;
import org.gwreplay.sink.ArrivalWatcher;
import org.gwreplay.time.GpsTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real replays of the demo lake on the direct runner, paced by the replay clock. */
class PacedReplayTest {

  @TempDir Path out;

  private static final long START = 1238166018;

  @Test
  void liveReplayReleasesEveryFrameOnSchedule() throws Exception {
    long end = START + 6;
    ReplayJob job = ReplayJob.fromArgs(new String[] {
        "--source=demo", "--detectors=H1,L1,V1", "--gps-start=" + START, "--gps-end=" + end,
        "--output=" + out, "--speed=1", "--start-delay=5"}, Instant.now());
    List<Path> dirs = List.of(out.resolve("H1"), out.resolve("L1"), out.resolve("V1"));
    Map<Path, Instant> arrivals;
    try (ArrivalWatcher watcher = new ArrivalWatcher(dirs)) {
      PipelineResult.State state = job.pipeline().run().waitUntilFinish();
      assertThat(state, equalTo(PipelineResult.State.DONE));
      Thread.sleep(100);
      arrivals = watcher.arrivals();
    }
    assertThat(arrivals.keySet(), hasSize(18));
    ReplayClock clock = job.spec().clock();
    for (String ifo : List.of("H1", "L1", "V1")) {
      List<Long> starts = new ArrayList<>();
      for (Map.Entry<Path, Instant> a : arrivals.entrySet()) {
        if (!a.getKey().getParent().getFileName().toString().equals(ifo)) {
          continue;
        }
        FrameFileName name = FrameFileName.parse(a.getKey().getFileName().toString());
        assertThat(name.observatory(), equalTo(ifo.substring(0, 1)));
        assertThat(name.tag(), equalTo(ifo + "_llhoft"));
        starts.add(name.gpsStart());
        Instant due = clock.releaseTime(GpsTime.ofSeconds(name.gpsEnd()));
        long lateMillis = Duration.between(due, a.getValue()).toMillis();
        assertThat(name + " appeared before its time", lateMillis, greaterThanOrEqualTo(-5L));
        assertThat(name + " appeared late", lateMillis, lessThan(1000L));
      }
      assertThat("files of " + ifo + " arrive in GPS order", starts,
          contains(START, START + 1, START + 2, START + 3, START + 4, START + 5));
    }
    Path first = out.resolve("L1").resolve("L-L1_llhoft-" + START + "-1.gwf");
    List<Frame> frames = GwfReader.read(first);
    assertThat(frames, hasSize(1));
    assertThat(frames.get(0).start(), equalTo(GpsTime.ofSeconds(START)));
    assertThat(frames.get(0).procData().get(0).name(), equalTo(DemoSource.channel("L1")));
    assertThat(frames.get(0).procData().get(0).data().toDoubles().length, equalTo(DemoSource.SAMPLE_RATE));
  }

  @Test
  void batchReplayReFramesAndKeepsOnlyTheRetainedSpan() throws Exception {
    long end = START + 64;
    ReplayJob job = ReplayJob.fromArgs(new String[] {
        "--source=demo:file=16", "--detectors=H1", "--gps-start=" + START, "--gps-end=" + end,
        "--output=" + out, "--speed=max", "--frame-duration=4", "--retention=20"}, Instant.now());
    assertThat(job.pipeline().run().waitUntilFinish(), equalTo(PipelineResult.State.DONE));
    List<String> names;
    try (Stream<Path> s = Files.list(out.resolve("H1"))) {
      names = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    // 4-s frames are aligned to multiples of 4: the first whole one starts at 1238166020.
    // Retention keeps frames that end within 20 s of the last end (1238166080).
    assertThat(names, contains("H-H1_llhoft-1238166060-4.gwf", "H-H1_llhoft-1238166064-4.gwf",
        "H-H1_llhoft-1238166068-4.gwf", "H-H1_llhoft-1238166072-4.gwf", "H-H1_llhoft-1238166076-4.gwf"));
    Frame f = GwfReader.read(out.resolve("H1").resolve(names.get(0))).get(0);
    assertThat(f.start(), equalTo(GpsTime.ofSeconds(1238166060)));
    assertThat(f.duration(), equalTo(4.0));
    double[] samples = f.procData().get(0).data().toDoubles();
    assertThat(samples.length, equalTo(4 * DemoSource.SAMPLE_RATE));
    // Sample-exact: the cut equals what the demo lake synthesised, 12 s into its 16-s file at ...048.
    double[] whole = new DemoSource(START + 16, 16).strain("H1", 1238166048, 16 * DemoSource.SAMPLE_RATE);
    for (int i = 0; i < samples.length; i += 997) {
      assertThat(samples[i], equalTo(whole[12 * DemoSource.SAMPLE_RATE + i]));
    }
  }
}
