package org.gwreplay.time;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The GPS-UTC offset over time: a table of the UTC instants at which a leap second ended.
 *
 * <p>The built-in table ({@code leap-seconds.txt} beside this class) holds every leap second
 * since the GPS epoch. To update it without a new release, point the system property {@code
 * gwreplay.leapSeconds} or the environment variable {@code GWREPLAY_LEAP_SECONDS} at an IERS/NTP
 * {@code leap-seconds.list} file (Debian ships one as {@code
 * /usr/share/zoneinfo/leap-seconds.list}); to update the built-in table, add the new line from
 * IERS Bulletin C.
 *
 * <p>Inside a leap second (UTC 23:59:60) there is no POSIX instant; such GPS times map to the
 * midnight that ends it, so the mapping stays monotonic (never backwards).
 */
public final class LeapSeconds implements Serializable {

  /** TAI - GPS, constant by definition. */
  private static final int TAI_MINUS_GPS = 19;

  private static final long NTP_TO_POSIX = 2_208_988_800L;

  private static volatile LeapSeconds defaultTable;

  /** POSIX seconds of each midnight that follows a leap second, ascending. */
  private final long[] utcAfterLeap;
  /** GPS-UTC in force from {@code utcAfterLeap[i]} on. */
  private final int[] offsetFrom;

  private LeapSeconds(long[] utcAfterLeap, int[] offsetFrom) {
    this.utcAfterLeap = utcAfterLeap;
    this.offsetFrom = offsetFrom;
  }

  public static LeapSeconds defaultTable() {
    LeapSeconds t = defaultTable;
    if (t == null) {
      synchronized (LeapSeconds.class) {
        if (defaultTable == null) {
          defaultTable = loadDefault();
        }
        t = defaultTable;
      }
    }
    return t;
  }

  private static LeapSeconds loadDefault() {
    String override = System.getProperty("gwreplay.leapSeconds", System.getenv("GWREPLAY_LEAP_SECONDS"));
    if (override != null && !override.isBlank()) {
      return fromNtpList(Path.of(override));
    }
    try (InputStream in = LeapSeconds.class.getResourceAsStream("leap-seconds.txt")) {
      return fromBuiltIn(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the built-in leap-second table", e);
    }
  }

  /** Parses lines {@code YYYY-MM-DD offset}: from that UTC midnight on, GPS-UTC = offset. */
  static LeapSeconds fromBuiltIn(String text) {
    List<long[]> rows = new ArrayList<>();
    for (String line : text.split("\n")) {
      String s = line.replaceAll("#.*", "").trim();
      if (s.isEmpty()) {
        continue;
      }
      String[] f = s.split("\\s+");
      long utc = LocalDate.parse(f[0]).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
      rows.add(new long[] {utc, Integer.parseInt(f[1])});
    }
    return of(rows);
  }

  /** Parses an IERS/NTP {@code leap-seconds.list}: lines of NTP seconds and TAI-UTC. */
  public static LeapSeconds fromNtpList(Path file) {
    List<long[]> rows = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
      String line;
      while ((line = r.readLine()) != null) {
        String s = line.replaceAll("#.*", "").trim();
        if (s.isEmpty()) {
          continue;
        }
        String[] f = s.split("\\s+");
        long utc = Long.parseLong(f[0]) - NTP_TO_POSIX;
        int gpsMinusUtc = Integer.parseInt(f[1]) - TAI_MINUS_GPS;
        if (gpsMinusUtc > 0) {
          rows.add(new long[] {utc, gpsMinusUtc});
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("cannot read leap-second list " + file + ": " + e.getMessage(), e);
    }
    return of(rows);
  }

  private static LeapSeconds of(List<long[]> rows) {
    rows.sort((a, b) -> Long.compare(a[0], b[0]));
    long[] utc = new long[rows.size()];
    int[] off = new int[rows.size()];
    for (int i = 0; i < utc.length; i++) {
      utc[i] = rows.get(i)[0];
      off[i] = (int) rows.get(i)[1];
      if (i > 0 && off[i] != off[i - 1] + 1) {
        throw new IllegalArgumentException("leap-second table must grow by one second a row, at " + Instant.ofEpochSecond(utc[i]));
      }
    }
    return new LeapSeconds(utc, off);
  }

  /** GPS-UTC in seconds at a UTC instant. */
  public int offsetAt(Instant utc) {
    int offset = 0;
    for (int i = 0; i < utcAfterLeap.length && utc.getEpochSecond() >= utcAfterLeap[i]; i++) {
      offset = offsetFrom[i];
    }
    return offset;
  }

  public GpsTime toGps(Instant utc) {
    long gpsSeconds = utc.getEpochSecond() - GpsTime.EPOCH.getEpochSecond() + offsetAt(utc);
    return new GpsTime(gpsSeconds, utc.getNano());
  }

  public Instant toUtc(GpsTime gps) {
    long posix = gps.seconds() + GpsTime.EPOCH.getEpochSecond();
    int offset = 0;
    for (int i = 0; i < utcAfterLeap.length; i++) {
      // GPS second at which the midnight after leap i falls.
      long gpsAtMidnight = utcAfterLeap[i] - GpsTime.EPOCH.getEpochSecond() + offsetFrom[i];
      if (gps.seconds() >= gpsAtMidnight) {
        offset = offsetFrom[i];
      } else if (gps.seconds() == gpsAtMidnight - 1) {
        // Inside the leap second itself: no POSIX instant exists, hold at the following midnight.
        return Instant.ofEpochSecond(utcAfterLeap[i]);
      } else {
        break;
      }
    }
    return Instant.ofEpochSecond(posix - offset, gps.nanos());
  }
}
