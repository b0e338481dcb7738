package org.gwreplay.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gwreplay.cli.Main;

/**
 * A real paced replay of the demo source through the command line, with {@code --monitor} on an
 * ephemeral loopback port, run in the background while a test talks to its endpoints.
 */
final class LiveReplay implements AutoCloseable {

  final Path output;
  final Path statusFile;
  private final CompletableFuture<Integer> exit;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private URI base;

  LiveReplay(Path tmp, String detectors, int seconds, String... extra) {
    this.output = tmp.resolve("out");
    this.statusFile = tmp.resolve("status.json");
    List<String> args = new ArrayList<>(List.of("--detectors=" + detectors, "--gps-start=1238166018",
        "--gps-end=" + (1238166018 + seconds), "--speed=1", "--start-delay=2", "--retention=0",
        "--output=" + output, "--status-file=" + statusFile, "--monitor=127.0.0.1:0"));
    for (String e : extra) {
      // An extra option replaces the default of the same name.
      String key = e.contains("=") ? e.substring(0, e.indexOf('=') + 1) : e;
      args.removeIf(a -> a.startsWith(key));
      args.add(e);
    }
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    exit = CompletableFuture.supplyAsync(() -> Main.run(args.toArray(String[]::new), o, e));
  }

  /** The monitor's address, once the status file names it (the port was picked by the system). */
  URI base() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (base == null) {
      if (exit.isDone()) {
        throw new AssertionError("the replay ended before its monitor was up: " + err.toString(StandardCharsets.UTF_8));
      }
      if (Files.exists(statusFile)) {
        JsonNode s = new ObjectMapper().readTree(Files.readString(statusFile));
        if (s.has("monitor")) {
          base = URI.create(s.path("monitor").asText());
          break;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no monitor address in " + statusFile + " after 60 s");
      }
      Thread.sleep(200);
    }
    return base;
  }

  HttpResponse<String> send(String method, String path) throws Exception {
    HttpRequest r = HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(20))
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    return http.send(r, HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return send("GET", path);
  }

  /** Waits until {@code detector}'s directory holds at least {@code n} frame files. */
  void awaitFiles(String detector, int n) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (files(detector).size() < n) {
      if (exit.isDone() || System.nanoTime() > deadline) {
        throw new AssertionError("fewer than " + n + " files of " + detector + ": " + err.toString(StandardCharsets.UTF_8));
      }
      Thread.sleep(200);
    }
  }

  /** The detector's visible frame files, in GPS order (names sort by GPS within one day's digits). */
  List<Path> files(String detector) throws Exception {
    Path dir = output.resolve(detector);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".gwf") && !p.getFileName().toString().startsWith("."))
          .sorted().toList();
    }
  }

  boolean running() {
    return !exit.isDone();
  }

  int awaitExit() throws Exception {
    return exit.get(120, TimeUnit.SECONDS);
  }

  String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws Exception {
    awaitExit();
  }
}
