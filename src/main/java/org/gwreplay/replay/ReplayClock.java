package org.gwreplay.replay;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import org.gwreplay.time.GpsTime;

/**
 * Maps wall-clock time onto the GPS time of the data being replayed:
 * {@code gps(now) = T0 + speed * (now - W0)}.
 *
 * <p>A frame covering [t, t+d) is due when {@code gps(now) >= t + d + latency}. At speed
 * {@code max} the clock is unpaced: everything is due at once and the job runs as a batch.
 */
public final class ReplayClock implements Serializable {

  private final GpsTime t0;
  private final Instant w0;
  private final double speed;
  private final Duration latency;

  private ReplayClock(GpsTime t0, Instant w0, double speed, Duration latency) {
    if (!(speed > 0)) {
      throw new IllegalArgumentException("speed must be positive (or 'max'): " + speed);
    }
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + latency);
    }
    this.t0 = t0;
    this.w0 = w0;
    this.speed = speed;
    this.latency = latency;
  }

  /** A paced clock: GPS {@code t0} is reached at wall time {@code w0}, then runs at {@code speed}. */
  public static ReplayClock paced(GpsTime t0, Instant w0, double speed, Duration latency) {
    return new ReplayClock(t0, w0, speed, latency);
  }

  /** An unpaced clock: every frame is due at once (speed {@code max}). */
  public static ReplayClock unpaced() {
    return new ReplayClock(GpsTime.ofSeconds(0), Instant.EPOCH, Double.POSITIVE_INFINITY, Duration.ZERO);
  }

  /** Parses {@code --speed}: a positive number, or {@code max}. Infinity stands for max. */
  public static double parseSpeed(String text) {
    String s = text.trim();
    if (s.equalsIgnoreCase("max")) {
      return Double.POSITIVE_INFINITY;
    }
    double v;
    try {
      v = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--speed must be a positive number or 'max', not '" + text + "'");
    }
    if (!(v > 0) || Double.isInfinite(v) || Double.isNaN(v)) {
      throw new IllegalArgumentException("--speed must be a positive number or 'max', not '" + text + "'");
    }
    return v;
  }

  public boolean isPaced() {
    return !Double.isInfinite(speed);
  }

  public double speed() {
    return speed;
  }

  public GpsTime t0() {
    return t0;
  }

  public Instant w0() {
    return w0;
  }

  public Duration latency() {
    return latency;
  }

  /**
   * The data GPS time up to which frames may be released at wall time {@code now}: the replay
   * clock less the configured latency. Null for an unpaced clock (no limit).
   */
  public GpsTime releasedThrough(Instant now) {
    if (!isPaced()) {
      return null;
    }
    long wallNanos = Duration.between(w0, now).toNanos();
    long gpsNanos = Math.round(wallNanos * speed) - latency.toNanos();
    return t0.plusNanos(gpsNanos);
  }

  /** The wall time at which data GPS time {@code gps} is released (for a frame: its end). */
  public Instant releaseTime(GpsTime gps) {
    if (!isPaced()) {
      return Instant.EPOCH;
    }
    long gpsNanos = gps.totalNanos() - t0.totalNanos() + latency.toNanos();
    return w0.plusNanos(Math.round(gpsNanos / speed));
  }

  @Override
  public String toString() {
    return isPaced()
        ? "GPS " + t0 + " at " + w0 + ", speed " + speed + (latency.isZero() ? "" : ", latency " + latency.toMillis() + " ms")
        : "unpaced (speed max)";
  }
}
