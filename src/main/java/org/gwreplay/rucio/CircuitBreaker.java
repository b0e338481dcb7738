package org.gwreplay.rucio;

import java.util.function.LongSupplier;

/**
 * Stops calling a sick server: after {@code threshold} consecutive failures the circuit opens
 * and calls fail at once for {@code coolDownMillis}; then one trial call is let through, and
 * its success closes the circuit again.
 */
final class CircuitBreaker {
  private final int threshold;
  private final long coolDownMillis;
  private final LongSupplier clock;
  private int failures;
  private long openUntil;

  CircuitBreaker(int threshold, long coolDownMillis, LongSupplier clock) {
    this.threshold = threshold;
    this.coolDownMillis = coolDownMillis;
    this.clock = clock;
  }

  /** Milliseconds until a call may be tried, 0 when it may go now. */
  synchronized long blockedForMillis() {
    long now = clock.getAsLong();
    if (failures >= threshold && now < openUntil) {
      return openUntil - now;
    }
    if (failures >= threshold) {
      // half open: let this one call try, and hold others off until it reports
      openUntil = now + coolDownMillis;
    }
    return 0;
  }

  synchronized void success() {
    failures = 0;
    openUntil = 0;
  }

  synchronized void failure() {
    failures++;
    if (failures >= threshold) {
      openUntil = clock.getAsLong() + coolDownMillis;
    }
  }
}
