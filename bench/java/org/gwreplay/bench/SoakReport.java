package org.gwreplay.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/** The soak's Markdown report: outcome per detector, faults, heap over time, gaps, verdict. */
final class SoakReport {

  private SoakReport() {}

  static void print(SoakRun r, PrintStream out) {
    SoakBench.Settings s = r.settings();
    out.printf("GPS %d-%d (%.2f h of H1, L1, V1) replayed at speed %d on the direct runner in %.1f min, "
        + "1-s frames cut from %d-s archive files of %d Hz strain; the replay's JVM with a heap limit of %.0f MiB; "
        + "fault seed %d.%n%n",
        r.gpsStart(), r.gpsEnd(), (r.gpsEnd() - r.gpsStart()) / 3600.0, s.speed(), r.length().toMillis() / 60000.0,
        SoakBench.FILE_SECONDS, s.rate(), r.maxHeap() / 1048576.0, s.seed());
    outcome(r, out);
    out.println();
    faults(r, out);
    out.println();
    heap(r, out);
    out.println();
    gaps(r, out);
    out.println();
    verdict(r, out);
  }

  private static void outcome(SoakRun r, PrintStream out) {
    out.println("| detector | frames expected | written | missing with reason | missing without reason | duplicated | corrupt | retries |");
    out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
    long[] sum = new long[7];
    for (SoakCheck.Result d : r.results()) {
      long retries = r.status() == null ? -1 : r.status().path("detectors").path(d.detector).path("retries").asLong();
      long[] v = {d.expected, d.written, d.missingWithReason, d.missingWithoutReason,
          d.duplicatedByName + d.duplicatedByArrival, d.corrupt, retries};
      for (int i = 0; i < v.length; i++) {
        sum[i] += v[i];
      }
      out.println(Stats.row(d.detector, v[0], v[1], v[2], v[3], v[4], v[5], v[6]));
    }
    out.println(Stats.row("all", sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6]));
  }

  private static void faults(SoakRun r, PrintStream out) {
    FaultPlan p = r.plan();
    out.printf("Faults: %d archive files with %d replicas; sick replicas %s (tried by the replay, being ahead of a "
        + "healthy copy: %s); %d files with every replica bad. Catalog: %s; %d logins.%n",
        p.files().size(), p.replicaCount(), kinds(p.sickReplicas()), kinds(p.sickReplicasTried()),
        p.allBadFiles().size(), String.join("; ", r.catalogFaults()), r.logins());
    out.printf("Retries (the replay's retries metric): %d counted; %d failed attempts in the replay's log; %d injected "
        + "(%d download attempts the plan makes fail + %d catalog answers made to fail)%s.%s%n", r.retriesCounted(),
        r.failuresLogged(), r.retriesInjected(), r.retriesInjected() - r.catalogFailuresInjected(),
        r.catalogFailuresInjected(),
        r.catalogFaultsPending() > 0 ? "; " + r.catalogFaultsPending() + " catalog faults were never met" : "",
        r.failuresLogged() > r.retriesInjected() ? " More failed than injected: the direct runner re-creates readers "
            + "from checkpoints at random and a new reader fetches its current file again (its sick replicas "
            + "fail again); on a loaded machine a healthy call may also time out." : "");
    out.printf("CPU time of the replay's JVM: %.0f s, %.0f%% of one core over the run; "
        + "machine load average (1 min, %d cores, other people's work included) %s at the start, %s at the end.%n",
        r.cpuSeconds(), 100 * r.cpuSeconds() / Math.max(1e-9, r.length().toMillis() / 1000.0),
        Runtime.getRuntime().availableProcessors(), r.loadAtStart(), r.loadAtEnd());
    long written = r.results().stream().mapToLong(d -> d.written).sum();
    long unseen = r.results().stream().mapToLong(d -> d.arrivalsNotSeen).sum();
    out.printf("inotify saw %d of the %d files written appear, each once%s.%n", written - unseen, written,
        unseen > 0 ? " (the rest were missed by the watcher, e.g. an event queue overflow; their names were checked)" : "");
    JsonNode lat = r.status() == null ? null : r.status().path("latenessMs");
    if (lat != null) {
      out.printf("Lateness of the files written (status file): p50 %d ms, p99 %d ms, max %d ms.%n",
          lat.path("p50").asLong(), lat.path("p99").asLong(), lat.path("max").asLong());
    }
  }

  private static String kinds(Map<FaultPlan.Kind, Integer> m) {
    List<String> parts = new ArrayList<>();
    m.forEach((k, n) -> parts.add(k.name().toLowerCase() + " " + n));
    return m.values().stream().mapToInt(Integer::intValue).sum() + " (" + String.join(", ", parts) + ")";
  }

  private static void heap(SoakRun r, PrintStream out) {
    out.println("| run | elapsed (s) | GPS replayed (h) | files written / due | heap used (MiB) | live heap after full GC (MiB) |");
    out.println("| --- | --- | --- | --- | --- | --- |");
    for (HeapSampler.Mark m : r.heap()) {
      long due = r.plan().framesDue(SoakBench.DETECTORS, r.gpsStart(), r.gpsStart() + m.gpsReplayed());
      out.println(Stats.row(m.percent() + "%", String.format("%.0f", m.elapsedSeconds()),
          String.format("%.2f", m.gpsReplayed() / 3600.0), m.filesWritten() + " / " + due, mib(m.usedBytes()),
          mib(m.liveBytes())));
    }
    out.printf("%nPeak heap used: %s MiB.%n", mib(r.peakHeapUsed()));
  }

  private static String mib(long bytes) {
    return String.format("%.1f", bytes / 1048576.0);
  }

  private static void gaps(SoakRun r, PrintStream out) {
    out.println("| gap (as logged) | GPS | reason (shortened) |");
    out.println("| --- | --- | --- |");
    for (String line : r.gapLines()) {
      Matcher m = SoakCheck.GAP_LINE.matcher(line);
      if (m.find()) {
        String reason = m.group(5).replaceAll("http://127\\.0\\.0\\.1:\\d+", "").replace("|", "\\|");
        out.println(Stats.row(m.group(1), m.group(2) + "-" + m.group(3),
            reason.length() > 400 ? reason.substring(0, 400) + "..." : reason));
      }
    }
  }

  private static void verdict(SoakRun r, PrintStream out) {
    if (r.holds()) {
      out.println("Invariants: all hold (missing frames = the files with every replica bad, each with its reason "
          + "naming the file and every replica's failure, and the summary's spans; none missing without reason; "
          + "none duplicated; none corrupt; no stray files).");
      return;
    }
    out.println("Invariants FAILED:");
    if (r.exitStatus() != 0) {
      out.println("- the replay exited " + r.exitStatus());
    }
    if (r.unexpectedArrivals() > 0) {
      out.println("- " + r.unexpectedArrivals() + " files appeared that are not 1-s frames of the run");
    }
    for (SoakCheck.Result d : r.results()) {
      if (!d.holds()) {
        out.printf("- %s: missing without reason %d, missing outside the bad files %d, bad files written %d, "
            + "duplicated %d by name / %d by arrival, corrupt %d, stray %d, reasons naming the failure %d of %d, "
            + "summary %s%n", d.detector, d.missingWithoutReason, d.missingUnexpected, d.expectedGapsWritten,
            d.duplicatedByName, d.duplicatedByArrival, d.corrupt, d.stray, d.reasonsNamingTheFailure,
            d.expectedGapFiles, d.summaryMatches ? "matches" : "differs");
      }
      d.problems.forEach(p -> out.println("  - " + p));
    }
  }
}
