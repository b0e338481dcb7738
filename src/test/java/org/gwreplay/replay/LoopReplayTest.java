package org.gwreplay.replay;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.gwreplay.cli.ReplayJob;
import org.gwreplay.gwf.AdcData;
import org.gwreplay.gwf.Event;
import org.gwreplay.gwf.Frame;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.gwf.GwfReader;
import org.gwreplay.gwf.GwfWriter;
import org.gwreplay.gwf.ProcData;
import org.gwreplay.gwf.SerData;
import org.gwreplay.gwf.SimData;
import org.gwreplay.gwf.Vect;
import org.gwreplay.time.GpsTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Looping replays on the direct runner: seams, gaps, every time in the frames moved, retention and resume across passes. */
class LoopReplayTest {

  @TempDir Path tmp;

  private static final long START = 1238166016;

  static List<FrameFileName> names(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".gwf"))
          .map(FrameFileName::parse).sorted((a, b) -> Long.compare(a.gpsStart(), b.gpsStart())).toList();
    }
  }

  private static ReplayJob job(String... args) {
    return ReplayJob.fromArgs(args, Instant.now());
  }

  @Test
  void passesFollowOneAnotherAndTheListsGapsComeBack() throws Exception {
    Path out = tmp.resolve("out");
    // 8 s, a 4-s hole, 4 s: period 16 s; three passes.
    String segments = "[[" + START + "," + (START + 8) + "],[" + (START + 12) + "," + (START + 16) + "]]";
    ReplayJob job = job("--source=demo", "--detectors=H1,L1,V1", "--segments=" + segments, "--loop=3",
        "--speed=max", "--retention=0", "--output=" + out, "--status-file=none");
    assertThat(job.spec().loopPeriod(), equalTo(16L));
    assertThat(job.pipeline().run().waitUntilFinish(), equalTo(PipelineResult.State.DONE));
    for (String ifo : List.of("H1", "L1", "V1")) {
      List<Long> expected = new ArrayList<>();
      for (int k = 0; k < 3; k++) {
        for (long t = START; t < START + 16; t++) {
          if (t < START + 8 || t >= START + 12) {
            expected.add(t + 16L * k);
          }
        }
      }
      List<FrameFileName> got = names(out.resolve(ifo));
      assertThat(ifo, got.stream().map(FrameFileName::gpsStart).toList(), equalTo(expected));
      for (FrameFileName n : got) {
        assertThat(n.tag(), equalTo(ifo + "_llhoft"));
        assertThat(n.duration(), equalTo(1L));
      }
    }
    // Pass 2's frame at START+33 holds the data of START+1, stamped 32 s later.
    Frame pass0 = GwfReader.read(out.resolve("H1/H-H1_llhoft-" + (START + 1) + "-1.gwf")).get(0);
    Frame pass2 = GwfReader.read(out.resolve("H1/H-H1_llhoft-" + (START + 33) + "-1.gwf")).get(0);
    assertThat(pass2.start(), equalTo(GpsTime.ofSeconds(START + 33)));
    assertThat(pass2.procData().get(0).data().toDoubles(), equalTo(pass0.procData().get(0).data().toDoubles()));

    // gwreplay verify knows the loop: all passes on plan, and a file lost from pass 2 is a hole there.
    String[] verify = {"verify", "--source=demo", "--detectors=H1,L1,V1", "--segments=" + segments, "--loop=3",
        "--output=" + out};
    java.io.ByteArrayOutputStream report = new java.io.ByteArrayOutputStream();
    java.io.PrintStream ps = new java.io.PrintStream(report, true, java.nio.charset.StandardCharsets.UTF_8);
    assertThat(report.toString(), org.gwreplay.cli.Main.run(verify, ps, ps), equalTo(0));
    assertThat(report.toString(), org.hamcrest.Matchers.containsString("H1: 36 of 36 planned frames present"));
    Files.delete(out.resolve("L1/L-L1_llhoft-" + (START + 32 + 13) + "-1.gwf"));
    report.reset();
    assertThat(report.toString(), org.gwreplay.cli.Main.run(verify, ps, ps), equalTo(1));
    assertThat(report.toString(), org.hamcrest.Matchers.containsString("hole " + (START + 45) + "-" + (START + 46)));
  }

  /** A source frame using each structure that carries a time, at GPS {@code start}. */
  private static Frame richFrame(long start, int seconds) {
    int rate = 256;
    int n = rate * seconds;
    double[] strain = new double[n];
    short[] counts = new short[n];
    for (int i = 0; i < n; i++) {
      strain[i] = Math.sin((start - START) * rate + i) * 1e-21;
      counts[i] = (short) (((start - START) * rate + i) % 1000);
    }
    GpsTime t = GpsTime.ofSeconds(start);
    Frame.Builder b = Frame.builder("LHO", t, seconds)
        .addAdcData(AdcData.of("H1:PEM-COUNTS", rate, Vect.ofShorts("H1:PEM-COUNTS", counts, 1.0 / rate, 0, "counts")))
        .addProcData(ProcData.timeSeries("H1:GDS-CALIB_STRAIN", rate, strain))
        .addSimData(new SimData("H1:INJ", "", rate, 0, 0, 0f, List.of(Vect.ofDoubles("H1:INJ", strain, 1.0 / rate, 0, "strain")), List.of()));
    for (int s = 0; s < seconds; s++) {
      b.addEvent(new Event(false, "burst", "", "H1:GDS-CALIB_STRAIN", t.plusSeconds(s).plusNanos(250_000_000), 0.1f, 0.1f, 0,
          1f, 0.5f, "", List.of(), List.of(), List.of()));
      b.addEvent(new Event(true, "inj", "", "", t.plusSeconds(s).plusNanos(750_000_000), 0.1f, 0.1f, 0, 1e-21f, 0, "",
          List.of(), List.of(), List.of()));
      b.addSerData(new SerData("H1:SER", start + s, 500_000_000L, 1, "t=" + (start + s), List.of()));
    }
    return b.build();
  }

  @Test
  void shiftToNowAndLaterPassesMoveEveryTimeInTheFrameWithTheName() throws Exception {
    Path lake = Files.createDirectories(tmp.resolve("lake"));
    for (long t = START; t < START + 8; t += 4) {
      Files.write(lake.resolve("H-H1_TEST-" + t + "-4.gwf"), GwfWriter.toBytes(List.of(richFrame(t, 4)), org.gwreplay.gwf.Compression.lowLatencyDefault()));
    }
    Path out = tmp.resolve("out");
    ReplayJob job = job("--source=dir:" + lake, "--detectors=H1", "--gps-start=" + START, "--gps-end=" + (START + 8),
        "--loop=2", "--shift-to-now", "--speed=max", "--retention=0", "--output=" + out, "--status-file=none");
    long shift = job.spec().shiftSeconds();
    long now = GpsTime.fromInstant(Instant.now()).seconds();
    assertThat("shifted to about now", Math.abs(START + shift - now) < 120, equalTo(true));
    assertThat(job.pipeline().run().waitUntilFinish(), equalTo(PipelineResult.State.DONE));
    List<FrameFileName> got = names(out.resolve("H1"));
    assertThat(got, hasSize(16));
    for (int i = 0; i < got.size(); i++) {
      long moved = shift + (i / 8) * 8L; // pass 1 is one period (8 s) later
      long dataStart = START + i % 8;
      FrameFileName n = got.get(i);
      assertThat(n.gpsStart(), equalTo(dataStart + moved));
      Frame f = GwfReader.read(out.resolve("H1").resolve(n.toString())).get(0);
      Frame source = richFrame(dataStart, 1);
      assertThat(f.start(), equalTo(GpsTime.ofSeconds(dataStart + moved)));
      // Channel times are relative to the frame (timeOffset, startX): unchanged, so they moved with it.
      for (String c : List.of("H1:PEM-COUNTS", "H1:GDS-CALIB_STRAIN", "H1:INJ")) {
        var out1 = f.channels().stream().filter(x -> x.name().equals(c)).findFirst().orElseThrow();
        var in1 = source.channels().stream().filter(x -> x.name().equals(c)).findFirst().orElseThrow();
        assertThat(c, out1.timeOffset(), equalTo(in1.timeOffset()));
        assertThat(c, out1.data().startX(), equalTo(in1.data().startX()));
        assertThat(c, out1.data().toDoubles(), equalTo(in1.data().toDoubles()));
      }
      assertThat(f.events(), hasSize(1));
      assertThat(f.events().get(0).time(), equalTo(GpsTime.ofSeconds(dataStart + moved).plusNanos(250_000_000)));
      assertThat(f.simEvents(), hasSize(1));
      assertThat(f.simEvents().get(0).time(), equalTo(GpsTime.ofSeconds(dataStart + moved).plusNanos(750_000_000)));
      assertThat(f.serData(), hasSize(1));
      assertThat(f.serData().get(0).timeSec(), equalTo(dataStart + moved));
      assertThat(f.serData().get(0).data(), equalTo("t=" + dataStart));
    }
  }

  @Test
  void retentionAndResumeWorkAcrossPasses() throws Exception {
    Path out = tmp.resolve("out");
    String[] args = {"--source=demo", "--detectors=H1", "--gps-start=" + START, "--gps-end=" + (START + 10), "--loop=4",
        "--speed=max", "--retention=0", "--output=" + out, "--status-file=none"};
    assertThat(job(args).pipeline().run().waitUntilFinish(), equalTo(PipelineResult.State.DONE));
    Path h1 = out.resolve("H1");
    assertThat(names(h1), hasSize(40));
    // An interrupted run: everything from pass 1's fourth frame on is missing, and pass 0 has expired.
    for (FrameFileName n : names(h1)) {
      if (n.gpsStart() < START + 10 || n.gpsStart() >= START + 13) {
        Files.delete(h1.resolve(n.toString()));
      }
    }
    String[] resume = java.util.Arrays.copyOf(args, args.length + 1);
    resume[args.length] = "--resume";
    ReplayJob resumed = job(resume);
    assertThat(resumed.spec().startPositions(), equalTo(Map.of("H1", START + 13)));
    assertThat(new FramePosition(START + 13, Delivery.NONE).pass(resumed.spec()), equalTo(1L));
    assertThat(resumed.pipeline().run().waitUntilFinish(), equalTo(PipelineResult.State.DONE));
    List<Long> starts = names(h1).stream().map(FrameFileName::gpsStart).toList();
    List<Long> expected = new ArrayList<>();
    for (long t = START + 10; t < START + 40; t++) {
      expected.add(t);
    }
    assertThat(starts, equalTo(expected));

    // Retention measures from the newest file, whose GPS keeps growing: only the last 5 s stay.
    Path kept = tmp.resolve("kept");
    assertThat(job("--source=demo", "--detectors=H1", "--gps-start=" + START, "--gps-end=" + (START + 10), "--loop=4",
        "--speed=max", "--retention=5", "--output=" + kept, "--status-file=none").pipeline().run().waitUntilFinish(),
        equalTo(PipelineResult.State.DONE));
    assertThat(names(kept.resolve("H1")).stream().map(FrameFileName::gpsStart).toList(),
        equalTo(List.of(START + 35, START + 36, START + 37, START + 38, START + 39)));
  }
}
