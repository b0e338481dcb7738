package org.gwreplay.container;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image's layout without a Docker engine (none runs here): the launcher at
 * /opt/gwreplay/bin/gwreplay and the shaded jar at /opt/gwreplay/lib/gwreplay.jar, as the
 * Dockerfile arranges them, run with no Maven and no source tree beside them.
 */
class ContainerLayoutIT {

  @TempDir Path root;

  private String run(Path launcher, int expectedExit, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(launcher.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("PATH", "/usr/bin:/bin"); // no Maven needed
    pb.environment().remove("GWREPLAY_JAR");
    Path log = root.resolve("out.log");
    Process p = pb.redirectOutput(log.toFile()).start();
    assertThat(p.waitFor(3, TimeUnit.MINUTES), equalTo(true));
    String out = Files.readString(log);
    assertThat(out, p.exitValue(), equalTo(expectedExit));
    return out;
  }

  @Test
  void theLauncherRunsTheShadedJarFromTheImageLayout() throws Exception {
    Path jar;
    try (Stream<Path> s = Files.list(Paths.get("target"))) {
      jar = s.filter(p -> p.getFileName().toString().matches("gwreplay-.*-all\\.jar")).findFirst().orElseThrow();
    }
    Path opt = root.resolve("opt/gwreplay");
    Files.createDirectories(opt.resolve("bin"));
    Files.createDirectories(opt.resolve("lib"));
    Path launcher = opt.resolve("bin/gwreplay");
    Files.copy(Paths.get("bin/gwreplay"), launcher);
    Files.copy(Paths.get("bin/java-opens"), opt.resolve("bin/java-opens"));
    launcher.toFile().setExecutable(true);
    Files.createSymbolicLink(opt.resolve("lib/gwreplay.jar"), jar.toAbsolutePath());

    assertThat(run(launcher, 0, "--help"), containsString("Usage: gwreplay"));
    assertThat(run(launcher, 2, "--detectors=X9", "--gps-start=1", "--gps-end=2", "--output=" + root.resolve("o")),
        containsString("unknown detector 'X9'"));
    Path data = root.resolve("data");
    String out = run(launcher, 0, "--source=demo", "--detectors=H1,V1", "--gps-start=1238166018",
        "--gps-end=1238166020", "--speed=max", "--output=" + data);
    assertThat(out, containsString("gwreplay summary: done"));
    try (Stream<Path> s = Files.list(data.resolve("V1"))) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted().toList(),
          equalTo(List.of("V-V1_llhoft-1238166018-1.gwf", "V-V1_llhoft-1238166019-1.gwf")));
    }
  }
}
