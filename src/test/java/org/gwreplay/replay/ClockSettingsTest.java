package org.gwreplay.replay;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import org.gwreplay.time.GpsTime;
import org.junit.jupiter.api.Test;

/** Where the command line's clock settings place the replay clock, and the shift to now they make. */
class ClockSettingsTest {

  private static final Instant LAUNCH = Instant.parse("2026-11-25T12:00:00.300Z");
  private static final Duration DELAY = Duration.ofSeconds(5);

  private static ReplayClock.Settings settings(GpsTime anchorGps, Instant anchorWall, boolean shiftToNow) {
    return new ReplayClock.Settings(2, Duration.ofMillis(250), anchorGps, anchorWall, DELAY, shiftToNow);
  }

  @Test
  void unanchoredClockStartsAtTheDataOnceReadyNotBeforeTheStartDelay() {
    ReplayClock.Anchored a = settings(null, null, false).anchor(1238166018, LAUNCH, 4, 2);
    assertThat(a.shiftSeconds(), equalTo(0L));
    assertThat(a.clock().t0(), equalTo(GpsTime.ofSeconds(1238166018)));
    assertThat(a.clock().started(), equalTo(false));
    assertThat(a.clock().w0(), equalTo(LAUNCH.plus(DELAY)));
    assertThat(a.clock().speed(), equalTo(2.0));
    assertThat(a.clock().latency(), equalTo(Duration.ofMillis(250)));
  }

  @Test
  void anchorsGivenFixTheClock() {
    Instant wall = Instant.parse("2026-11-25T13:00:00Z");
    ReplayClock c = settings(GpsTime.ofSeconds(1238166000), wall, false).anchor(1238166018, LAUNCH, 1, 3).clock();
    assertThat(c.started(), equalTo(true));
    assertThat(c.t0(), equalTo(GpsTime.ofSeconds(1238166000)));
    assertThat(c.w0(), equalTo(wall));
  }

  @Test
  void shiftToNowMovesTheDataByWholeFramesPastTheStart() {
    long start = 1238166018;
    ReplayClock.Anchored a = settings(null, null, true).anchor(start, LAUNCH, 4, 1);
    long target = GpsTime.fromInstant(LAUNCH.plus(DELAY)).seconds() + 1;
    assertThat("whole frames", a.shiftSeconds() % 4, equalTo(0L));
    assertThat("the first whole frame after the earliest start", start + a.shiftSeconds() - target,
        equalTo(Math.floorMod(start - target, 4L)));
    // The clock shows the shifted GPS time at its real UTC.
    assertThat(a.clock().w0(), equalTo(GpsTime.ofSeconds(start + a.shiftSeconds()).toInstant()));
  }

  @Test
  void maxSpeedIsUnpacedWhateverTheAnchors() {
    ReplayClock.Settings s = new ReplayClock.Settings(Double.POSITIVE_INFINITY, Duration.ZERO, null, null, DELAY, false);
    assertThat(s.anchor(1238166018, LAUNCH, 1, 1).clock().isPaced(), equalTo(false));
  }
}
