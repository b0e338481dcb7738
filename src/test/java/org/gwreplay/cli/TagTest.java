package org.gwreplay.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.source.DemoSource;
import org.gwreplay.source.SourceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output names keep exactly four '-' fields (OBS-TAG-GPSSTART-DURATION.gwf), which consumers such
 * as DevShmSource require (issue 17, item 8): a tag with '-', given directly, after {ifo}
 * expansion, or from a parameter file, is refused with exit 2 and one line naming --tag; source
 * files whose own tag has '-' are not used, and the run says it delivered nothing.
 */
class TagTest {

  private static final long START = 1238166016;

  @TempDir Path tmp;

  private final CommandRun command = new CommandRun();

  private int run(String... args) {
    return command.run(args);
  }

  private String[] replay(String tag) {
    return new String[] {"--source=demo", "--detectors=H1,L1", "--gps-start=" + START, "--gps-end=" + (START + 2),
        "--speed=max", "--output=" + tmp.resolve("out"), "--tag=" + tag};
  }

  @Test
  void aTagWithAHyphenIsRefused() {
    assertThat(run(replay("O3-replay")), equalTo(2));
    assertThat(command.oneLine(), containsString("--tag 'O3-replay' may hold only letters, digits"));
    assertThat(command.oneLine(), containsString("exactly four '-' fields (try --tag=O3_replay)"));
    assertThat(Files.exists(tmp.resolve("out").resolve("H1")), equalTo(false));
  }

  @Test
  void aHyphenAfterIfoExpansionIsRefused() {
    assertThat(run(replay("{ifo}-llhoft")), equalTo(2));
    assertThat(command.oneLine(), containsString("--tag '{ifo}-llhoft' (H1-llhoft for H1)"));
  }

  @Test
  void aHyphenFromAParameterFileIsRefused() throws Exception {
    Path p = Files.writeString(tmp.resolve("replay.yaml"), String.join("\n", "source: demo", "detectors: H1",
        "gps-start: " + START, "gps-end: " + (START + 2), "speed: max", "output: " + tmp.resolve("out"), "tag: mdc-1", ""));
    assertThat(run("--pipeline=" + p), equalTo(2));
    assertThat(command.oneLine(), containsString("--tag 'mdc-1'"));
  }

  @Test
  void aGoodTagStillWorks() throws Exception {
    assertThat(run(replay("{ifo}_O3ReplayMDC_llhoft")), equalTo(0));
    assertThat(Files.exists(tmp.resolve("out/L1/L-L1_O3ReplayMDC_llhoft-" + START + "-1.gwf")), equalTo(true));
  }

  @Test
  void sourceFilesWhoseTagHasAHyphenAreNotUsedAndTheRunFails() throws Exception {
    Path lake = Files.createDirectories(tmp.resolve("lake"));
    DemoSource demo = new DemoSource(START + 30, 1);
    for (long t = START; t < START + 2; t++) {
      byte[] bytes = demo.fetch(new SourceFile("H1", new FrameFileName("H", "H1_llhoft", t, 1), "", -1, null, null));
      Files.write(lake.resolve("H-H1-llhoft-" + t + "-1.gwf"), bytes); // five '-' fields
    }
    assertThat(run("--source=dir:" + lake, "--detectors=H1", "--gps-start=" + START, "--gps-end=" + (START + 2),
        "--speed=max", "--output=" + tmp.resolve("out")), equalTo(1));
    assertThat(command.oneLine(), containsString("H1: no frame was replayed (no data in the source)"));
  }
}
