package org.gwreplay.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.gwreplay.cli.Main;
import org.gwreplay.gwf.GwfReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared volume failing under a replay: a real small tmpfs that fills up, and the same made
 * read-only mid-run. The replay stops with a clear error, leaves only whole files, and --resume
 * completes it once the fault is cleared. Mounting a tmpfs needs root (as in CI here); where it
 * is refused the tests skip, saying so.
 */
class SinkFaultTest {

  private static final long START = 1238166018;

  @TempDir Path tmp;
  private Path volume;
  private boolean mounted;

  private static int sh(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }

  @BeforeEach
  void mount() throws Exception {
    volume = tmp.resolve("volume");
    Files.createDirectories(volume);
    mounted = sh("mount", "-t", "tmpfs", "-o", "size=640k", "tmpfs", volume.toString()) == 0;
    assumeTrue(mounted, "cannot mount a tmpfs here (needs root): skipped");
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted) {
      sh("umount", "-l", volume.toString());
    }
  }

  private String[] replay(long seconds, String... extra) {
    List<String> a = new java.util.ArrayList<>(List.of("--source=demo", "--detectors=H1", "--gps-start=" + START,
        "--gps-end=" + (START + seconds), "--output=" + volume.resolve("llhoft"), "--retention=0", "--status-file=none"));
    a.addAll(List.of(extra));
    return a.toArray(new String[0]);
  }

  private int run(String[] args, ByteArrayOutputStream err) {
    return Main.run(args, new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private List<Path> files() throws Exception {
    try (Stream<Path> s = Files.list(volume.resolve("llhoft/H1"))) {
      return s.sorted().toList();
    }
  }

  private void assertOnlyWholeFrames() throws Exception {
    for (Path f : files()) {
      assertThat("no temporary file is visible: " + f, f.getFileName().toString().startsWith("."), equalTo(false));
      assertThat(GwfReader.read(f).get(0).start().seconds(), equalTo(Long.parseLong(f.getFileName().toString().split("-")[2])));
    }
  }

  private void assertComplete(long seconds) throws Exception {
    assertThat(files().stream().map(f -> Long.parseLong(f.getFileName().toString().split("-")[2])).toList(),
        equalTo(LongStream.range(START, START + seconds).boxed().toList()));
  }

  @Test
  void aFullDiskStopsTheReplayCleanlyAndResumeFinishesIt() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(run(replay(10, "--speed=max"), err), equalTo(1));
    assertThat(err.toString(StandardCharsets.UTF_8), containsString("No space left on device"));
    assertThat(err.toString(StandardCharsets.UTF_8), containsString("cannot write"));
    int before = files().size();
    assertThat(before, lessThan(10));
    assertOnlyWholeFrames();

    assertThat(sh("mount", "-o", "remount,size=4m", volume.toString()), equalTo(0));
    assertThat(run(replay(10, "--speed=max", "--resume"), new ByteArrayOutputStream()), equalTo(0));
    assertComplete(10);
    assertOnlyWholeFrames();
  }

  @Test
  void aVolumeTurnedReadOnlyMidRunStopsTheReplayAndResumeFinishesIt() throws Exception {
    assertThat(sh("mount", "-o", "remount,size=8m", volume.toString()), equalTo(0));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread remount = new Thread(() -> {
      try {
        Path h1 = volume.resolve("llhoft/H1");
        while (!Files.isDirectory(h1) || files().size() < 3) {
          Thread.sleep(20);
        }
        sh("mount", "-o", "remount,ro", volume.toString());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    remount.start();
    assertThat(run(replay(12, "--speed=4", "--start-delay=2"), err), equalTo(1));
    remount.join();
    assertThat(err.toString(StandardCharsets.UTF_8), containsString("Read-only file system"));
    assertThat(files().size(), greaterThan(2));
    assertOnlyWholeFrames();

    assertThat(sh("mount", "-o", "remount,rw", volume.toString()), equalTo(0));
    assertThat(run(replay(12, "--speed=max", "--resume"), new ByteArrayOutputStream()), equalTo(0));
    assertComplete(12);
    assertThat(Files.list(volume.resolve("llhoft/H1")).filter(p -> p.getFileName().toString().startsWith(".")).toList(), empty());
  }
}
