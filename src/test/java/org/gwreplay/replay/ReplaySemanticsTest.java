package org.gwreplay.replay;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.gwreplay.cli.ReplayJob;
import org.gwreplay.gwf.Frame;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.gwf.GwfReader;
import org.gwreplay.source.DemoSource;
import org.gwreplay.source.SourceFile;
import org.gwreplay.time.GpsTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays of a real directory of frame files (written by the demo lake) on the direct runner:
 * gaps, re-framing both ways, channel selection and renaming, shift-to-now, idempotence.
 */
class ReplaySemanticsTest {

  private static final long START = 1238166016;

  @TempDir Path lake;
  @TempDir Path out;

  /** 1-s H1 files for [START, START+32) with a hole at [START+10, START+13). */
  @BeforeEach
  void fillLake() throws Exception {
    DemoSource demo = new DemoSource(START + 20, 1);
    for (long t = START; t < START + 32; t++) {
      if (t >= START + 10 && t < START + 13) {
        continue;
      }
      FrameFileName name = new FrameFileName("H", "H1_llhoft", t, 1);
      byte[] bytes = demo.fetch(new SourceFile("H1", name, "", -1, null, null));
      Files.write(lake.resolve(name.toString()), bytes);
    }
  }

  private ReplayJob run(String... extra) {
    List<String> args = new ArrayList<>(List.of("--source=dir:" + lake, "--detectors=H1", "--output=" + out,
        "--speed=max", "--retention=0"));
    args.addAll(Arrays.asList(extra));
    ReplayJob job = ReplayJob.fromArgs(args.toArray(new String[0]), Instant.now());
    assertThat(job.pipeline().run().waitUntilFinish(), equalTo(PipelineResult.State.DONE));
    return job;
  }

  private List<String> outputNames() throws Exception {
    try (Stream<Path> s = Files.list(out.resolve("H1"))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void gapsInTheSourceProduceNoFiles() throws Exception {
    run("--gps-start=" + (START + 8), "--gps-end=" + (START + 15));
    assertThat(outputNames(), contains("H-H1_llhoft-1238166024-1.gwf", "H-H1_llhoft-1238166025-1.gwf",
        "H-H1_llhoft-1238166029-1.gwf", "H-H1_llhoft-1238166030-1.gwf"));
  }

  @Test
  void joinsOneSecondFilesIntoFourSecondFramesAndSkipsIncompleteOnes() throws Exception {
    run("--gps-start=" + START, "--gps-end=" + (START + 20), "--frame-duration=4");
    // [START+8, START+12) and [START+12, START+16) miss data: no file for them.
    assertThat(outputNames(), contains("H-H1_llhoft-1238166016-4.gwf", "H-H1_llhoft-1238166020-4.gwf",
        "H-H1_llhoft-1238166032-4.gwf"));
    Frame f = GwfReader.read(out.resolve("H1/H-H1_llhoft-1238166020-4.gwf")).get(0);
    double[] joined = f.procData().get(0).data().toDoubles();
    double[] second = new DemoSource(START + 20, 1).strain("H1", START + 5, DemoSource.SAMPLE_RATE);
    assertThat(joined.length, equalTo(4 * DemoSource.SAMPLE_RATE));
    for (int i = 0; i < second.length; i += 311) {
      assertThat(joined[DemoSource.SAMPLE_RATE + i], equalTo(second[i]));
    }
  }

  @Test
  void renamesChannelsAndRetags() throws Exception {
    run("--gps-start=" + START, "--gps-end=" + (START + 2), "--rename={ifo}:GDS-CALIB_STRAIN={ifo}:STRAIN_REPLAY",
        "--tag={ifo}_replay");
    assertThat(outputNames(), contains("H-H1_replay-1238166016-1.gwf", "H-H1_replay-1238166017-1.gwf"));
    Frame f = GwfReader.read(out.resolve("H1/H-H1_replay-1238166016-1.gwf")).get(0);
    assertThat(f.procData().get(0).name(), equalTo("H1:STRAIN_REPLAY"));
  }

  @Test
  void channelsThatMatchNothingAreReportedAsGapsNotWrittenEmpty() throws Exception {
    // Nothing delivered: the run fails, naming the filter (issue 17: a run that writes nothing is no success).
    ReplayJob job = ReplayJob.fromArgs(new String[] {"--source=dir:" + lake, "--detectors=H1", "--output=" + out,
        "--speed=max", "--gps-start=" + START, "--gps-end=" + (START + 2), "--channels=H1:NO-SUCH-CHANNEL"}, Instant.now());
    RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
        () -> job.pipeline().run().waitUntilFinish());
    assertThat(org.gwreplay.cli.MainAccess.rootMessage(e), org.hamcrest.Matchers.containsString("no channel matching [H1:NO-SUCH-CHANNEL]"));
    assertThat(Files.exists(out.resolve("H1")) ? outputNames() : List.of(), hasSize(0));
  }

  @Test
  void shiftToNowMovesTimesAndNamesTogether() throws Exception {
    long now = GpsTime.now().seconds();
    run("--gps-start=" + START, "--gps-end=" + (START + 3), "--shift-to-now");
    List<String> names = outputNames();
    assertThat(names, hasSize(3));
    FrameFileName first = FrameFileName.parse(names.get(0));
    assertThat(first.gpsStart(), greaterThan(now));
    assertThat(first.gpsStart(), lessThan(now + 60));
    Frame f = GwfReader.read(out.resolve("H1").resolve(names.get(0))).get(0);
    assertThat(f.start(), equalTo(GpsTime.ofSeconds(first.gpsStart())));
    double[] samples = f.procData().get(0).data().toDoubles();
    double[] original = new DemoSource(START + 20, 1).strain("H1", START, DemoSource.SAMPLE_RATE);
    assertThat(samples[123], equalTo(original[123]));
  }

  @Test
  void dryRunReportsTheGapsFromTheCatalogAndWritesNothing() {
    java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
    Path target = out.resolve("never");
    int status = org.gwreplay.cli.Main.run(new String[] {"--source=dir:" + lake, "--detectors=H1",
        "--gps-start=" + START, "--gps-end=" + (START + 40), "--output=" + target, "--dry-run"},
        new java.io.PrintStream(text, true), System.err);
    assertThat(status, equalTo(0));
    String plan = text.toString();
    assertThat(plan, org.hamcrest.Matchers.containsString("H1 1238166026-1238166029 (3 s): no data in the source"));
    assertThat(plan, org.hamcrest.Matchers.containsString("H1 1238166048-1238166056 (8 s): no data in the source"));
    assertThat(plan, org.hamcrest.Matchers.matchesPattern("(?s).*H1\\s+40\\s+29\\s+11\\s+29\\s.*"));
    assertThat(Files.exists(target), equalTo(false));
  }

  @Test
  void verifyFindsHolesCorruptAndOffPlanFiles() throws Exception {
    run("--gps-start=" + START, "--gps-end=" + (START + 8));
    String[] verify = {"verify", "--detectors=H1", "--output=" + out, "--gps-start=" + START, "--gps-end=" + (START + 8)};
    java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
    assertThat(org.gwreplay.cli.Main.run(verify, new java.io.PrintStream(text, true), System.err), equalTo(0));
    assertThat(text.toString(), org.hamcrest.Matchers.containsString("H1: 8 of 8 planned frames present"));

    Files.delete(out.resolve("H1/H-H1_llhoft-1238166019-1.gwf"));
    Files.write(out.resolve("H1/H-H1_llhoft-1238166021-1.gwf"), new byte[] {'I', 'G', 'W', 'D', 0, 8});
    Files.write(out.resolve("H1/H-H1_llhoft-1238166099-1.gwf"), new byte[] {1});
    text.reset();
    assertThat(org.gwreplay.cli.Main.run(verify, new java.io.PrintStream(text, true), System.err), equalTo(1));
    String report = text.toString();
    assertThat(report, org.hamcrest.Matchers.containsString("hole 1238166019-1238166020 (1 s of data)"));
    assertThat(report, org.hamcrest.Matchers.containsString("corrupt H-H1_llhoft-1238166021-1.gwf"));
    assertThat(report, org.hamcrest.Matchers.containsString("off-plan H-H1_llhoft-1238166099-1.gwf"));
  }

  @Test
  void reRunningTheSameSegmentIsIdempotent() throws Exception {
    run("--gps-start=" + START, "--gps-end=" + (START + 4));
    Map<String, byte[]> first = new HashMap<>();
    for (String n : outputNames()) {
      first.put(n, Files.readAllBytes(out.resolve("H1").resolve(n)));
    }
    run("--gps-start=" + START, "--gps-end=" + (START + 4));
    assertThat(outputNames(), equalTo(first.keySet().stream().sorted().toList()));
    for (String n : outputNames()) {
      assertThat(n, Arrays.equals(Files.readAllBytes(out.resolve("H1").resolve(n)), first.get(n)), equalTo(true));
    }
  }
}
