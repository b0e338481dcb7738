package org.gwreplay.flink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.gwf.GwfReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone Flink 1.19 session cluster (JobManager and TaskManager processes started by
 * runners/flink/start-cluster from Maven Central jars), the replay submitted to it by
 * runners/flink/submit with the shaded jar, checked through the files and Flink's REST API. Then
 * the TaskManager is killed in the middle of a checkpointed replay and replaced: Flink restores
 * the job from its last checkpoint and the output has every frame, once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlinkClusterIT {

  private static final Path FLINK = Paths.get("runners/flink").toAbsolutePath();
  private static final String REST = "http://127.0.0.1:8081";
  private static final long START = 1238166016;

  @TempDir static Path run;

  @BeforeAll
  static void startCluster() throws Exception {
    script(List.of(FLINK.resolve("start-cluster").toString()), Duration.ofMinutes(5));
  }

  @AfterAll
  static void stopCluster() throws Exception {
    script(List.of(FLINK.resolve("stop-cluster").toString()), Duration.ofMinutes(1));
  }

  private static String script(List<String> command, Duration timeout) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("GWREPLAY_FLINK_RUN", run.toString());
    Path log = Files.createTempFile(run, "script", ".log");
    Process p = pb.redirectOutput(log.toFile()).start();
    if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command + " timed out:\n" + Files.readString(log));
    }
    String out = Files.readString(log);
    if (p.exitValue() != 0) {
      throw new AssertionError(command + " failed (" + p.exitValue() + "):\n" + out);
    }
    return out;
  }

  private static Process submit(Path out, List<String> extra) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(FLINK.resolve("submit").toString(), "--source=demo",
        "--detectors=H1,L1,V1", "--output=" + out, "--status-file=none", "--retention=0"));
    cmd.addAll(extra);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(out.resolveSibling(out.getFileName() + ".log").toFile());
    pb.environment().put("GWREPLAY_FLINK_RUN", run.toString());
    return pb.start();
  }

  private static String rest(String path) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(REST + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode(), equalTo(200));
    return r.body();
  }

  private static List<Long> starts(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".gwf") && !n.startsWith("."))
          .map(n -> FrameFileName.parse(n).gpsStart()).sorted().toList();
    }
  }

  private static void assertComplete(Path out, long start, long end) throws Exception {
    List<Long> all = LongStream.range(start, end).boxed().toList();
    for (String d : List.of("H1", "L1", "V1")) {
      assertThat(d + " has every frame once", starts(out.resolve(d)), equalTo(all));
      try (Stream<Path> s = Files.list(out.resolve(d))) {
        for (Path f : s.toList()) {
          assertThat(GwfReader.read(f).get(0).start().seconds(), equalTo(FrameFileName.parse(f.getFileName().toString()).gpsStart()));
        }
      }
    }
  }

  @Test
  @Order(1)
  void replaysOnTheSessionCluster() throws Exception {
    Path out = run.resolve("plain");
    Process p = submit(out, List.of("--gps-start=" + START, "--gps-end=" + (START + 12), "--speed=2"));
    assertThat("submit finished", p.waitFor(5, TimeUnit.MINUTES), equalTo(true));
    assertThat(Files.readString(out.resolveSibling("plain.log")), p.exitValue(), equalTo(0));
    assertComplete(out, START, START + 12);
    String jobs = rest("/jobs/overview");
    assertThat(jobs, containsString("\"state\":\"FINISHED\""));
    assertThat(jobs, containsString("gwreplay-h1l1v1-" + START));
  }

  @Test
  @Order(3)
  void resumesTheWholeJobFromASavepoint() throws Exception {
    Path out = run.resolve("savepoint");
    long end = START + 40;
    List<String> args = List.of("--gps-start=" + START, "--gps-end=" + end, "--speed=2",
        "--checkpointingInterval=1000", "--shutdownSourcesAfterIdleMs=3000", "--jobName=gwreplay-savepoint-test");
    Process first = submit(out, args);
    long deadline = System.currentTimeMillis() + 180_000;
    while (System.currentTimeMillis() < deadline && starts(out.resolve("V1")).size() < 6) {
      Thread.sleep(100);
    }
    assertThat("replay under way before the stop", starts(out.resolve("V1")).size(), greaterThanOrEqualTo(6));
    String jobs = rest("/jobs/overview");
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("\\{\"jid\":\"([0-9a-f]+)\",\"name\":\"gwreplay-savepoint-test\"[^}]*\"state\":\"RUNNING\"").matcher(jobs);
    assertThat(jobs, m.find(), equalTo(true));
    String jid = m.group(1);
    // Stop the whole job with a savepoint, as an operator upgrading or moving it would.
    HttpResponse<String> stop = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(REST + "/jobs/" + jid + "/stop"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"targetDirectory\":\"file://" + run.resolve("sp") + "\",\"drain\":false}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(stop.body(), stop.statusCode(), equalTo(202));
    String trigger = stop.body().replaceAll(".*\"request-id\":\"([^\"]+)\".*", "$1");
    String location = null;
    while (location == null && System.currentTimeMillis() < deadline) {
      String status = rest("/jobs/" + jid + "/savepoints/" + trigger);
      java.util.regex.Matcher loc = java.util.regex.Pattern.compile("\"location\":\"([^\"]+)\"").matcher(status);
      if (loc.find()) {
        location = loc.group(1);
      } else {
        assertThat(status, status.contains("failure-cause"), equalTo(false));
        Thread.sleep(200);
      }
    }
    assertThat("savepoint taken", location != null, equalTo(true));
    assertThat(first.waitFor(2, TimeUnit.MINUTES), equalTo(true));
    int before = starts(out.resolve("V1")).size();
    assertThat("stopped mid-replay", before < 40, equalTo(true));
    List<String> again = new ArrayList<>(args);
    again.add("--savepointPath=" + location);
    Process second = submit(out, again);
    assertThat("resumed job finished", second.waitFor(5, TimeUnit.MINUTES), equalTo(true));
    assertThat(Files.readString(out.resolveSibling("savepoint.log")), second.exitValue(), equalTo(0));
    assertComplete(out, START, end);
  }

  @Test
  @Order(2)
  void survivesTheLossOfItsTaskManager() throws Exception {
    Path out = run.resolve("killed");
    long end = START + 48;
    Process p = submit(out, List.of("--gps-start=" + START, "--gps-end=" + end, "--speed=2",
        "--checkpointingInterval=1000", "--shutdownSourcesAfterIdleMs=3000"));
    long deadline = System.currentTimeMillis() + 180_000;
    while (System.currentTimeMillis() < deadline && starts(out.resolve("V1")).size() < 8) {
      Thread.sleep(100);
    }
    assertThat("replay under way before the kill", starts(out.resolve("V1")).size(), greaterThanOrEqualTo(8));
    long tm = Long.parseLong(Files.readString(run.resolve("taskmanager-0.pid")).trim());
    ProcessHandle.of(tm).ifPresent(ProcessHandle::destroyForcibly);
    script(List.of(FLINK.resolve("start-cluster").toString(), "taskmanager"), Duration.ofMinutes(2));
    assertThat("submit finished", p.waitFor(6, TimeUnit.MINUTES), equalTo(true));
    assertThat(Files.readString(out.resolveSibling("killed.log")), p.exitValue(), equalTo(0));
    assertComplete(out, START, end);
    assertThat(rest("/jobs/overview"), containsString("\"state\":\"FINISHED\""));
  }
}
