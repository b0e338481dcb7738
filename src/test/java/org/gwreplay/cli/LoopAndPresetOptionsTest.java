package org.gwreplay.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.gwreplay.replay.ReplaySpec;
import org.gwreplay.time.GpsTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --loop and --preset as the command line takes them, and their bad input (one line, exit 2). */
class LoopAndPresetOptionsTest {

  @TempDir Path tmp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String firstErrorLine() {
    String e = err.toString(StandardCharsets.UTF_8);
    assertThat(e, not(containsString("Exception")));
    assertThat(e, not(containsString("\tat ")));
    return e.lines().findFirst().orElse("");
  }

  private ReplayJob job(String... args) {
    return ReplayJob.fromArgs(args, Instant.now());
  }

  @Test
  void loopSpellings() {
    String[] base = {"--gps-start=1238166018", "--gps-end=1238166028", "--output=" + tmp};
    assertThat(job(base).spec().loopPasses(), equalTo(1L));
    assertThat(job(concat(base, "--loop")).spec().loopPasses(), equalTo(ReplaySpec.LOOP_FOREVER));
    assertThat(job(concat(base, "--loop", "--speed=2")).spec().loopPasses(), equalTo(ReplaySpec.LOOP_FOREVER));
    assertThat(job(concat(base, "--loop=forever")).spec().loopPasses(), equalTo(ReplaySpec.LOOP_FOREVER));
    assertThat(job(concat(base, "--loop=5")).spec().loopPasses(), equalTo(5L));
    assertThat(job(concat(base, "--loop", "7")).spec().loopPasses(), equalTo(7L));
    assertThat(job(concat(base, "--loop=5")).spec().replayEnd(), equalTo(1238166018L + 50));
    assertThat(job(concat(base, "--loop")).describe(), containsString("looping forever every 10 s"));
  }

  @Test
  void dryRunOfALoopDescribesOnePassAndThePasses() {
    assertThat(run("--gps-start=1238166018", "--gps-end=1238166028", "--output=" + tmp, "--loop=3", "--speed=2", "--dry-run"), equalTo(0));
    String plan = out.toString(StandardCharsets.UTF_8);
    assertThat(plan, containsString("loop:      3 passes of 10 s"));
    assertThat(plan, containsString("about 15 s at speed 2.0"));
    out.reset();
    assertThat(run("--gps-start=1238166018", "--gps-end=1238166028", "--output=" + tmp, "--loop", "--dry-run"), equalTo(0));
    assertThat(out.toString(StandardCharsets.UTF_8), containsString("unbounded"));
  }

  @Test
  void badLoopValues() {
    for (String bad : new String[] {"--loop=0", "--loop=-3", "--loop=twice"}) {
      err.reset();
      assertThat(bad, run("--gps-start=1238166018", "--gps-end=1238166028", "--output=" + tmp, bad), equalTo(2));
      assertThat(firstErrorLine(), containsString("--loop takes a number of passes (1 or more) or 'forever'"));
    }
  }

  @Test
  void aLoopOverAnEmptySegmentListIsRefused() throws Exception {
    Path empty = Files.writeString(tmp.resolve("empty.txt"), "# no science time\n");
    assertThat(run("--segments=" + empty, "--loop", "--output=" + tmp.resolve("o")), equalTo(2));
    assertThat(firstErrorLine(), containsString("the segment list is empty"));
    err.reset();
    assertThat(run("--segments=[]", "--loop=3", "--output=" + tmp.resolve("o")), equalTo(2));
    assertThat(firstErrorLine(), containsString("the segment list is empty"));
    err.reset();
    // A list holding no whole frame cannot loop either.
    assertThat(run("--segments=[[1238166018,1238166020]]", "--frame-duration=4", "--loop", "--output=" + tmp.resolve("o")), equalTo(2));
    assertThat(firstErrorLine(), containsString("no whole 4-s frame fits"));
  }

  @Test
  void presetsSetTheConsumersLayoutTagAndNowStamp() {
    ReplayJob llhoft = job("--preset=llhoft", "--gps-start=1238166018", "--gps-end=1238166028", "--output=" + tmp);
    assertThat(llhoft.directory().layout(), equalTo("kafka/{ifo}"));
    assertThat(llhoft.spec().outputTag(), equalTo("{ifo}_llhoft"));
    assertThat(llhoft.directory().directoryFor("H1"), equalTo(tmp.resolve("kafka/H1")));
    long now = GpsTime.fromInstant(Instant.now()).seconds();
    assertThat("now-stamped", Math.abs(1238166018 + llhoft.spec().shiftSeconds() - now), lessThan(60L));

    ReplayJob mdc = job("--preset=O3ReplayMDC", "--gps-start=1238166018", "--gps-end=1238166028", "--output=" + tmp);
    assertThat(mdc.directory().directoryFor("V1"), equalTo(tmp.resolve("kafka/V1_O3ReplayMDC")));
    assertThat(mdc.spec().outputTag().replace("{ifo}", "V1"), equalTo("V1_O3ReplayMDC_llhoft"));
    // Descriptions (tags) never hold a hyphen: names keep exactly four fields.
    assertThat(mdc.spec().outputTag().contains("-"), equalTo(false));

    // Options given explicitly win over the preset.
    ReplayJob mine = job("--preset=llhoft", "--tag={ifo}_mine", "--layout=x/{site}", "--shift-to-now=false",
        "--gps-start=1238166018", "--gps-end=1238166028", "--output=" + tmp);
    assertThat(mine.directory().layout(), equalTo("x/{site}"));
    assertThat(mine.spec().outputTag(), equalTo("{ifo}_mine"));
    assertThat(mine.spec().shiftSeconds(), equalTo(0L));
  }

  @Test
  void presetWithoutOutputWritesUnderDevShm() {
    ReplayJob j = job("--preset=llhoft", "--gps-start=1238166018", "--gps-end=1238166028", "--dry-run");
    assertThat(j.directory().root(), equalTo(Path.of("/dev/shm")));
  }

  @Test
  void unknownPreset() {
    assertThat(run("--preset=kafka", "--gps-start=1238166018", "--gps-end=1238166028", "--output=" + tmp), equalTo(2));
    assertThat(firstErrorLine(), equalTo("gwreplay: unknown --preset 'kafka' (known: llhoft, o3replaymdc)"));
  }

  @Test
  void helpSaysAForeverLoopEndsBySignal() {
    assertThat(run("--help"), equalTo(0));
    String help = out.toString(StandardCharsets.UTF_8);
    assertThat(help, containsString("--loop"));
    assertThat(help, containsString("signal"));
    assertThat(help, containsString("--preset"));
  }

  private static String[] concat(String[] a, String... b) {
    String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
