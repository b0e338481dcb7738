package org.gwreplay.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** bin/java-opens is the one --add-opens list: java takes it as an argument file, and every launcher passes it. */
class JavaOpensTest {

  private static final Path LIST = Path.of("bin/java-opens");

  /** Run as {@code java @bin/java-opens}: prints each package of the list that is not open to it. */
  public static void main(String[] args) throws IOException {
    Module self = JavaOpensTest.class.getModule();
    for (String line : Files.readAllLines(LIST)) {
      if (line.startsWith("--add-opens=")) {
        String[] target = line.substring("--add-opens=".length()).split("[/=]");
        boolean open = ModuleLayer.boot().findModule(target[0]).map(m -> m.isOpen(target[1], self)).orElse(false);
        if (!open) {
          System.out.println("not open: " + target[0] + "/" + target[1]);
        }
      }
    }
    System.out.println("checked");
  }

  @Test
  void javaOpensEveryPackageOfTheList() throws Exception {
    Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "@" + LIST,
        "-cp", System.getProperty("java.class.path"), JavaOpensTest.class.getName()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(), equalTo(0));
    assertThat(out, equalTo("checked\n"));
    assertThat(Files.readString(LIST), containsString("java.base/java.lang=ALL-UNNAMED"));
  }

  @Test
  void theLaunchersPassTheListAndKeepNoCopyOfIt() throws Exception {
    List<Path> launchers = List.of(Path.of("bin/gwreplay"), Path.of("runners/flink/env.sh"), Path.of("bench/run"));
    for (Path l : launchers) {
      assertThat(l + " passes the list", Files.readString(l), containsString("java-opens"));
    }
    assertThat(Files.readString(Path.of("Dockerfile")), containsString("bin/java-opens"));
    List<Path> copies;
    try (Stream<Path> files = Stream.of("bin", "bench", "runners", "Dockerfile", "pom.xml").map(Path::of)
        .flatMap(JavaOpensTest::walk)) {
      copies = files.filter(f -> !f.equals(LIST) && Files.isRegularFile(f) && !f.toString().endsWith(".md"))
          .filter(f -> read(f).contains("--add-opens=")).toList();
    }
    assertThat(copies, empty());
  }

  private static Stream<Path> walk(Path p) {
    try {
      return Files.walk(p).filter(f -> !f.toString().contains("/run/") && !f.toString().contains("/lib/"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String read(Path f) {
    try {
      return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
