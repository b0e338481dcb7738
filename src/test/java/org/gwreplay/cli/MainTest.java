package org.gwreplay.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

  @TempDir Path tmp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpExplainsEveryOption() {
    assertThat(run("--help"), equalTo(0));
    String help = out.toString(StandardCharsets.UTF_8);
    for (String option : new String[] {"--detectors", "--gps-start", "--gps-end", "--frame-duration", "--speed",
        "--source", "--output", "--runner", "--retention", "--lookahead", "--shift-to-now", "--segments"}) {
      assertThat(help, containsString(option));
    }
  }

  @Test
  void unknownDetector() {
    assertThat(run("--detectors=H1,X9", "--gps-start=1238166018", "--gps-end=1238166020", "--output=" + tmp), equalTo(2));
    assertThat(err(), containsString("unknown detector 'X9'"));
    assertThat(err(), not(containsString("Exception")));
  }

  @Test
  void endBeforeStart() {
    assertThat(run("--gps-start=1238166018", "--gps-end=1238166010", "--output=" + tmp), equalTo(2));
    assertThat(err(), containsString("--gps-end (1238166010) must be after --gps-start (1238166018)"));
  }

  @Test
  void badGpsTime() {
    assertThat(run("--gps-start=yesterday", "--gps-end=1238166010", "--output=" + tmp), equalTo(2));
    assertThat(err(), containsString("--gps-start must be a GPS time"));
  }

  @Test
  void unwritableOutput() throws Exception {
    Path locked = tmp.resolve("locked");
    Files.createDirectory(locked, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r-xr-xr-x")));
    Path target = locked.resolve("out");
    // root may write anywhere: then use a path below a regular file, which nobody can create.
    if (Files.isWritable(locked)) {
      Files.write(tmp.resolve("file"), new byte[0]);
      target = tmp.resolve("file").resolve("out");
    }
    assertThat(run("--gps-start=1238166018", "--gps-end=1238166020", "--output=" + target), equalTo(2));
    assertThat(err(), containsString("is not writable"));
  }

  @Test
  void unknownSourceScheme() {
    assertThat(run("--gps-start=1238166018", "--gps-end=1238166020", "--output=" + tmp, "--source=ftp://lake"), equalTo(2));
    assertThat(err(), containsString("unknown source scheme 'ftp'"));
  }

  @Test
  void unknownOption() {
    assertThat(run("--gps-start=1238166018", "--gps-end=1238166020", "--output=" + tmp, "--colour=blue"), equalTo(2));
    assertThat(err(), containsString("unknown option --colour"));
  }

  @Test
  void badSpeed() {
    assertThat(run("--gps-start=1238166018", "--gps-end=1238166020", "--output=" + tmp, "--speed=-2"), equalTo(2));
    assertThat(err(), containsString("--speed must be a positive number or 'max'"));
  }

  @Test
  void batchDemoRunsEndToEnd() throws Exception {
    assertThat(run("--gps-start=1238166018", "--gps-end=1238166021", "--detectors=V1", "--output=" + tmp, "--speed=max",
        "--status-file=" + tmp.resolve("status.json")), equalTo(0));
    assertThat(Files.readString(tmp.resolve("status.json")), containsString("\"state\" : \"done\""));
    try (var files = Files.list(tmp.resolve("V1"))) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList(), equalTo(java.util.List.of(
          "V-V1_llhoft-1238166018-1.gwf", "V-V1_llhoft-1238166019-1.gwf", "V-V1_llhoft-1238166020-1.gwf")));
    }
  }

  @Test
  void inspectDescribesFramesAndNamesCorruptFiles() throws Exception {
    assertThat(run("--gps-start=1238166018", "--gps-end=1238166020", "--detectors=H1", "--output=" + tmp, "--speed=max",
        "--status-file=none"), equalTo(0));
    Path file = tmp.resolve("H1/H-H1_llhoft-1238166018-1.gwf");
    assertThat(run("inspect", file.toString()), equalTo(0));
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text, containsString("GPS 1238166018"));
    assertThat(text, containsString("H1:GDS-CALIB_STRAIN"));
    assertThat(text, containsString("16384.0 Hz"));
    Files.write(tmp.resolve("H1/H-H1_llhoft-1238166099-1.gwf"), new byte[] {'I', 'G', 'W', 'D'});
    assertThat(run("inspect", tmp.resolve("H1").toString()), equalTo(1));
    assertThat(out.toString(StandardCharsets.UTF_8), containsString("H-H1_llhoft-1238166099-1.gwf"));
    assertThat(out.toString(StandardCharsets.UTF_8), containsString("CORRUPT: FrHeader at byte 0"));
  }
}
