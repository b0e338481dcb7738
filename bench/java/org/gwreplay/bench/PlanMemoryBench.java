package org.gwreplay.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Instant;
import java.util.List;
import org.gwreplay.cli.ReplayJob;
import org.gwreplay.replay.ReplayPlan;

/**
 * Memory of planning: plans a replay of H1, L1, V1 with 1-s frames over the demo lake's catalog
 * for 1 day and for 40 days (10.4 million frames), and prints the peak heap of each; the ratio
 * should stay near 1, since planning is lazy.
 */
public final class PlanMemoryBench {

  public static void main(String[] args) throws Exception {
    System.out.println(header());
    for (long days : new long[] {1, 40}) {
      System.out.println(measure(days));
    }
  }

  static String header() {
    return "| planned span | frames | time (s) | frames/s | peak heap (MiB) |\n| --- | --- | --- | --- | --- |";
  }

  static String measure(long days) throws Exception {
    long start = 1238166018;
    long end = start + days * 86400;
    ReplayJob job = ReplayJob.fromArgs(new String[] {"--source=demo", "--detectors=H1,L1,V1", "--gps-start=" + start,
        "--gps-end=" + end, "--output=/tmp/never-written", "--speed=max", "--dry-run"}, Instant.now());
    System.gc();
    resetPeaks();
    long t0 = System.nanoTime();
    List<ReplayPlan.DetectorPlan> plans = ReplayPlan.of(job.spec());
    double seconds = (System.nanoTime() - t0) / 1e9;
    long frames = plans.stream().mapToLong(ReplayPlan.DetectorPlan::frames).sum();
    return Stats.row(days + " d", frames, seconds, frames / seconds, peakHeap() / 1048576.0);
  }

  static void resetPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  /** Sum of the heap pools' peaks since the last reset (an upper bound on live + garbage). */
  static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
