package org.gwreplay.status;

/**
 * Lateness of released files in whole milliseconds, kept as a histogram so that percentiles of
 * a weeks-long replay cost a fixed few hundred kilobytes. Early files (negative lateness) are
 * counted apart: there should be none.
 */
final class LatenessHistogram {

  private static final int MAX_MS = 60_000;
  private final long[] counts = new long[MAX_MS + 1];
  private long total;
  private long early;
  private long maxMs = Long.MIN_VALUE;

  synchronized void add(long ms) {
    total++;
    maxMs = Math.max(maxMs, ms);
    if (ms < 0) {
      early++;
    }
    counts[(int) Math.max(0, Math.min(MAX_MS, ms))]++;
  }

  synchronized long count() {
    return total;
  }

  synchronized long early() {
    return early;
  }

  synchronized long max() {
    return total == 0 ? 0 : maxMs;
  }

  /** The q-th quantile in ms (nearest rank); values past a minute read as 60000. */
  synchronized long quantile(double q) {
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (int i = 0; i <= MAX_MS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return i;
      }
    }
    return MAX_MS;
  }
}
