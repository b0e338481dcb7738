package org.gwreplay.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Where clocks that start when ready keep their start, by run: readers of one run in this JVM
 * (each detector's, and readers a runner re-creates) share it, so the clock starts once. Readers
 * in other JVMs (a multi-TaskManager Flink cluster) start their own; --anchor-wall fixes the
 * start for all.
 */
final class ClockAnchors {

  private static final Map<String, State> RUNS = new ConcurrentHashMap<>();

  private static final class State {
    final Set<String> ready = new HashSet<>();
    Instant firstReady;
    Instant anchor;
  }

  private ClockAnchors() {}

  static Instant anchor(String key) {
    State s = RUNS.get(key);
    if (s == null) {
      return null;
    }
    synchronized (s) {
      return s.anchor;
    }
  }

  /** Records {@code reader} ready and waits until the run's clock has started; {@code startAt} maps "all ready now" to the start. */
  static void ready(String key, String reader, int readers, Duration maxWait, UnaryOperator<Instant> startAt)
      throws InterruptedException {
    State s = RUNS.computeIfAbsent(key, k -> new State());
    synchronized (s) {
      if (s.anchor != null) {
        return;
      }
      Instant now = Instant.now();
      if (s.firstReady == null) {
        s.firstReady = now;
      }
      s.ready.add(reader);
      Instant deadline = s.firstReady.plus(maxWait);
      while (s.anchor == null) {
        now = Instant.now();
        if (s.ready.size() >= readers || !now.isBefore(deadline)) {
          s.anchor = startAt.apply(now);
          s.notifyAll();
          org.slf4j.LoggerFactory.getLogger(ClockAnchors.class).info("{} of {} readers ready; the replay clock starts at {}",
              s.ready.size(), readers, s.anchor);
          return;
        }
        s.wait(Math.max(1, Duration.between(now, deadline).toMillis()));
      }
    }
  }
}
