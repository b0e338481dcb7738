package org.gwreplay.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The gwreplay command run in this JVM, its standard error kept: what a user would see. */
final class CommandRun {

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(String... args) {
    return Main.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  void reset() {
    err.reset();
  }

  /** The one line that says why the command stopped (there must be exactly one). */
  String oneLine() {
    List<String> lines = stderr().lines().filter(l -> l.startsWith("gwreplay: ")).toList();
    assertThat("one line says why: " + lines, lines, hasSize(1));
    return lines.get(0);
  }
}
