package org.gwreplay.time;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GpsTimeTest {

  @Test
  void gpsEpochIsJanuarySixth1980() {
    assertThat(GpsTime.ofSeconds(0).toInstant(), equalTo(Instant.parse("1980-01-06T00:00:00Z")));
    assertThat(GpsTime.fromInstant(Instant.parse("1980-01-06T00:00:00Z")), equalTo(GpsTime.ofSeconds(0)));
  }

  @Test
  void newYear2017IsAfterEighteenLeapSeconds() {
    assertThat(GpsTime.ofSeconds(1167264018).toInstant(), equalTo(Instant.parse("2017-01-01T00:00:00Z")));
    assertThat(GpsTime.fromInstant(Instant.parse("2017-01-01T00:00:00Z")), equalTo(GpsTime.ofSeconds(1167264018)));
    // One second earlier in UTC is two GPS seconds earlier: the leap second lies between.
    assertThat(GpsTime.fromInstant(Instant.parse("2016-12-31T23:59:59Z")), equalTo(GpsTime.ofSeconds(1167264016)));
  }

  @Test
  void knownO3Time() {
    // GW190412 happened at GPS 1239082262.1 = 2019-04-12T05:30:44.1Z (GPS-UTC = 18 s).
    assertThat(GpsTime.parse("1239082262.1").toInstant(), equalTo(Instant.parse("2019-04-12T05:30:44.100Z")));
  }

  @Test
  void timeInsideALeapSecondMapsToTheMidnightEndingIt() {
    Instant midnight = Instant.parse("2017-01-01T00:00:00Z");
    assertThat(GpsTime.parse("1167264017").toInstant(), equalTo(midnight));
    assertThat(GpsTime.parse("1167264017.5").toInstant(), equalTo(midnight));
    // Monotonic through the leap second.
    Instant before = GpsTime.parse("1167264016.999999999").toInstant();
    assertThat(before, lessThanOrEqualTo(midnight));
    assertThat(before, equalTo(Instant.parse("2016-12-31T23:59:59.999999999Z")));
  }

  @Test
  void offsetsAcrossHistory() {
    LeapSeconds t = LeapSeconds.defaultTable();
    assertThat(t.offsetAt(Instant.parse("1981-06-30T23:59:59Z")), equalTo(0));
    assertThat(t.offsetAt(Instant.parse("1981-07-01T00:00:00Z")), equalTo(1));
    assertThat(t.offsetAt(Instant.parse("2015-06-30T12:00:00Z")), equalTo(16));
    assertThat(t.offsetAt(Instant.parse("2026-11-25T00:00:00Z")), equalTo(18));
  }

  @Test
  void roundTripsEveryDayAcrossTheTable() {
    for (long s = 0; s < 1_400_000_000L; s += 86_399) {
      GpsTime g = new GpsTime(s, 250_000_000);
      Instant utc = g.toInstant();
      if (!utc.equals(Instant.ofEpochSecond(utc.getEpochSecond()))) {
        assertThat(GpsTime.fromInstant(utc), equalTo(g));
      }
    }
  }

  @Test
  void parsesAndPrintsExactly() {
    assertThat(GpsTime.parse("1238166018.000000001"), equalTo(new GpsTime(1238166018, 1)));
    assertThat(GpsTime.parse("1238166018.5").toString(), equalTo("1238166018.5"));
    assertThat(GpsTime.parse("1238166018").toString(), equalTo("1238166018"));
    assertThat(GpsTime.parse("-1.5"), equalTo(new GpsTime(-2, 500_000_000)));
    assertThrows(IllegalArgumentException.class, () -> GpsTime.parse("12e9"));
    assertThrows(IllegalArgumentException.class, () -> GpsTime.parse("yesterday"));
  }

  @Test
  void builtInTableAgreesWithTheSystemList() {
    Path list = Path.of("/usr/share/zoneinfo/leap-seconds.list");
    assumeTrue(Files.isReadable(list), "no system leap-seconds.list to compare with");
    LeapSeconds system = LeapSeconds.fromNtpList(list);
    for (long s = 0; s < 1_400_000_000L; s += 3_600 * 7) {
      Instant utc = Instant.ofEpochSecond(315_964_800L + s);
      assertThat(utc.toString(), LeapSeconds.defaultTable().offsetAt(utc), equalTo(system.offsetAt(utc)));
    }
  }
}
