package org.gwreplay.monitor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lateness p50/p99 over time, per detector: each sample takes the files that arrived in the last
 * {@value #WINDOW_MS} ms (the run's cumulative percentiles would hide a recent slowdown). Holds
 * the last {@value #POINTS} samples, so memory stays flat however long the replay runs.
 */
final class LatenessHistory {

  static final long WINDOW_MS = 30_000;
  static final int POINTS = 300;

  record Point(long wallMs, long p50, long p99) {}

  private final Map<String, Deque<long[]>> recent = new LinkedHashMap<>();
  private final Map<String, Deque<Point>> points = new LinkedHashMap<>();

  LatenessHistory(List<String> detectors) {
    for (String d : detectors) {
      recent.put(d, new ArrayDeque<>());
      points.put(d, new ArrayDeque<>());
    }
  }

  synchronized void add(String detector, long wallMs, long latenessMs) {
    Deque<long[]> r = recent.get(detector);
    if (r != null) {
      r.add(new long[] {wallMs, latenessMs});
    }
  }

  /** Takes a sample now; detectors with no file in the window get no point. */
  synchronized void sample(long wallMs) {
    for (Map.Entry<String, Deque<long[]>> e : recent.entrySet()) {
      Deque<long[]> r = e.getValue();
      while (!r.isEmpty() && r.peek()[0] < wallMs - WINDOW_MS) {
        r.poll();
      }
      if (r.isEmpty()) {
        continue;
      }
      long[] v = r.stream().mapToLong(a -> a[1]).sorted().toArray();
      Deque<Point> p = points.get(e.getKey());
      p.add(new Point(wallMs, rank(v, 0.5), rank(v, 0.99)));
      if (p.size() > POINTS) {
        p.poll();
      }
    }
  }

  private static long rank(long[] sorted, double q) {
    return sorted[(int) Math.max(0, Math.ceil(q * sorted.length) - 1)];
  }

  synchronized Map<String, List<Point>> points() {
    Map<String, List<Point>> out = new LinkedHashMap<>();
    points.forEach((d, p) -> out.put(d, new ArrayList<>(p)));
    return out;
  }

  /** The plot: p50 solid, p99 dashed, seconds before now on the x axis. */
  String svg(long nowMs) {
    List<Svg.Series> series = new ArrayList<>();
    for (Map.Entry<String, List<Point>> e : points().entrySet()) {
      double[] x = e.getValue().stream().mapToDouble(p -> (p.wallMs() - nowMs) / 1000.0).toArray();
      String color = Colors.of(e.getKey());
      series.add(new Svg.Series(e.getKey() + " p50", color, x, e.getValue().stream().mapToDouble(Point::p50).toArray(), false));
      series.add(new Svg.Series(e.getKey() + " p99", color, Arrays.copyOf(x, x.length), e.getValue().stream().mapToDouble(Point::p99).toArray(), true));
    }
    return Svg.plot("Lateness (last " + WINDOW_MS / 1000 + " s of files)", "seconds ago", "ms", series, false, false);
  }
}
