package org.gwreplay.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.gwreplay.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch replay (--speed=max) on the direct runner, whose files become visible a bundle at a time:
 * the retention ring still turns (it counts visible files, so it must run after each commit), and
 * nothing hidden is left behind.
 */
class BatchReplayTest {

  private static final long START = 1238166018;

  @TempDir Path out;

  private List<String> names(Path dir, String glob) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> glob.equals("*.gwf") ? n.endsWith(".gwf") && !n.startsWith(".") : n.startsWith("."))
          .sorted().toList();
    }
  }

  @Test
  void aBatchReplayKeepsOnlyTheRetentionRingAndNoTemporaryFile() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"--source=demo", "--detectors=H1", "--gps-start=" + START,
        "--gps-end=" + (START + 20), "--output=" + out, "--speed=max", "--retention=5", "--status-file=none",
        "--targetParallelism=1"}, new PrintStream(new ByteArrayOutputStream(), true),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(err.toString(StandardCharsets.UTF_8), code, equalTo(0));
    // As a live replay leaves it: the newest frame and those that ended within 5 s before its end.
    List<String> expected = new java.util.ArrayList<>();
    for (long t = START + 15; t < START + 20; t++) {
      expected.add("H-H1_llhoft-" + t + "-1.gwf");
    }
    assertThat(names(out.resolve("H1"), "*.gwf"), equalTo(expected));
    assertThat(names(out.resolve("H1"), ".*"), empty());
  }
}
