package org.gwreplay.status;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.StringSetResult;
import org.gwreplay.replay.Gap;
import org.gwreplay.replay.ReplayMetrics;

/**
 * What the runner reports of a replay: its counters by name, the gaps each detector's reader
 * reported with their reasons, and what the sink says it wrote (distributions of the GPS end
 * written, whose max is the newest, and of each frame's lateness; for any target, watched or not). Some runners
 * report only at the end; then all are empty until it.
 */
public record RunMetrics(Map<String, Long> counters, Map<String, List<Gap>> gaps,
    Map<String, DistributionResult> distributions) {

  public static final RunMetrics NONE = new RunMetrics(Map.of(), Map.of());

  /** Counters and gaps only. */
  public RunMetrics(Map<String, Long> counters, Map<String, List<Gap>> gaps) {
    this(counters, gaps, Map.of());
  }

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
    Map<String, DistributionResult> distributions = new HashMap<>();
    for (MetricResult<DistributionResult> d : all.getDistributions()) {
      if (d.getAttempted() != null) {
        distributions.merge(d.getName().getName(), d.getAttempted(), (x, y) -> DistributionResult.create(x.getSum() + y.getSum(),
            x.getCount() + y.getCount(), Math.min(x.getMin(), y.getMin()), Math.max(x.getMax(), y.getMax())));
      }
    }
    return new RunMetrics(counters, gaps, distributions);
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
