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

  /** Time from the readers' being ready to the clock's start. */
  static final Duration START_MARGIN = Duration.ofSeconds(3);

  private final GpsTime t0;
  /** Fixed start, or for a clock that starts when ready, the earliest start allowed. */
  private final Instant w0;
  private final double speed;
  private final Duration latency;
  /** Set for a clock that starts when its readers are ready: the run's key in {@link ClockAnchors}. */
  private final String anchorKey;
  private final int readers;
  /** With shift-to-now, a later start moves the shift by whole frames of this many seconds; else 0. */
  private final long shiftStep;

  private ReplayClock(GpsTime t0, Instant w0, double speed, Duration latency) {
    this(t0, w0, speed, latency, null, 0, 0);
  }

  private ReplayClock(GpsTime t0, Instant w0, double speed, Duration latency, String anchorKey, int readers, long shiftStep) {
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
    this.anchorKey = anchorKey;
    this.readers = readers;
    this.shiftStep = shiftStep;
  }

  /** A paced clock: GPS {@code t0} is reached at wall time {@code w0}, then runs at {@code speed}. */
  public static ReplayClock paced(GpsTime t0, Instant w0, double speed, Duration latency) {
    return new ReplayClock(t0, w0, speed, latency);
  }

  /**
   * A paced clock that starts only once the first frames of its {@code readers} readers are
   * prepared ({@link #ready}), and not before {@code notBefore}: GPS {@code t0} is then reached at
   * that moment. With {@code shiftStep} (shift-to-now), the start stays on the grid where the
   * shifted GPS time equals the true one: {@code notBefore} is on it, a later start moves by
   * whole steps, and the output's shift grows by as much ({@link #extraShiftSeconds}).
   */
  public static ReplayClock startingWhenReady(GpsTime t0, Instant notBefore, double speed, Duration latency, int readers,
      long shiftStep) {
    return new ReplayClock(t0, notBefore, speed, latency, java.util.UUID.randomUUID().toString(), readers, shiftStep);
  }

  /** An unpaced clock: every frame is due at once (speed {@code max}). */
  public static ReplayClock unpaced() {
    return new ReplayClock(GpsTime.ofSeconds(0), Instant.EPOCH, Double.POSITIVE_INFINITY, Duration.ZERO);
  }

  /**
   * The clock as the command line sets it, parsed and checked: {@link #anchor} places it.
   *
   * @param speed a positive speed; infinity for unpaced ({@code max})
   * @param anchorGps the GPS time the clock shows at its start; null for the replay's own start
   * @param anchorWall the wall time of that start; null to start once the readers are ready, not before the start delay
   * @param startDelay time from launch to the earliest start
   * @param shiftToNow relabel the data so the clock shows today's GPS time at its real UTC
   */
  public record Settings(double speed, Duration latency, GpsTime anchorGps, Instant anchorWall, Duration startDelay,
      boolean shiftToNow) {

    /**
     * The clock of a replay launched at {@code launch} whose data starts (or, resumed, goes on)
     * at GPS {@code dataStart}, with the shift to now in whole frames (0 without shift-to-now).
     *
     * @param readers the readers a clock that starts when ready waits for (one per detector)
     */
    public Anchored anchor(long dataStart, Instant launch, long frameDuration, int readers) {
      GpsTime t0 = anchorGps == null ? GpsTime.ofSeconds(dataStart) : anchorGps;
      Instant notBefore = launch.plus(startDelay);
      Instant w0 = anchorWall == null ? notBefore : anchorWall;
      long shift = 0;
      if (shiftToNow) {
        // Whole frames, so shifted frames stay aligned; the clock then shows the shifted GPS at its real UTC.
        long target = GpsTime.fromInstant(notBefore).seconds() + 1;
        shift = Math.floorDiv(target - t0.seconds() + frameDuration - 1, frameDuration) * frameDuration;
        if (anchorWall == null) {
          w0 = t0.plusSeconds(shift).toInstant();
        }
      }
      // Unless told when, the clock starts once every detector's first frame is ready (and not before
      // the start delay), so the first frame is on time however long the lake takes to answer.
      ReplayClock clock = Double.isInfinite(speed) ? unpaced()
          : anchorWall != null ? paced(t0, w0, speed, latency)
          : startingWhenReady(t0, w0, speed, latency, readers, shiftToNow ? frameDuration : 0);
      return new Anchored(clock, shift);
    }
  }

  /** A placed clock, and the seconds by which shift-to-now moves the output's GPS times. */
  public record Anchored(ReplayClock clock, long shiftSeconds) {}

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

  /** The wall time at which the clock shows {@link #t0}; for a clock not started yet, the earliest it may start. */
  public Instant w0() {
    Instant anchored = anchorKey == null ? null : ClockAnchors.anchor(anchorKey);
    return anchored != null ? anchored : w0;
  }

  /** Whether the clock runs: always, except a clock still waiting for its readers. */
  public boolean started() {
    return anchorKey == null || ClockAnchors.anchor(anchorKey) != null;
  }

  /**
   * Tells a clock that starts when ready that {@code reader}'s first frames are prepared, and
   * waits until the clock has started: when every reader has said so, or at most {@code maxWait}
   * after the first did (a reader elsewhere, or one stuck on a failing source, must not hold the
   * others forever). Returns at once for other clocks.
   */
  public void ready(String reader, Duration maxWait) throws InterruptedException {
    if (anchorKey != null) {
      ClockAnchors.ready(anchorKey, reader, readers, maxWait, this::startAt);
    }
  }

  /** The start for readers ready at {@code now}: not before the earliest allowed, and on the shift grid. */
  private Instant startAt(Instant ready) {
    // A moment for the first frames to be assembled and to pass through the runner once.
    Instant now = ready.plus(START_MARGIN);
    if (!now.isAfter(w0)) {
      return w0;
    }
    if (shiftStep <= 0) {
      return now;
    }
    long stepNanos = shiftStep * 1_000_000_000L; // wall seconds: the shifted clock must equal the true one at its start
    long steps = (Duration.between(w0, now).toNanos() + stepNanos - 1) / stepNanos;
    return w0.plusNanos(steps * stepNanos);
  }

  /** Seconds the output's shift grew by because the clock started after its earliest start (shift-to-now only). */
  public long extraShiftSeconds() {
    if (anchorKey == null || shiftStep <= 0) {
      return 0;
    }
    Instant anchored = ClockAnchors.anchor(anchorKey);
    if (anchored == null) {
      return 0;
    }
    long stepNanos = shiftStep * 1_000_000_000L; // wall seconds: the shifted clock must equal the true one at its start
    return Duration.between(w0, anchored).toNanos() / stepNanos * shiftStep;
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
    if (!started()) {
      return t0.plusNanos(-latency.toNanos()); // nothing is released before the clock starts
    }
    long wallNanos = Duration.between(w0(), now).toNanos();
    long gpsNanos = Math.round(wallNanos * speed) - latency.toNanos();
    return t0.plusNanos(gpsNanos);
  }

  /** The wall time at which data GPS time {@code gps} is released (for a frame: its end). */
  public Instant releaseTime(GpsTime gps) {
    if (!isPaced()) {
      return Instant.EPOCH;
    }
    long gpsNanos = gps.totalNanos() - t0.totalNanos() + latency.toNanos();
    return w0().plusNanos(Math.round(gpsNanos / speed));
  }

  @Override
  public String toString() {
    return isPaced()
        ? "GPS " + t0 + (started() ? " at " + w0() : " when the first frames are ready, not before " + w0) + ", speed " + speed + (latency.isZero() ? "" : ", latency " + latency.toMillis() + " ms")
        : "unpaced (speed max)";
  }
}
