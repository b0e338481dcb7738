package org.gwreplay.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.replay.Gap;
import org.gwreplay.replay.ReplayMetrics;
import org.gwreplay.replay.ReplaySpec;
import org.gwreplay.sink.AtomicFiles;
import org.gwreplay.replay.ArrivalSource;
import org.gwreplay.time.GpsTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a replay from the outside, as the pipelines that read its output do: hears of each
 * frame as it arrives whole in the target (its {@link ArrivalSource#watch}: inotify on a
 * directory, a reader of Kafka topics), measures its lateness against the replay clock, and
 * every few seconds writes a machine-readable status file (JSON) and a status line to the log.
 * At the end it gives the run's summary.
 */
public final class ReplayMonitor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReplayMonitor.class);
  static final long STATUS_PERIOD_MS = 2_000;
  static final long LOG_PERIOD_MS = 10_000;
  /** Names remembered per detector for spotting a frame written twice. */
  private static final int RECENT_NAMES = 10_000;
  /** Gaps listed per detector in the status file and the summary. */
  private static final int GAPS_LISTED = 20;

  private final ReplaySpec spec;
  /** Where the frames go, as the status names it. */
  private final String output;
  private final ArrivalSource arrivalSource;
  private final Path statusFile;
  private final Supplier<RunMetrics> metrics;
  private final Map<String, DetectorState> detectors = new LinkedHashMap<>();
  private final LatenessHistogram overall = new LatenessHistogram();
  private final Instant started = Instant.now();
  private final List<Arrivals> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Map<String, String> notes = new java.util.concurrent.ConcurrentHashMap<>();
  private AutoCloseable arrivals;

  private ScheduledExecutorService timer;
  private long lastLog;

  /** Hears of each new frame in the target (once per name), on the watcher's thread. */
  public interface Arrivals {
    /**
     * @param file where it is, or null when the target is not a directory
     * @param latenessMs after the replay clock's due time; 0 when the replay is not paced
     */
    void arrived(String detector, Path file, FrameFileName name, long latenessMs, long bytes);
  }

  /** Adds a listener of arrivals; call before {@link #start()}. */
  public void addListener(Arrivals listener) {
    listeners.add(listener);
  }

  /** The status as of now, with the runner's metrics queried afresh (for a scrape or a page). */
  public ObjectNode currentStatus() {
    return status("running", metricsNow());
  }

  public ReplaySpec spec() {
    return spec;
  }

  /** Adds a top-level field to every status from now on (e.g. where the monitor page is served). */
  public void note(String key, String value) {
    notes.put(key, value);
  }

  static final class DetectorState {
    long files;
    long bytes;
    long duplicates;
    long newestEnd = Long.MIN_VALUE;
    final LatenessHistogram lateness = new LatenessHistogram();
    /** Data time seen written, as merged [start, end) spans: memory grows with gaps, not frames. */
    final org.gwreplay.time.SegmentList.Builder seen = new org.gwreplay.time.SegmentList.Builder();
    final Set<String> recent = new HashSet<>();
    final Deque<String> recentOrder = new ArrayDeque<>();
  }

  /**
   * @param output where the frames go, as the status names it
   * @param arrivals who tells of each frame as it arrives (the replay's target)
   * @param statusFile where the JSON status goes, or null for none
   * @param metrics the pipeline's metrics, as far as the runner reports them while running
   */
  public ReplayMonitor(ReplaySpec spec, String output, ArrivalSource arrivals, Path statusFile, Supplier<RunMetrics> metrics) {
    this.spec = spec;
    this.output = output;
    this.arrivalSource = arrivals;
    this.statusFile = statusFile;
    this.metrics = metrics;
    for (String d : spec.detectors()) {
      detectors.put(d, new DetectorState());
    }
  }

  public void start() throws IOException {
    arrivals = arrivalSource.watch(spec, this::frame);
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "gwreplay-monitor");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(() -> tick("running"), 0, STATUS_PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  /** @param file where it is, or null when the target is not a directory (Kafka) */
  private void frame(String detector, Path file, FrameFileName name, long size, Instant when) {
    // Release is due at the frame's end in data time (the name may be shifted).
    Instant due = spec.clock().releaseTime(GpsTime.ofSeconds(name.gpsEnd() - spec.outputShift()));
    long late = spec.clock().isPaced() ? Duration.between(due, when).toMillis() : 0;
    DetectorState s = detectors.get(detector);
    synchronized (s) {
      String key = name.toString();
      if (!s.recent.add(key)) {
        s.duplicates++;
        return;
      }
      s.recentOrder.add(key);
      if (s.recentOrder.size() > RECENT_NAMES) {
        s.recent.remove(s.recentOrder.poll());
      }
      s.files++;
      s.bytes += size;
      s.seen.add(name.gpsStart() - spec.outputShift(), name.gpsEnd() - spec.outputShift());
      s.newestEnd = Math.max(s.newestEnd, name.gpsEnd() - spec.outputShift());
    }
    s.lateness.add(late);
    overall.add(late);
    for (Arrivals l : listeners) {
      l.arrived(detector, file, name, late, size);
    }
  }

  private void tick(String state) {
    try {
      publish(state, status(state, metricsNow()));
    } catch (RuntimeException e) {
      LOG.warn("cannot build the status: {}", e.getMessage());
    }
  }

  /** Writes the status file and, while running, the periodic status line. */
  private void publish(String state, ObjectNode status) {
    try {
      if (statusFile != null) {
        AtomicFiles.write(statusFile, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(status));
      }
      long now = System.currentTimeMillis();
      if (state.equals("running") && now - lastLog >= LOG_PERIOD_MS) {
        lastLog = now;
        LOG.info(statusLine(status));
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot write status file {}: {}", statusFile, e.getMessage());
    }
  }

  private RunMetrics metricsNow() {
    return metrics == null ? RunMetrics.NONE : metrics.get();
  }

  ObjectNode status(String state, RunMetrics run) {
    ObjectMapper m = new ObjectMapper();
    ObjectNode root = m.createObjectNode();
    root.put("state", state);
    root.put("updated", Instant.now().toString());
    root.put("started", started.toString());
    root.put("source", spec.source().describe());
    root.put("output", output);
    new java.util.TreeMap<>(notes).forEach(root::put);
    ObjectNode clock = root.putObject("clock");
    GpsTime gps = spec.clock().releasedThrough(Instant.now());
    clock.put("paced", spec.clock().isPaced());
    clock.put("speed", spec.clock().isPaced() ? spec.clock().speed() : -1);
    if (gps != null) {
      clock.put("gps", Math.min(gps.seconds(), spec.replayEnd()) + spec.outputShift());
    }
    ObjectNode seg = root.putObject("segments");
    seg.put("start", spec.segments().start() + spec.outputShift());
    seg.put("end", spec.segments().end() + spec.outputShift());
    seg.put("count", spec.segments().segments().size());
    seg.put("seconds", spec.segments().livetime());
    Map<String, Long> c = run.counters();
    ObjectNode dets = root.putObject("detectors");
    for (Map.Entry<String, DetectorState> e : detectors.entrySet()) {
      DetectorState s = e.getValue();
      ObjectNode d = dets.putObject(e.getKey());
      synchronized (s) {
        d.put("files", s.files);
        d.put("bytes", s.bytes);
        d.put("duplicates", s.duplicates);
        if (s.newestEnd != Long.MIN_VALUE) {
          d.put("newestGpsEnd", s.newestEnd + spec.outputShift());
          if (gps != null) {
            d.put("lagSeconds", Math.max(0, Math.min(gps.seconds(), spec.replayEnd()) - s.newestEnd));
          }
        }
      }
      // A counter appears only once incremented: with any counter reported, an absent one is 0.
      Long gaps = c.get(ReplayMetrics.gapSeconds(e.getKey()));
      if (gaps != null || !c.isEmpty()) {
        d.put("gapSeconds", gaps == null ? 0 : gaps);
      }
      Long retries = c.get(ReplayMetrics.retries(e.getKey()));
      if (retries != null || !c.isEmpty()) {
        d.put("retries", retries == null ? 0 : retries);
      }
      for (String k : new String[] {"filesFetched", "bytesFetched", "fetchFailures"}) {
        Long v = c.get(ReplayMetrics.perDetector(k, e.getKey()));
        if (v != null || !c.isEmpty()) {
          d.put(k, v == null ? 0 : v);
        }
      }
      Long unplaced = c.get(ReplayMetrics.unplaced(e.getKey()));
      if (unplaced != null) {
        d.put("unplacedStructures", unplaced);
      }
      Long flagged = c.get(ReplayMetrics.offFlaggedSeconds(e.getKey()));
      if (flagged != null) {
        d.put("offFlaggedSeconds", flagged);
      }
      written(d, run, e.getKey());
      List<Gap> reported = run.gaps().getOrDefault(e.getKey(), List.of());
      if (!reported.isEmpty()) {
        com.fasterxml.jackson.databind.node.ArrayNode gapList = d.putArray("gaps");
        for (Gap g : reported.subList(0, Math.min(reported.size(), GAPS_LISTED))) {
          gapList.addObject().put("start", g.start() + spec.outputShift()).put("end", g.end() + spec.outputShift())
              .put("reason", g.reason());
        }
      }
      latency(d.putObject("latenessMs"), s.lateness);
    }
    latency(root.putObject("latenessMs"), overall);
    return root;
  }

  /**
   * What the sink reports it wrote, from the runner's metrics: the same for every target, whether
   * or not its arrivals are watched (the watch is the target's extra: the readers' view). Absent
   * until the runner reports them.
   */
  private static void written(ObjectNode d, RunMetrics run, String detector) {
    org.apache.beam.sdk.metrics.DistributionResult end = run.distributions().get(ReplayMetrics.gpsWritten(detector));
    Long gps = end == null || end.getCount() == 0 ? null : end.getMax();
    org.apache.beam.sdk.metrics.DistributionResult late = run.distributions().get(ReplayMetrics.latenessMs(detector));
    if (gps == null && (late == null || late.getCount() == 0)) {
      return;
    }
    ObjectNode w = d.putObject("written");
    if (gps != null) {
      w.put("gpsEnd", gps); // as named: shifted when the output is
    }
    if (late != null && late.getCount() > 0) {
      w.putObject("latenessMs").put("count", late.getCount()).put("mean", Math.round(late.getMean()))
          .put("min", late.getMin()).put("max", late.getMax());
    }
  }

  private static void latency(ObjectNode n, LatenessHistogram h) {
    n.put("count", h.count());
    n.put("p50", h.quantile(0.5));
    n.put("p99", h.quantile(0.99));
    n.put("max", h.max());
    n.put("early", h.early());
  }

  static String statusLine(ObjectNode s) {
    StringBuilder b = new StringBuilder();
    if (s.path("clock").has("gps")) {
      b.append("GPS ").append(s.path("clock").path("gps").asLong()).append(" | ");
    }
    s.path("detectors").fields().forEachRemaining(e -> {
      b.append(e.getKey()).append(' ').append(e.getValue().path("files").asLong()).append(" files");
      if (e.getValue().has("lagSeconds")) {
        b.append(", lag ").append(e.getValue().path("lagSeconds").asLong()).append(" s");
      }
      if (e.getValue().path("gapSeconds").asLong() > 0) {
        b.append(", gaps ").append(e.getValue().path("gapSeconds").asLong()).append(" s");
      }
      if (e.getValue().path("retries").asLong() > 0) {
        b.append(", retries ").append(e.getValue().path("retries").asLong());
      }
      b.append(" | ");
    });
    appendLateness(b, s);
    return b.toString();
  }

  private static void appendLateness(StringBuilder b, ObjectNode s) {
    b.append("lateness p50/p99/max ").append(s.path("latenessMs").path("p50").asLong()).append('/')
        .append(s.path("latenessMs").path("p99").asLong()).append('/').append(s.path("latenessMs").path("max").asLong())
        .append(" ms");
  }

  /** Stops watching, writes the final status and returns the end-of-run summary. */
  public String finish(String state) {
    try {
      Thread.sleep(200); // let the watcher see the last rename
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    close();
    // One query of the runner's metrics serves the final status file and the summary.
    RunMetrics run = metricsNow();
    ObjectNode s = status(state, run);
    publish(state, s);
    StringBuilder b = new StringBuilder();
    b.append(String.format("gwreplay summary: %s after %s%n", state,
        Duration.between(started, Instant.now()).toSeconds() + " s"));
    b.append(String.format("%-9s %8s %12s %10s %10s %22s%n", "detector", "files", "bytes", "duplicates", "gap s", "lateness p50/p99/max"));
    List<String> rows = new ArrayList<>();
    s.path("detectors").fields().forEachRemaining(e -> rows.add(String.format("%-9s %8d %12d %10d %10s %22s%n", e.getKey(),
        e.getValue().path("files").asLong(), e.getValue().path("bytes").asLong(), e.getValue().path("duplicates").asLong(),
        e.getValue().has("gapSeconds") ? e.getValue().path("gapSeconds").asText() : "see log",
        e.getValue().path("latenessMs").path("p50").asLong() + "/" + e.getValue().path("latenessMs").path("p99").asLong()
            + "/" + e.getValue().path("latenessMs").path("max").asLong() + " ms")));
    rows.forEach(b::append);
    // Detector-off time: no files (listed below as gaps), or files flagged not observing.
    b.append(spec.offTime() == org.gwreplay.llhoft.OffTime.FLAG
        ? "detector-off time (no data in the source): files written with zero strain, state vector not observing (--off-time=flag)\n"
        : "detector-off time (no data in the source): no files (--off-time=gap)\n");
    s.path("detectors").fields().forEachRemaining(e -> {
      if (e.getValue().path("offFlaggedSeconds").asLong() > 0) {
        b.append(String.format("  %s: %d s of detector-off time written as flagged frames%n", e.getKey(),
            e.getValue().path("offFlaggedSeconds").asLong()));
      }
      if (e.getValue().path("unplacedStructures").asLong() > 0) {
        b.append(String.format("  %s: %d structure(s) of the source could not be placed in an output frame (the log names them)%n",
            e.getKey(), e.getValue().path("unplacedStructures").asLong()));
      }
    });
    for (Map.Entry<String, DetectorState> e : detectors.entrySet()) {
      List<org.gwreplay.time.Segment> gaps;
      synchronized (e.getValue()) {
        // The replayed segments' whole frames for which no file was seen.
        gaps = spec.segments().alignedInwards(spec.frameDuration()).minus(e.getValue().seen.build()).segments();
      }
      int shown = 0;
      for (org.gwreplay.time.Segment g : gaps) {
        if (shown++ == GAPS_LISTED) {
          b.append(String.format("  %s: %d more spans without files (the log lists every gap)%n", e.getKey(), gaps.size() - GAPS_LISTED));
          break;
        }
        // Why: what the reader reported for that data time; nothing reported means the files
        // were written and have gone since (retention, or removed by someone else).
        List<String> why = run.reasons(e.getKey(), g.start(), g.end());
        b.append(String.format("  %s: no files for GPS %d-%d (%d s of data): %s%n", e.getKey(),
            g.start() + spec.outputShift(), g.end() + spec.outputShift(), g.duration(),
            why.isEmpty() ? "no gap reported by the reader (see the log)" : String.join("; ", why)));
      }
    }
    if (statusFile != null) {
      b.append("status file: ").append(statusFile).append('\n');
    }
    return b.toString();
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
    if (arrivals != null) {
      try {
        arrivals.close();
      } catch (Exception e) {
        LOG.debug("closing the arrivals' source: {}", e.getMessage());
      }
    }
  }
}
