package org.gwreplay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The share of this machine's CPU time its hypervisor gave to others (steal, from /proc/stat)
 * since a start: a virtual machine whose host is busy shows it, and a "quiet machine" figure
 * (pacing, ratios) is only worth its steal.
 */
record CpuSteal(long steal, long total) {

  /** The counters now; zeros where /proc/stat cannot be read (then {@link #percentSince} is NaN). */
  static CpuSteal now() {
    try {
      // cpu user nice system idle iowait irq softirq steal guest guest_nice (guest time is in user)
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i <= 8 && i < f.length; i++) {
        total += Long.parseLong(f[i]);
      }
      return new CpuSteal(f.length > 8 ? Long.parseLong(f[8]) : 0, total);
    } catch (IOException | RuntimeException e) {
      return new CpuSteal(0, 0);
    }
  }

  /** Stolen CPU time since this reading, in per cent of all the machine's CPU time since. */
  double percentSince() {
    CpuSteal end = now();
    long dt = end.total - total;
    return dt <= 0 ? Double.NaN : 100.0 * (end.steal - steal) / dt;
  }
}
