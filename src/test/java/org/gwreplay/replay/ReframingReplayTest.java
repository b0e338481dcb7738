package org.gwreplay.replay;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.gwreplay.cli.ReplayJob;
import org.gwreplay.gwf.Compression;
import org.gwreplay.gwf.Event;
import org.gwreplay.gwf.Frame;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.gwf.GwfReader;
import org.gwreplay.gwf.GwfWriter;
import org.gwreplay.gwf.SerData;
import org.gwreplay.gwf.SimData;
import org.gwreplay.gwf.Vect;
import org.gwreplay.status.ReplayMonitor;
import org.gwreplay.status.RunMetrics;
import org.gwreplay.time.GpsTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay on the direct runner re-framing a 10-frame file laid out as FrameL's own test file:
 * every event and serial record comes out once, in the frame covering its time, and a channel
 * that cannot be cut for a whole output frame is counted in the run's metrics.
 */
class ReframingReplayTest {

  private static final long START = 925484676; // even: 2-s output frames align with it

  @TempDir Path lake;
  @TempDir Path out;

  private static SimData sim(String name, int second) {
    double[] v = new double[64];
    for (int i = 0; i < v.length; i++) {
      v[i] = second * 64 + i;
    }
    return new SimData(name, "", 64, 0, 0, 0f, List.of(Vect.ofDoubles(name, v, 1.0 / 64, 0, "")), List.of());
  }

  private static Event event(String name, GpsTime t) {
    return new Event(false, name, "", "", t, 0f, 0f, 0, 1f, 0f, "", List.of(), List.of(), List.of());
  }

  @Test
  void everyEventAndSerialRecordComesOutOnceAndWhatCannotBePlacedIsCounted() throws Exception {
    List<Frame> frames = new ArrayList<>();
    GpsTime t0 = GpsTime.ofSeconds(START);
    for (int s = 0; s < 10; s++) {
      Frame.Builder f = Frame.builder("demo", t0.plusSeconds(s), 1).addSimData(sim("H1:SIM", s))
          .addSerData(new SerData("H1:SMS", 0, 0, 1, "s=" + s, List.of()))
          .addEvent(event("Burst_1", t0.plusNanos(200_000_000)));
      if (s == 3) {
        f.addSimData(sim("H1:ONLY-IN-ONE", s)); // in the output frame [2, 4), whose first frame lacks it
      }
      frames.add(f.build());
    }
    FrameFileName name = new FrameFileName("H", "H1_llhoft", START, 10);
    Files.write(lake.resolve(name.toString()), GwfWriter.toBytes(frames, Compression.GZIP));

    ReplayJob job = ReplayJob.fromArgs(new String[] {"--source=dir:" + lake, "--detectors=H1", "--output=" + out,
        "--speed=max", "--retention=0", "--gps-start=" + START, "--gps-end=" + (START + 10), "--frame-duration=2",
        "--status-file=" + lake.resolve("status.json")},
        Instant.now());
    AtomicReference<PipelineResult> running = new AtomicReference<>();
    ReplayMonitor monitor = job.monitor(() -> RunMetrics.of(running.get()));
    monitor.start();
    PipelineResult result = job.pipeline().run();
    running.set(result);
    assertThat(result.waitUntilFinish(), equalTo(PipelineResult.State.DONE));
    String summary = monitor.finish("done");

    List<Path> files;
    try (Stream<Path> s = Files.list(out.resolve("H1"))) {
      files = s.filter(p -> p.toString().endsWith(".gwf")).sorted().toList();
    }
    assertThat(files.size(), equalTo(5));
    int bursts = 0;
    int serial = 0;
    for (Path p : files) {
      Frame f = GwfReader.read(p).get(0);
      serial += f.serData().size();
      bursts += f.events().size();
      if (f.start().equals(t0)) {
        assertThat("all copies in the frame covering their time", f.events().size(), equalTo(10));
      }
    }
    assertThat(bursts, equalTo(10));
    assertThat(serial, equalTo(10));
    assertThat(RunMetrics.of(result).counters().get("unplaced_H1"), equalTo(1L));
    assertThat(summary, containsString("H1: 1 structure(s) of the source could not be placed in an output frame"));
    assertThat(Files.readString(job.statusFile()), matchesPattern("(?s).*\"unplacedStructures\"\\s*:\\s*1\\b.*"));
  }
}
