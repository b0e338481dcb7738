package org.gwreplay.bench;

import java.util.Arrays;
import java.util.List;

/** Percentiles and formatting shared by the benchmarks. */
final class Stats {

  private Stats() {}

  /** The q-th quantile (0..1) of the values, by nearest rank. */
  static double quantile(double[] values, double q) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] s = values.clone();
    Arrays.sort(s);
    int i = (int) Math.ceil(q * s.length) - 1;
    return s[Math.max(0, Math.min(s.length - 1, i))];
  }

  static double quantile(List<Double> values, double q) {
    return quantile(values.stream().mapToDouble(Double::doubleValue).toArray(), q);
  }

  static double median(double[] values) {
    return quantile(values, 0.5);
  }

  /** A Markdown table row. */
  static String row(Object... cells) {
    StringBuilder b = new StringBuilder("|");
    for (Object c : cells) {
      b.append(' ').append(c instanceof Double d ? String.format("%.3g", d) : String.valueOf(c)).append(" |");
    }
    return b.toString();
  }

  static long usedHeap() {
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }
}
