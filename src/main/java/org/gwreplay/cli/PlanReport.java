package org.gwreplay.cli;

import java.util.List;
import org.gwreplay.replay.Gap;
import org.gwreplay.replay.ReplayPlan.DetectorPlan;
import org.gwreplay.replay.ReplaySpec;

/** The text of {@code gwreplay --dry-run}. */
final class PlanReport {

  private PlanReport() {}

  static String render(ReplaySpec spec, List<DetectorPlan> plans) {
    StringBuilder b = new StringBuilder();
    long live = spec.segments().livetime();
    b.append("gwreplay plan (dry run: nothing fetched or written)\n")
        .append("source:    ").append(spec.source().describe()).append('\n')
        .append("segments:  ").append(spec.segments().segments().size()).append(" (")
        .append(spec.segments().start()).append(" to ").append(spec.segments().end()).append(", ")
        .append(live).append(" s of data)\n")
        .append("frames:    ").append(spec.frameDuration()).append(" s each")
        .append(spec.shiftSeconds() != 0 ? ", shifted by +" + spec.shiftSeconds() + " s" : "").append('\n');
    if (spec.loops()) {
      // The table below is one pass; every pass repeats it one period later.
      b.append("loop:      ").append(spec.loopPasses() == ReplaySpec.LOOP_FOREVER ? "forever (until stopped by a signal)"
          : spec.loopPasses() + " passes").append(" of ").append(spec.loopPeriod()).append(" s; the table shows one pass\n");
    }
    b.append("wall time: ");
    if (spec.clock().isPaced() && spec.loopPasses() == ReplaySpec.LOOP_FOREVER) {
      b.append("unbounded (a loop forever)\n");
    } else if (spec.clock().isPaced()) {
      double seconds = (spec.replayEnd() - spec.clock().t0().seconds()) / spec.clock().speed();
      b.append(String.format("about %s at speed %s, clock starting %s%n", human(seconds), spec.clock().speed(), spec.clock().w0()));
    } else {
      b.append("as fast as the machine goes (speed max)\n");
    }
    b.append('\n').append(String.format("%-9s %10s %10s %10s %10s %14s%n", "detector", "files", "with data", "gap s", "source files", "source bytes"));
    for (DetectorPlan p : plans) {
      b.append(String.format("%-9s %10d %10d %10d %10d %14s%n", p.detector(), p.frames(), p.framesWithData(), p.gapSeconds(),
          p.sourceFiles(), p.sourceBytes() > 0 ? human(p.sourceBytes()) : "unknown"));
    }
    boolean anyGap = plans.stream().anyMatch(p -> p.gapCount() > 0);
    if (anyGap) {
      b.append(spec.offTime() == org.gwreplay.llhoft.OffTime.FLAG
          ? "\ngaps (with --off-time=flag, spans with no data in the source get frames flagged not observing):\n"
          : "\ngaps (no file will be written for these spans):\n");
      for (DetectorPlan p : plans) {
        for (Gap g : p.gaps()) {
          b.append("  ").append(g).append('\n');
        }
        if (p.gapCount() > p.gaps().size()) {
          b.append("  ").append(p.detector()).append(": ").append(p.gapCount() - p.gaps().size()).append(" more gaps\n");
        }
      }
    }
    return b.toString();
  }

  static String human(double seconds) {
    long s = Math.round(seconds);
    return s >= 86400 ? String.format("%.1f days", s / 86400.0)
        : s >= 3600 ? String.format("%d h %02d min", s / 3600, (s % 3600) / 60)
        : s >= 60 ? String.format("%d min %02d s", s / 60, s % 60) : s + " s";
  }

  static String human(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
  }
}
