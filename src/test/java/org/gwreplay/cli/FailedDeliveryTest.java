package org.gwreplay.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.rucio.FaultyStorage;
import org.gwreplay.rucio.RucioTestLake;
import org.gwreplay.source.DemoSource;
import org.gwreplay.source.SourceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs that cannot deliver end with exit 1, one line saying what failed and what to check, and a
 * status file saying "failed" (issue 17, item 1). Everything is real: the command's own entry
 * point, a rucio.cfg pointing at a closed loopback port, a Rucio catalog whose only replicas are
 * on storage that always answers 500, directory lakes with corrupt files.
 */
class FailedDeliveryTest {

  private static final long START = 1238166016;

  @TempDir Path tmp;

  private final CommandRun command = new CommandRun();

  private int run(String... args) {
    return command.run(args);
  }

  private String state(Path output) throws Exception {
    return new ObjectMapper().readTree(tmp.resolve(output.getFileName() + ".status.json").toFile()).path("state").asText();
  }

  @Test
  void aCatalogThatCannotBeReachedEndsTheRunQuicklyWithExit1() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    Path cfg = Files.writeString(tmp.resolve("rucio.cfg"), String.join("\n", "[client]",
        "rucio_host = https://127.0.0.1:" + port, "auth_host = https://127.0.0.1:" + port, "auth_type = userpass",
        "account = alice", "username = alice", "password = secret", ""));
    Path out = tmp.resolve("out");
    long began = System.nanoTime();
    // Ten minutes of data: failing must not wait for every frame's retries.
    int status = run("--source=rucio:ligo:O3_llhoft", "--rucio-config=" + cfg, "--detectors=H1",
        "--gps-start=" + START, "--gps-end=" + (START + 600), "--speed=max", "--output=" + out);
    long seconds = (System.nanoTime() - began) / 1_000_000_000L;
    assertThat(status, equalTo(1));
    String line = command.oneLine();
    assertThat(line, containsString("H1"));
    assertThat(line, containsString("https://127.0.0.1:" + port));
    assertThat(line, containsString("auth server"));
    assertThat(line, containsString("rucio.cfg"));
    assertThat("ended quickly, in " + seconds + " s", seconds, lessThan(60L));
    assertThat(state(out), equalTo("failed"));
  }

  @Test
  void storageThatNeverAnswersFailsTheRun() throws Exception {
    Path out = tmp.resolve("out");
    DemoSource demo = new DemoSource(START + 6, 1);
    try (RucioTestLake lake = RucioTestLake.startCatalogOnly(Files.createDirectories(tmp.resolve("lake"))); FaultyStorage sick = new FaultyStorage()) {
      for (long t = START; t < START + 12; t++) {
        FrameFileName name = new FrameFileName("H", "H1_llhoft", t, 1);
        byte[] bytes = demo.fetch(new SourceFile("H1", name, "", -1, null, null));
        Map<String, String> replicas = new LinkedHashMap<>();
        replicas.put(sick.url("500", bytes.length, name.toString()), RucioTestLake.RSE);
        lake.registerWithReplicas(name.toString(), bytes, replicas);
      }
      int status = run("--source=rucio:" + RucioTestLake.SCOPE, "--rucio-config=" + lake.rucioConfig(),
          "--rucio-schemes=https,http", "--rucio-max-file-seconds=1", "--rucio-backoff-millis=10",
          "--detectors=H1", "--gps-start=" + START, "--gps-end=" + (START + 12), "--speed=max", "--output=" + out);
      assertThat(status, equalTo(1));
      String line = command.oneLine();
      assertThat(line, containsString("cannot fetch"));
      assertThat(line, containsString("storage"));
      assertThat(state(out), equalTo("failed"));
    }
  }

  @Test
  void anOutputThatCannotBeWrittenFailsTheRunAndSaysWhy() throws Exception {
    Path out = tmp.resolve("out");
    Files.createDirectories(out);
    Files.writeString(out.resolve("H1"), "a file where the detector's directory should be");
    assertThat(run("--source=demo", "--detectors=H1", "--gps-start=" + START, "--gps-end=" + (START + 4),
        "--speed=max", "--output=" + out), equalTo(1));
    String line = command.oneLine();
    assertThat(line, containsString(out.resolve("H1").toString()));
    assertThat(line, containsString("not a directory"));
    assertThat(state(out), equalTo("failed"));
  }

  /** A directory lake of 1-s H1 files for [START, START+20), without {@code absent}, with {@code corrupt} damaged. */
  private Path lake(Set<Long> absent, Set<Long> corrupt) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("dirlake"));
    DemoSource demo = new DemoSource(START + 30, 1);
    for (long t = START; t < START + 20; t++) {
      if (absent.contains(t)) {
        continue;
      }
      FrameFileName name = new FrameFileName("H", "H1_llhoft", t, 1);
      byte[] bytes = demo.fetch(new SourceFile("H1", name, "", -1, null, null));
      if (corrupt.contains(t)) {
        bytes[bytes.length / 2] ^= 0x55;
      }
      Files.write(dir.resolve(name.toString()), bytes);
    }
    return dir;
  }

  private int replayLake(Path lake, String... extra) {
    List<String> args = new ArrayList<>(List.of("--source=dir:" + lake, "--detectors=H1", "--gps-start=" + START,
        "--gps-end=" + (START + 20), "--speed=max", "--retention=0", "--output=" + tmp.resolve("out")));
    args.addAll(Arrays.asList(extra));
    return run(args.toArray(new String[0]));
  }

  @Test
  void aFewCorruptFilesUnderTheThresholdStillSucceed() throws Exception {
    // 1 of 20 s lost (5 %) is within the default 10 %; a 5-s hole in the source is no loss at all.
    Path lake = lake(Set.of(START + 12, START + 13, START + 14, START + 15, START + 16), Set.of(START + 8));
    assertThat(command.stderr(), replayLake(lake), equalTo(0));
    assertThat(state(tmp.resolve("out")), equalTo("done"));
  }

  @Test
  void moreLostThanTheThresholdFailsUnlessAllowed() throws Exception {
    Path lake = lake(Set.of(), Set.of(START + 8, START + 9, START + 10));
    assertThat(replayLake(lake), equalTo(1));
    String line = command.oneLine();
    assertThat(line, containsString("H1: 3 of 20 s of data could not be replayed, more than the 10% allowed by --max-missing"));
    assertThat(line, containsString("corrupt file"));
    assertThat(state(tmp.resolve("out")), equalTo("failed"));

    command.reset();
    assertThat(replayLake(lake, "--max-missing=0.2"), equalTo(0));
    assertThat(replayLake(lake, "--allow-gaps"), equalTo(0));
  }

  @Test
  void aSourceWithNoDataAtAllDeliversNothingAndFails() throws Exception {
    Path lake = lake(Set.of(), Set.of());
    int status = run("--source=dir:" + lake, "--detectors=L1", "--gps-start=" + START, "--gps-end=" + (START + 20),
        "--speed=max", "--output=" + tmp.resolve("out"));
    assertThat(status, equalTo(1));
    assertThat(command.oneLine(), containsString("L1: no frame was replayed (no data in the source)"));
  }

  /** A lake of 1-s H1 files for [START, START+seconds). */
  private Path lakeOf(long seconds) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("longlake"));
    DemoSource demo = new DemoSource(START + 30, 1);
    for (long t = START; t < START + seconds; t++) {
      FrameFileName name = new FrameFileName("H", "H1_llhoft", t, 1);
      Files.write(dir.resolve(name.toString()), demo.fetch(new SourceFile("H1", name, "", -1, null, null)));
    }
    return dir;
  }

  @Test
  void anUnpacedRunReadInShardsIsJudgedPerDetector() throws Exception {
    // 256 s at speed max is read in GPS shards: the later ones find no data, which is no failure
    // while the detector delivered; a detector with nothing in any shard fails once all are done.
    Path lake = lakeOf(80);
    assertThat(command.stderr(), run("--source=dir:" + lake, "--detectors=H1", "--gps-start=" + START,
        "--gps-end=" + (START + 256), "--speed=max", "--retention=0", "--output=" + tmp.resolve("out")), equalTo(0));
    assertThat(run("--source=dir:" + lake, "--detectors=L1", "--gps-start=" + START, "--gps-end=" + (START + 256),
        "--speed=max", "--output=" + tmp.resolve("out2")), equalTo(1));
    assertThat(command.oneLine(), containsString("L1: no frame was replayed (no data in the source)"));
  }

  @Test
  void badMaxMissingIsRefused() {
    assertThat(run("--source=demo", "--detectors=H1", "--gps-start=" + START, "--gps-end=" + (START + 2),
        "--max-missing=1.5", "--output=" + tmp.resolve("out")), equalTo(2));
    assertThat(command.oneLine(), containsString("--max-missing"));
  }
}
