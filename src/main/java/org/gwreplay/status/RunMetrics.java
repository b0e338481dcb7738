package org.gwreplay.status;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.StringSetResult;
import org.gwreplay.replay.Gap;
import org.gwreplay.replay.ReplayMetrics;

/**
 * What the runner reports of a replay: its counters by name, and the gaps each detector's reader
 * reported with their reasons. Some runners report only at the end; then both are empty until it.
 */
public record RunMetrics(Map<String, Long> counters, Map<String, List<Gap>> gaps) {

  public static final RunMetrics NONE = new RunMetrics(Map.of(), Map.of());

  /** The metrics of a running or finished pipeline, as far as its runner reports them now. */
  public static RunMetrics of(PipelineResult result) {
    if (result == null) {
      return NONE;
    }
    MetricQueryResults all;
    try {
      all = result.metrics().allMetrics();
    } catch (RuntimeException e) {
      return NONE; // not reported while running
    }
    Map<String, Long> counters = new HashMap<>();
    for (MetricResult<Long> c : all.getCounters()) {
      Long v = c.getAttempted();
      counters.merge(c.getName().getName(), v == null ? 0 : v, Long::sum);
    }
    Map<String, List<Gap>> gaps = new HashMap<>();
    for (MetricResult<StringSetResult> s : all.getStringSets()) {
      String detector = ReplayMetrics.gapsDetector(s.getName().getName());
      if (detector == null || s.getAttempted() == null) {
        continue;
      }
      for (String report : s.getAttempted().getStringSet()) {
        Gap g = Gap.fromReport(detector, report);
        if (g != null) {
          gaps.computeIfAbsent(detector, d -> new ArrayList<>()).add(g);
        }
      }
    }
    gaps.values().forEach(l -> l.sort(java.util.Comparator.comparingLong(Gap::start)));
    return new RunMetrics(counters, gaps);
  }

  /** The distinct reasons reported for gaps overlapping source data time [start, end). */
  public List<String> reasons(String detector, long start, long end) {
    return gaps.getOrDefault(detector, List.of()).stream()
        .filter(g -> g.start() < end && g.end() > start)
        .map(Gap::reason)
        .distinct()
        .toList();
  }
}
