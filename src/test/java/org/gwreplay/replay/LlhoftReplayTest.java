package org.gwreplay.replay;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.gwreplay.cli.Main;
import org.gwreplay.gwf.Channel;
import org.gwreplay.gwf.Compression;
import org.gwreplay.gwf.Frame;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.gwf.GwfReader;
import org.gwreplay.gwf.GwfWriter;
import org.gwreplay.gwf.ProcData;
import org.gwreplay.llhoft.ChannelSet;
import org.gwreplay.llhoft.LlhoftBit;
import org.gwreplay.source.DemoSource;
import org.gwreplay.source.SourceFile;
import org.gwreplay.time.GpsTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The llhoft channels through whole replays on the direct runner: a lake's state and DQ vectors
 * pass untouched, vectors are synthesised from a science segment list for frames without them
 * (our own strain-only files and a real file written by other software), and detector-off time
 * comes out as configured (no files, or files flagged not observing), told in the summary.
 */
class LlhoftReplayTest {

  private static final long START = 1238166016;
  private static final int ANALYSABLE = LlhoftBit.mask("HOFT_OK,SCIENCE_INTENT");

  @TempDir Path lake;
  @TempDir Path out;

  /** Runs the command line; returns stdout (the summary), failing on a non-zero status. */
  private String replay(String... args) {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of("--output=" + out, "--speed=max", "--retention=0"));
    all.addAll(Arrays.asList(args));
    if (all.stream().noneMatch(a -> a.startsWith("--status-file="))) {
      all.add("--status-file=none");
    }
    int status = Main.run(all.toArray(new String[0]), new PrintStream(text, true), new PrintStream(err, true));
    assertThat(err.toString(), status, equalTo(0));
    return text.toString();
  }

  private List<String> names(String ifo) throws Exception {
    try (Stream<Path> s = Files.list(out.resolve(ifo))) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".gwf")).sorted().toList();
    }
  }

  private Frame output(String ifo, long gps) throws Exception {
    FrameFileName n = new FrameFileName(ifo.substring(0, 1), ifo + "_llhoft", gps, 1);
    return GwfReader.read(out.resolve(ifo).resolve(n.toString())).get(0);
  }

  private static Channel channel(Frame f, String name) {
    return f.channels().stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no channel " + name + " in " + f.channels().stream().map(Channel::name).toList()));
  }

  private static int[] ints(Frame f, String name) {
    return channel(f, name).data().toInts();
  }

  @Test
  void aLakeReplayPassesEveryChannelThroughUntouched() throws Exception {
    DemoSource demo = DemoSource.parse("demo:chirp=" + (START + 8) + ",file=4,nonscience=" + (START + 2) + "+1", 0);
    demo.files("H1", START, START + 12).forEachRemaining(f -> write(demo, f));
    replay("--source=dir:" + lake, "--detectors=H1", "--gps-start=" + START, "--gps-end=" + (START + 12));
    assertThat(names("H1"), hasSize(12));
    for (long t = START; t < START + 12; t++) {
      Frame f = output("H1", t);
      List<ProcData> expected = demo.stateVectors("H1").vectors("H1", t, 1);
      assertThat(f.procData().stream().map(ProcData::name).toList(),
          contains("H1:GDS-CALIB_STRAIN", "H1:GDS-CALIB_STATE_VECTOR", "H1:DMT-DQ_VECTOR"));
      long file = Math.floorDiv(t, 4) * 4;
      double[] whole = demo.strain("H1", file, 4 * 16384);
      double[] second = Arrays.copyOfRange(whole, (int) (t - file) * 16384, (int) (t - file + 1) * 16384);
      assertThat(Arrays.equals(f.procData().get(0).data().toDoubles(), second), equalTo(true));
      for (ProcData e : expected) {
        assertThat(e.name() + " at " + t, ints(f, e.name()), equalTo(e.data().toInts()));
      }
      assertThat(f.detectProc().get(0).name(), equalTo("LHO_4k"));
    }
    // What the source said, not a default: not observing in the non-science second, injection at the chirp.
    assertThat(ints(output("H1", START + 2), "H1:GDS-CALIB_STATE_VECTOR")[0] & ANALYSABLE, not(equalTo(ANALYSABLE)));
    assertThat(ints(output("H1", START + 8), "H1:GDS-CALIB_STATE_VECTOR")[0] & LlhoftBit.NO_CBC_HW_INJ.mask(), equalTo(0));
  }

  private void write(DemoSource demo, SourceFile f) {
    try {
      Files.write(lake.resolve(f.name().toString()), demo.fetch(f));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A 1-s strain-only frame file, as archives made for offline work hold. */
  private void strainOnly(String ifo, String channel, long t) throws Exception {
    double[] h = new double[16384];
    Arrays.fill(h, 1e-21 * (t - START + 1));
    Frame f = Frame.builder(ifo, GpsTime.ofSeconds(t), 1).addProcData(ProcData.timeSeries(channel, 16384, h)).build();
    FrameFileName n = new FrameFileName(ifo.substring(0, 1), ifo + "_llhoft", t, 1);
    Files.write(lake.resolve(n.toString()), GwfWriter.toBytes(List.of(f), Compression.RAW));
  }

  @Test
  void synthesisesStateAndDqVectorsFromASegmentFileForFramesWithoutThem() throws Exception {
    for (long t = START; t < START + 6; t++) {
      strainOnly("H1", "H1:GDS-CALIB_STRAIN", t);
      strainOnly("V1", "V1:Hrec_hoft_16384Hz", t);
    }
    // Two seconds that carry their own vectors (observing throughout): they must stay as they are.
    DemoSource demo = new DemoSource(0, 1);
    for (long t = START + 6; t < START + 8; t++) {
      write(demo, new SourceFile("H1", new FrameFileName("H", "H1_llhoft", t, 1), "", -1, null, null));
    }
    Path science = lake.resolve("science.txt");
    Files.writeString(science, "# science time\n" + (START + 2) + " " + (START + 4) + "\n");
    String summary = replay("--source=dir:" + lake, "--detectors=H1,V1", "--gps-start=" + START, "--gps-end=" + (START + 8),
        "--synthesize-state=" + science, "--dq-style=H1:ligo");
    assertThat(summary, containsString("H1"));
    int[] before = ints(output("H1", START + 1), "H1:GDS-CALIB_STATE_VECTOR");
    int[] inside = ints(output("H1", START + 3), "H1:GDS-CALIB_STATE_VECTOR");
    int[] after = ints(output("H1", START + 5), "H1:GDS-CALIB_STATE_VECTOR");
    assertThat(inside.length, equalTo(16));
    assertThat(Arrays.stream(inside).allMatch(v -> (v & ANALYSABLE) == ANALYSABLE), equalTo(true));
    assertThat(before[0] & ANALYSABLE, not(equalTo(ANALYSABLE)));
    assertThat(after[15] & ANALYSABLE, not(equalTo(ANALYSABLE)));
    assertThat(ints(output("H1", START + 3), "H1:DMT-DQ_VECTOR")[0], equalTo(ChannelSet.LIGO_DQ_FLAGS));
    assertThat(ints(output("H1", START + 5), "H1:DMT-DQ_VECTOR")[0], equalTo(0));
    // The source's strain is kept as it was.
    assertThat(((ProcData) channel(output("H1", START + 3), "H1:GDS-CALIB_STRAIN")).data().toDoubles()[7], equalTo(4e-21));
    int virgo = LlhoftBit.mask("HOFT_OK,SCIENCE_INTENT,VIRGO_GOOD_DQ");
    assertThat(ints(output("V1", START + 3), "V1:DQ_ANALYSIS_STATE_VECTOR")[0] & virgo, equalTo(virgo));
    assertThat(ints(output("V1", START + 1), "V1:DQ_ANALYSIS_STATE_VECTOR")[0] & virgo, not(equalTo(virgo)));
    // Outside the science segments, yet observing: the frames' own vectors passed untouched.
    assertThat(ints(output("H1", START + 6), "H1:GDS-CALIB_STATE_VECTOR")[0] & ANALYSABLE, equalTo(ANALYSABLE));
  }

  @Test
  void synthesisesVectorsForARealFrameFileWrittenByOtherSoftware() throws Exception {
    Path sample = sample("HLV-HW100916-968654552-1.gwf");
    Files.copy(sample, lake.resolve(sample.getFileName()));
    replay("--source=dir:" + lake, "--detectors=H1,V1", "--gps-start=968654552", "--gps-end=968654553",
        "--synthesize-state=[[968654552, 968654553]]", "--tag={ifo}_llhoft");
    Frame h1 = output("H1", 968654552);
    assertThat(h1.channels().stream().map(Channel::name).toList(),
        contains("H1:LDAS-STRAIN", "H1:GDS-CALIB_STATE_VECTOR", "H1:DMT-DQ_VECTOR"));
    assertThat(channel(h1, "H1:LDAS-STRAIN").data().toDoubles()[0], org.hamcrest.Matchers.closeTo(1.26329846e-17, 1e-25));
    assertThat(ints(h1, "H1:GDS-CALIB_STATE_VECTOR")[0] & ANALYSABLE, equalTo(ANALYSABLE));
    Frame v1 = output("V1", 968654552);
    assertThat(ints(v1, "V1:DQ_ANALYSIS_STATE_VECTOR")[3] & ANALYSABLE, equalTo(ANALYSABLE));
  }

  private static Path sample(String name) {
    for (String dir : List.of(System.getProperty("gwreplay.samples", "../shared/gwf-samples"), "../../shared/gwf-samples")) {
      Path p = Paths.get(dir).resolve(name);
      if (Files.isReadable(p)) {
        return p;
      }
    }
    assumeTrue(false, "sample " + name + " is absent: skipped");
    return null;
  }

  @Test
  void detectorOffTimeAsAGapWritesNoFilesAndSaysSo() throws Exception {
    String summary = replay("--source=demo:off=" + (START + 3) + "+2", "--detectors=H1", "--gps-start=" + START,
        "--gps-end=" + (START + 8));
    assertThat(names("H1"), hasSize(6));
    assertThat(Files.exists(out.resolve("H1/H-H1_llhoft-" + (START + 3) + "-1.gwf")), equalTo(false));
    assertThat(summary, containsString("no files (--off-time=gap)"));
    assertThat(summary, containsString("no files for GPS " + (START + 3) + "-" + (START + 5) + " (2 s of data): no data in the source"));
  }

  @Test
  void detectorOffTimeAsFlagKeepsFilesComingWithTheStateVectorNotObserving() throws Exception {
    Path status = lake.resolve("status.json");
    // Off at the very start (no real frame seen yet: the llhoft set is the shape) and later on.
    String summary = replay("--source=demo:off=" + START + "+1,off=" + (START + 3) + "+2", "--detectors=H1,V1",
        "--gps-start=" + START, "--gps-end=" + (START + 8), "--off-time=flag", "--status-file=" + status);
    for (String ifo : List.of("H1", "V1")) {
      assertThat(names(ifo), hasSize(8));
      ChannelSet set = ChannelSet.of(ifo);
      Frame on = output(ifo, START + 5);
      assertThat(ints(on, set.state())[0] & ANALYSABLE, equalTo(ANALYSABLE));
      for (long t : new long[] {START, START + 4}) {
        Frame off = output(ifo, t);
        assertThat(off.procData().stream().map(ProcData::name).toList(),
            equalTo(on.procData().stream().map(ProcData::name).toList()));
        assertThat(Arrays.stream(channel(off, set.strain()).data().toDoubles()).allMatch(x -> x == 0), equalTo(true));
        assertThat(channel(off, set.strain()).data().nData(), equalTo(16384L));
        assertThat(channel(off, set.strain()).data().unitY(), equalTo("strain"));
        assertThat(Arrays.stream(ints(off, set.state())).allMatch(v -> v == set.noDataState()), equalTo(true));
        assertThat(off.detectProc().get(0).prefix(), equalTo(ifo));
        assertThat(off.name(), equalTo(on.name()));
      }
      assertThat(set.noDataState() & ANALYSABLE, equalTo(0));
    }
    assertThat(ints(output("H1", START + 3), "H1:DMT-DQ_VECTOR")[0], equalTo(0));
    assertThat(ints(output("H1", START + 3), "H1:GDS-CALIB_STATE_VECTOR")[0] & LlhoftBit.NO_GAP.mask(), equalTo(0));
    assertThat(summary, containsString("state vector not observing (--off-time=flag)"));
    assertThat(summary, containsString("H1: 3 s of detector-off time written as flagged frames"));
    assertThat(summary, containsString("V1: 3 s of detector-off time written as flagged frames"));
    com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(status.toFile());
    assertThat(json.path("detectors").path("H1").path("offFlaggedSeconds").asLong(), equalTo(3L));
    assertThat(json.path("detectors").path("H1").path("files").asLong(), equalTo(8L));
  }

  @Test
  void aDryRunSaysFlaggedOffTimeGetsFrames() {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"--source=demo:off=" + (START + 3) + "+2", "--detectors=H1", "--gps-start=" + START,
        "--gps-end=" + (START + 8), "--output=" + out, "--off-time=flag", "--dry-run"}, new PrintStream(text, true), System.err);
    assertThat(status, equalTo(0));
    assertThat(text.toString(), containsString("spans with no data in the source get frames flagged not observing"));
    assertThat(text.toString(), containsString("H1 " + (START + 3) + "-" + (START + 5) + " (2 s): no data in the source"));
  }

  @Test
  void badSegmentFilesBitNamesAndSettingsAreOneLineErrorsWithStatusTwo() throws Exception {
    Path bad = lake.resolve("bad.txt");
    Files.writeString(bad, "1238166016 x\n");
    List<String[]> cases = List.of(
        new String[] {"--synthesize-state=" + bad},
        new String[] {"--synthesize-state=" + lake.resolve("missing.txt")},
        new String[] {"--source=demo:hwinj=NO_SUCH_BIT"},
        new String[] {"--source=demo:hwinj=OMC_DCPD_ADC_OVERFLOW"},
        new String[] {"--source=demo:off=1238166016-4"},
        new String[] {"--off-time=sometimes"},
        new String[] {"--dq-style=H1:cern"},
        new String[] {"--dq-style=X9:ligo"});
    List<String> expected = List.of("--synthesize-state: segment list " + bad + ": line 1", "--synthesize-state: cannot read",
        "unknown state/DQ vector bit 'NO_SUCH_BIT'", "is a DQ vector bit", "span GPS+SECONDS",
        "--off-time must be gap", "unknown style 'cern'", "--dq-style takes IFO:ligo");
    for (int i = 0; i < cases.size(); i++) {
      List<String> args = new ArrayList<>(List.of("--detectors=H1", "--gps-start=" + START, "--gps-end=" + (START + 2),
          "--output=" + out, "--speed=max"));
      args.addAll(Arrays.asList(cases.get(i)));
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status = Main.run(args.toArray(new String[0]), new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true));
      assertThat(Arrays.toString(cases.get(i)), status, equalTo(2));
      String first = err.toString().lines().findFirst().orElse("");
      assertThat(first, containsString(expected.get(i)));
      assertThat(err.toString(), not(containsString("\tat ")));
    }
  }
}
