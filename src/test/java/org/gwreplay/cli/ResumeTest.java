package org.gwreplay.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.gwreplay.sink.ArrivalWatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kill a running replay (a real process, SIGKILL) and resume it: no hole, no frame written twice. */
class ResumeTest {

  @TempDir Path out;

  private static final long START = 1238166016;
  private static final long END = START + 40;

  private static List<Long> starts(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".gwf") && !n.startsWith("."))
          .map(n -> Long.parseLong(n.split("-")[2])).sorted().toList();
    }
  }

  @Test
  void killedReplayResumesWithoutHolesOrDuplicates() throws Exception {
    String cp = Paths.get("target/classes").toAbsolutePath() + ":" + Files.readString(Paths.get("target/classpath.txt")).trim();
    Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
        "org.gwreplay.cli.Main", "--source=demo", "--detectors=H1,L1", "--gps-start=" + START, "--gps-end=" + END,
        "--speed=4", "--start-delay=3", "--retention=0", "--status-file=none", "--output=" + out)
        .redirectErrorStream(true).redirectOutput(out.getParent().resolve(out.getFileName() + ".log").toFile()).start();
    Path h1 = out.resolve("H1");
    long deadline = System.currentTimeMillis() + 90_000;
    while (System.currentTimeMillis() < deadline && (!Files.isDirectory(h1) || starts(h1).size() < 10)) {
      Thread.sleep(50);
    }
    p.destroyForcibly();
    assertThat(p.waitFor(30, TimeUnit.SECONDS), equalTo(true));
    int before = starts(h1).size();
    assertThat("killed mid-replay", before, greaterThanOrEqualTo(10));
    assertThat("killed mid-replay", before, lessThan(40));

    Map<Path, Integer> writes = new ConcurrentHashMap<>();
    List<Path> existing = new ArrayList<>();
    for (String d : List.of("H1", "L1")) {
      try (Stream<Path> s = Files.list(out.resolve(d))) {
        s.forEach(existing::add);
      }
    }
    try (ArrivalWatcher w = new ArrivalWatcher(List.of(out.resolve("H1"), out.resolve("L1")), (f, t) -> writes.merge(f, 1, Integer::sum))) {
      ReplayJob job = ReplayJob.fromArgs(new String[] {"--source=demo", "--detectors=H1,L1", "--gps-start=" + START,
          "--gps-end=" + END, "--speed=max", "--retention=0", "--output=" + out, "--resume"}, Instant.now());
      assertThat(job.pipeline().run().waitUntilFinish(), equalTo(PipelineResult.State.DONE));
      Thread.sleep(200);
    }
    List<Long> all = LongStream.range(START, END).boxed().toList();
    for (String d : List.of("H1", "L1")) {
      assertThat(d + " has every frame once", starts(out.resolve(d)), equalTo(all));
    }
    assertThat("frames of the first run were not written again",
        existing.stream().filter(writes::containsKey).toList(), empty());
    assertThat("no frame written twice by the resumed run",
        writes.entrySet().stream().filter(e -> e.getValue() > 1).toList(), empty());
  }

  @Test
  void resumeCountsOnlyTheFramesOfItsOwnTag() throws Exception {
    // Another stream of H1 frames shares the directory: they are not this replay's frames.
    Path h1 = Files.createDirectories(out.resolve("H1"));
    for (long t = START; t < START + 5; t++) {
      Files.write(h1.resolve("H-H1_HOFT_C00-" + t + "-1.gwf"), new byte[] {0});
    }
    int exit = Main.run(new String[] {"--source=demo", "--detectors=H1", "--gps-start=" + START, "--gps-end=" + (START + 8),
        "--speed=max", "--retention=0", "--status-file=none", "--tag={ifo}_llhoft", "--resume", "--output=" + out},
        new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    assertThat(exit, equalTo(0));
    try (Stream<Path> s = Files.list(h1)) {
      assertThat(s.map(f -> f.getFileName().toString()).filter(n -> n.contains("_llhoft-"))
          .map(n -> Long.parseLong(n.split("-")[2])).sorted().toList(),
          equalTo(LongStream.range(START, START + 8).boxed().toList()));
    }
  }
}
