package org.gwreplay.time;

import java.io.Serializable;
import java.time.Instant;

/**
 * A GPS time: whole SI seconds since 1980-01-06T00:00:00 UTC plus nanoseconds, never a double.
 *
 * <p>Conversion to and from UTC goes through {@link LeapSeconds}, because GPS time has no leap
 * seconds and UTC does.
 */
public record GpsTime(long seconds, int nanos) implements Comparable<GpsTime>, Serializable {

  public static final long NANOS_PER_SECOND = 1_000_000_000L;

  /** The GPS epoch as a POSIX instant: 1980-01-06T00:00:00Z. */
  public static final Instant EPOCH = Instant.ofEpochSecond(315_964_800L);

  public GpsTime {
    if (nanos < 0 || nanos >= NANOS_PER_SECOND) {
      throw new IllegalArgumentException("nanoseconds out of range [0, 1e9): " + nanos);
    }
  }

  public static GpsTime ofSeconds(long seconds) {
    return new GpsTime(seconds, 0);
  }

  /** GPS time from a total count of nanoseconds since the GPS epoch. */
  public static GpsTime ofNanos(long totalNanos) {
    return new GpsTime(Math.floorDiv(totalNanos, NANOS_PER_SECOND),
        (int) Math.floorMod(totalNanos, NANOS_PER_SECOND));
  }

  /** Parses {@code 1238166018} or {@code 1238166018.25} exactly (no floating point). */
  public static GpsTime parse(String text) {
    String s = text.trim();
    if (!s.matches("-?\\d{1,12}(\\.\\d{1,9})?")) {
      throw new IllegalArgumentException("not a GPS time (seconds[.fraction]): '" + text + "'");
    }
    int dot = s.indexOf('.');
    if (dot < 0) {
      return ofSeconds(Long.parseLong(s));
    }
    long whole = Long.parseLong(s.substring(0, dot));
    String frac = (s.substring(dot + 1) + "000000000").substring(0, 9);
    long n = Long.parseLong(frac);
    return s.startsWith("-") ? ofNanos(whole * NANOS_PER_SECOND - n) : new GpsTime(whole, (int) n);
  }

  public long totalNanos() {
    return Math.addExact(Math.multiplyExact(seconds, NANOS_PER_SECOND), nanos);
  }

  public GpsTime plusSeconds(long s) {
    return new GpsTime(Math.addExact(seconds, s), nanos);
  }

  public GpsTime plusNanos(long n) {
    return ofNanos(Math.addExact(totalNanos(), n));
  }

  public boolean isBefore(GpsTime other) {
    return compareTo(other) < 0;
  }

  public boolean isAfter(GpsTime other) {
    return compareTo(other) > 0;
  }

  /** The UTC instant (POSIX time scale) of this GPS time, using the default leap-second table. */
  public Instant toInstant() {
    return LeapSeconds.defaultTable().toUtc(this);
  }

  public static GpsTime fromInstant(Instant utc) {
    return LeapSeconds.defaultTable().toGps(utc);
  }

  /** GPS time now, from the system clock. */
  public static GpsTime now() {
    return fromInstant(Instant.now());
  }

  @Override
  public int compareTo(GpsTime o) {
    int c = Long.compare(seconds, o.seconds);
    return c != 0 ? c : Integer.compare(nanos, o.nanos);
  }

  /** {@code 1238166018} or {@code 1238166018.5} (trailing zeros dropped). */
  @Override
  public String toString() {
    if (nanos == 0) {
      return Long.toString(seconds);
    }
    String frac = String.format("%09d", nanos).replaceAll("0+$", "");
    return seconds + "." + frac;
  }
}
