package org.gwreplay.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;

/** Everything one soak run found, for the report. */
record SoakRun(SoakBench.Settings settings, long gpsStart, long gpsEnd, Duration length, int exitStatus, FaultPlan plan,
    List<SoakCheck.Result> results, JsonNode status, List<HeapSampler.Mark> heap, long peakHeapUsed, long maxHeap,
    List<String> catalogFaults, int catalogFailuresInjected, int catalogFaultsPending, int logins,
    long unexpectedArrivals, List<String> gapLines, double cpuSeconds,
    String loadAtStart, String loadAtEnd, long failuresLogged) {

  /** Every invariant held: the replay finished, and each detector's output checks out. */
  boolean holds() {
    return exitStatus == 0 && unexpectedArrivals == 0 && results.stream().allMatch(SoakCheck.Result::holds);
  }

  /** Download attempts that the plan makes fail, plus the catalog answers made to fail. */
  long retriesInjected() {
    return plan.failedAttempts(gpsStart, gpsEnd, SoakBench.REPLICA_ATTEMPTS) + catalogFailuresInjected;
  }

  /** The replay's retries metric, summed over detectors (from its final status file). */
  long retriesCounted() {
    long n = 0;
    if (status != null) {
      for (JsonNode d : status.path("detectors")) {
        n += d.path("retries").asLong();
      }
    }
    return n;
  }
}
