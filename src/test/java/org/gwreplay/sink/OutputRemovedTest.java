package org.gwreplay.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.gwreplay.cli.Main;
import org.gwreplay.gwf.GwfReader;
import org.gwreplay.rucio.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator (or a cleanup job) removes the whole output directory while a paced replay writes
 * into it: the replay makes it again, says so in its log, and every later frame arrives whole.
 */
class OutputRemovedTest {

  private static final long START = 1238166018;
  private static final long SECONDS = 12;

  @TempDir Path tmp;

  private static long gps(Path f) {
    return Long.parseLong(f.getFileName().toString().split("-")[2]);
  }

  private static List<Path> list(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  @Test
  void theOutputDirectoryRemovedMidRunIsMadeAgainAndTheReplayGoesOn() throws Exception {
    Path output = tmp.resolve("llhoft");
    Path h1 = output.resolve("H1");
    long[] removedAfter = {0};
    Thread remover = new Thread(() -> {
      try {
        while (list(h1).size() < 3) {
          Thread.sleep(10);
        }
        // As an operator would; again if a file landed while rm was at work.
        do {
          removedAfter[0] = Math.max(removedAfter[0], list(h1).stream().mapToLong(OutputRemovedTest::gps).max().orElse(0));
          new ProcessBuilder("rm", "-rf", output.toString()).start().waitFor();
        } while (Files.exists(output));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    remover.start();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    LogCapture log = new LogCapture();
    int exit;
    try (log) {
      exit = Main.run(new String[] {"--source=demo", "--detectors=H1", "--gps-start=" + START,
        "--gps-end=" + (START + SECONDS), "--output=" + output, "--retention=0", "--status-file=none",
        "--speed=2", "--start-delay=5"}, new PrintStream(new ByteArrayOutputStream(), true),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    }
    remover.join();

    assertThat(err.toString(StandardCharsets.UTF_8), exit, equalTo(0));
    assertThat(log.text(), containsString(h1 + " was removed during the replay; made it again"));
    List<Path> after = list(h1);
    assertThat(after.stream().filter(p -> p.getFileName().toString().startsWith(".")).toList(), empty());
    // Every frame after the removal is there, whole; of those before it, only the few written
    // while rm was at work (frames due together are written in any order) can be.
    List<Long> later = after.stream().map(OutputRemovedTest::gps).filter(g -> g > removedAfter[0]).toList();
    assertThat(later, equalTo(LongStream.range(removedAfter[0] + 1, START + SECONDS).boxed().toList()));
    assertThat(later.size(), greaterThan(3));
    for (Path f : after) {
      assertThat(GwfReader.read(f).get(0).start().seconds(), equalTo(gps(f)));
    }
  }
}
