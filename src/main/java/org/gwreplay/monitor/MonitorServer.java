package org.gwreplay.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.gwreplay.replay.ReplaySpec;
import org.gwreplay.sink.SharedDirectory;
import org.gwreplay.status.ReplayMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a running replay over HTTP, read-only: {@code /metrics} (Prometheus), {@code /health}
 * (200, or 503 with the reason, for probes), {@code /} (a live page), and the page's data
 * ({@code /status.json}, SVG plots under {@code /plot/}). Everything shown comes from the
 * {@link ReplayMonitor}'s status, which holds no secret (the source describes itself without
 * one), and from the output files. Only GET and HEAD are answered; anything else is 405.
 */
public final class MonitorServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MonitorServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MonitorAddress address;
  private final ReplayMonitor monitor;
  private final ReplaySpec spec;
  /** Where the newest frames are read back from for the page; null when the output is no directory (Kafka). */
  private final SharedDirectory directory;
  private final Health health;
  private final MonitorMetrics metrics;
  private final LatenessHistory history;
  private final Map<String, FramePreview> previews = new LinkedHashMap<>();
  private final Map<String, String> plots = new LinkedHashMap<>();
  private static final long FRESH_MS = 250;
  private JsonNode fresh;
  private long freshAt;
  private HttpServer server;
  private ExecutorService workers;
  private ScheduledExecutorService sampler;

  public MonitorServer(MonitorAddress address, ReplayMonitor monitor, SharedDirectory directory, long maxLagSeconds) {
    if (maxLagSeconds <= 0) {
      throw new IllegalArgumentException("--health-max-lag must be a positive number of seconds, not " + maxLagSeconds);
    }
    this.address = address;
    this.monitor = monitor;
    this.spec = monitor.spec();
    this.directory = directory;
    this.health = new Health(spec, maxLagSeconds);
    this.metrics = new MonitorMetrics(this::status, () -> health.check(status(), Instant.now()));
    this.history = new LatenessHistory(spec.detectors());
    boolean paced = spec.clock().isPaced();
    monitor.addListener((detector, file, name, latenessMs, bytes) -> {
      if (paced) {
        metrics.observeLateness(detector, latenessMs);
        history.add(detector, System.currentTimeMillis(), latenessMs);
      }
    });
  }

  /** Binds and serves; a port in use is a one-line IOException. */
  public void start() throws IOException {
    try {
      server = HttpServer.create(address.socketAddress(), 16);
    } catch (java.net.BindException e) {
      throw new IOException("--monitor cannot listen on " + address.host() + ":" + address.port() + ": " + e.getMessage());
    }
    if (!address.isLoopback()) {
      LOG.warn("the monitor listens on {}:{}, reachable from other machines: it shows the replay's status to anyone who can connect",
          address.host(), port());
    }
    MetricsHandler prometheus = new MetricsHandler(metrics.registry());
    server.createContext("/metrics", readOnly(ex -> {
      if (ex.getRequestMethod().equals("HEAD")) {
        send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", new byte[0]);
      } else {
        prometheus.handle(ex);
      }
    }));
    server.createContext("/health", readOnly(ex -> {
      ObjectNode h = health.check(status(), Instant.now());
      send(ex, h.path("healthy").asBoolean() ? 200 : 503, "application/json", JSON.writeValueAsBytes(h));
    }));
    server.createContext("/status.json", readOnly(ex -> send(ex, 200, "application/json", JSON.writeValueAsBytes(pageData()))));
    server.createContext("/plot/", readOnly(this::plot));
    server.createContext("/", readOnly(this::resource));
    workers = Executors.newFixedThreadPool(2, daemon("gwreplay-monitor-http"));
    server.setExecutor(workers);
    server.start();
    sampler = Executors.newSingleThreadScheduledExecutor(daemon("gwreplay-monitor-sample"));
    sampler.scheduleAtFixedRate(() -> history.sample(System.currentTimeMillis()), 2, 2, TimeUnit.SECONDS);
    String host = address.host().contains(":") ? "[" + address.host() + "]" : address.host();
    String url = "http://" + host + ":" + port() + "/";
    monitor.note("monitor", url);
    LOG.info("monitor: {} (metrics at /metrics, health at /health)", url);
  }

  /**
   * The monitor's status as of now, built at most every {@value #FRESH_MS} ms: one scrape reads
   * it for a dozen metrics, and each build queries the runner's metrics.
   */
  private synchronized JsonNode status() {
    long now = System.nanoTime();
    if (fresh == null || now - freshAt > FRESH_MS * 1_000_000) {
      fresh = monitor.currentStatus();
      freshAt = now;
    }
    return fresh;
  }

  /** The port listened on (the one picked, for port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The monitor's status plus what the page shows beside it: health, state channels, newest files. */
  ObjectNode pageData() {
    ObjectNode out = JSON.createObjectNode();
    JsonNode status = status();
    out.set("status", status == null ? JSON.createObjectNode() : status);
    out.set("health", health.check(status, Instant.now()));
    ArrayNode dets = out.putArray("detectors");
    for (String d : spec.detectors()) {
      ObjectNode n = dets.addObject().put("name", d).put("color", Colors.of(d));
      FramePreview p = preview(d);
      if (p == null) {
        continue;
      }
      n.put("newestFile", p.newestFile());
      n.put("strainChannel", p.strainChannel());
      n.put("stateChannel", p.stateChannel());
      if (p.stateValue() != null) {
        n.put("stateValue", p.stateValue());
        ArrayNode bits = n.putArray("stateBits");
        FramePreview.bitNames(d, p.stateValue()).forEach(bits::add);
      }
    }
    return out;
  }

  /** The detector's newest frames, re-read only when a newer file has appeared. */
  private FramePreview preview(String detector) {
    if (directory == null) {
      return null;
    }
    Path dir = directory.directoryFor(detector);
    try {
      List<Path> newest = FramePreview.newest(dir, detector, 1);
      synchronized (previews) {
        FramePreview cached = previews.get(detector);
        if (newest.isEmpty()) {
          return cached;
        }
        if (cached != null && cached.newestFile().equals(newest.get(0).getFileName().toString())) {
          return cached;
        }
      }
      FramePreview fresh = FramePreview.read(dir, detector);
      synchronized (previews) {
        if (fresh != null) {
          previews.put(detector, fresh);
        }
        return previews.get(detector);
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("cannot read the newest frame of {}: {}", detector, e.toString());
      synchronized (previews) {
        return previews.get(detector);
      }
    }
  }

  private void plot(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String detector = query(ex.getRequestURI(), "detector");
    String svg;
    if (path.equals("/plot/lateness.svg")) {
      svg = history.svg(System.currentTimeMillis());
    } else if ((path.equals("/plot/strain.svg") || path.equals("/plot/asd.svg")) && spec.detectors().contains(detector)) {
      svg = framePlot(detector, path.equals("/plot/strain.svg"));
    } else {
      send(ex, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
      return;
    }
    send(ex, 200, "image/svg+xml", svg.getBytes(StandardCharsets.UTF_8));
  }

  /** A plot of the newest frames, drawn once per newest file (every browser showing the page asks for it). */
  private String framePlot(String detector, boolean strain) {
    FramePreview p = preview(detector);
    String key = detector + (strain ? " strain " : " asd ") + (p == null ? "" : p.newestFile());
    synchronized (plots) {
      String svg = plots.get(key);
      if (svg != null) {
        return svg;
      }
    }
    String svg = strain ? strainSvg(p, detector) : asdSvg(p, detector);
    synchronized (plots) {
      plots.keySet().removeIf(k -> k.startsWith(detector + (strain ? " strain " : " asd ")));
      plots.put(key, svg);
    }
    return svg;
  }

  private String strainSvg(FramePreview p, String detector) {
    List<Svg.Series> s = new ArrayList<>();
    String title = detector + " strain";
    if (p != null && p.strain().length > 0) {
      double end = p.gpsStart() + p.strain().length / p.sampleRate();
      double[] t = new double[p.strain().length];
      for (int i = 0; i < t.length; i++) {
        t[i] = p.gpsStart() + i / p.sampleRate() - end;
      }
      s.add(new Svg.Series(p.strainChannel(), Colors.of(detector), t, p.strain(), false));
      title += String.format(java.util.Locale.ROOT, " to GPS %.0f", end);
    }
    return Svg.plot(title, "seconds before the newest frame's end", "strain", s, false, false);
  }

  private String asdSvg(FramePreview p, String detector) {
    List<Svg.Series> s = new ArrayList<>();
    Asd.Spectrum a = p == null ? null : p.asd();
    if (a != null) {
      // From 10 Hz: below it the seismic wall dwarfs the band that matters.
      int from = 0;
      while (from < a.frequencies().length && a.frequencies()[from] < 10) {
        from++;
      }
      s.add(new Svg.Series(p.strainChannel(), Colors.of(detector),
          java.util.Arrays.copyOfRange(a.frequencies(), from, a.frequencies().length),
          java.util.Arrays.copyOfRange(a.asd(), from, a.asd().length), false));
    }
    return Svg.plot(detector + " amplitude spectral density", "Hz", "strain/\u221aHz", s, true, true);
  }

  private static final Map<String, String> PAGE = Map.of("/", "index.html", "/index.html", "index.html", "/app.js", "app.js",
      "/style.css", "style.css");

  private void resource(HttpExchange ex) throws IOException {
    String name = PAGE.get(ex.getRequestURI().getPath());
    if (name == null) {
      send(ex, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
      return;
    }
    byte[] body;
    try (InputStream in = MonitorServer.class.getResourceAsStream(name)) {
      body = in.readAllBytes();
    }
    String type = name.endsWith(".html") ? "text/html; charset=utf-8" : name.endsWith(".js") ? "text/javascript; charset=utf-8"
        : "text/css; charset=utf-8";
    send(ex, 200, type, body);
  }

  private static String query(URI uri, String key) {
    String q = uri.getRawQuery();
    if (q == null) {
      return null;
    }
    for (String kv : q.split("&")) {
      String[] p = kv.split("=", 2);
      if (p[0].equals(key) && p.length == 2) {
        return java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /** GET and HEAD only: the endpoints change nothing, and say so to anything else. */
  private static HttpHandler readOnly(HttpHandler h) {
    return ex -> {
      try (ex) {
        String m = ex.getRequestMethod();
        if (!m.equals("GET") && !m.equals("HEAD")) {
          ex.getResponseHeaders().set("Allow", "GET, HEAD");
          send(ex, 405, "text/plain; charset=utf-8", ("method " + m + " not allowed: the monitor is read-only\n").getBytes(StandardCharsets.UTF_8));
          return;
        }
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        ex.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'");
        h.handle(ex);
      } catch (IOException | RuntimeException e) {
        // The client went away, or a bug: log it, never show its details (they may name paths).
        LOG.debug("monitor request {} failed: {}", ex.getRequestURI().getPath(), e.toString());
      }
    };
  }

  private static void send(HttpExchange ex, int code, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(code, head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    if (sampler != null) {
      sampler.shutdownNow();
    }
    if (server != null) {
      server.stop(0);
    }
    if (workers != null) {
      workers.shutdownNow();
    }
  }
}
