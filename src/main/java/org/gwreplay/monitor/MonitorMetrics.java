package org.gwreplay.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The replay's metrics for Prometheus. Counts and times are read at scrape time from the
 * monitor's status (files seen in the output, the runner's counters for gaps, retries and
 * fetches); lateness is a histogram fed by each arrival. Its own registry, so nothing else of the
 * JVM leaks into the page's process.
 */
final class MonitorMetrics {

  /** Seconds: ms-level pacing (a few ms on Flink) up to a minute late. */
  static final double[] LATENESS_BUCKETS = {0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60};

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Histogram lateness;

  /** @param health the /health answer, whose per-detector lag (data time, holes between segments excluded) is the lag metric */
  MonitorMetrics(Supplier<JsonNode> status, Supplier<JsonNode> health) {
    lateness = Histogram.builder().name("gwreplay_lateness_seconds")
        .help("Time from the replay clock passing a frame's end to its file appearing in the output (paced replays)")
        .labelNames("detector").classicUpperBounds(LATENESS_BUCKETS).classicOnly().register(registry);
    counter(status, "gwreplay_frames_written", "Frame files seen appearing in the output", "files");
    counter(status, "gwreplay_bytes_written", "Bytes of the frame files seen in the output", "bytes");
    counter(status, "gwreplay_duplicate_frames", "Frame files written again under a name already seen", "duplicates");
    counter(status, "gwreplay_gap_seconds", "Seconds of data time with no file because the source had none usable", "gapSeconds");
    counter(status, "gwreplay_retries", "Failed source attempts that were retried or failed over", "retries");
    counter(status, "gwreplay_source_files_fetched", "Files fetched from the source (rate() gives the fetch rate)", "filesFetched");
    counter(status, "gwreplay_source_bytes_fetched", "Bytes fetched from the source", "bytesFetched");
    counter(status, "gwreplay_source_fetch_failures", "Source files that could not be fetched after retries", "fetchFailures");
    counter(status, "gwreplay_unplaced_structures", "Source structures that re-framing could not place in an output frame (the log names them)", "unplacedStructures");
    counter(status, "gwreplay_off_flagged_seconds", "Seconds of detector-off time written as frames flagged not observing (--off-time=flag)", "offFlaggedSeconds");
    gauge(status, "gwreplay_newest_gps_written_seconds", "GPS end of the newest frame file seen in the output", "newestGpsEnd");
    GaugeWithCallback.builder().name("gwreplay_lag_seconds")
        .help("Seconds of data time between the newest frame seen in the output (or a reported gap) and the replay clock")
        .labelNames("detector").callback(cb -> health.get().path("lagSeconds").fields()
            .forEachRemaining(e -> cb.call(e.getValue().asDouble(), e.getKey()))).register(registry);
    GaugeWithCallback.builder().name("gwreplay_replay_clock_gps_seconds")
        .help("GPS time the replay clock shows (of the output, shifted)")
        .callback(cb -> {
          JsonNode s = status.get();
          if (s != null && s.path("clock").has("gps")) {
            cb.call(s.path("clock").path("gps").asDouble());
          }
        }).register(registry);
  }

  private void counter(Supplier<JsonNode> status, String name, String help, String field) {
    CounterWithCallback.builder().name(name).help(help).labelNames("detector")
        .callback(cb -> each(status, field, (d, v) -> cb.call(v, d))).register(registry);
  }

  private void gauge(Supplier<JsonNode> status, String name, String help, String field) {
    GaugeWithCallback.builder().name(name).help(help).labelNames("detector")
        .callback(cb -> each(status, field, (d, v) -> cb.call(v, d))).register(registry);
  }

  /** Each detector's value of {@code field}, where the status has one (counters the runner has not reported are left out). */
  private static void each(Supplier<JsonNode> status, String field, java.util.function.ObjDoubleConsumer<String> out) {
    JsonNode s = status.get();
    if (s == null) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) () -> s.path("detectors").fields()) {
      if (e.getValue().has(field)) {
        out.accept(e.getKey(), e.getValue().path(field).asDouble());
      }
    }
  }

  void observeLateness(String detector, long ms) {
    lateness.labelValues(detector).observe(ms / 1000.0);
  }

  PrometheusRegistry registry() {
    return registry;
  }
}
