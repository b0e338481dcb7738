package org.gwreplay.replay;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import org.gwreplay.time.GpsTime;
import org.junit.jupiter.api.Test;

/** How long an idle reader waits in advance(): long between releases, never past the next one, short just after. */
class ReaderIdleWaitTest {

  private static final GpsTime T0 = GpsTime.ofSeconds(1238166018);
  private static final Instant W0 = Instant.parse("2026-12-03T10:00:00Z");

  private static long waitMillisAt(ReplayClock clock, long wallMillisAfterStart) {
    return Duration.ofNanos(FrameReader.idleWaitNanos(clock, W0.plusMillis(wallMillisAfterStart))).toMillis();
  }

  @Test
  void atLivePaceTheWaitIsLongBetweenReleasesAndEndsAtTheNextOne() {
    ReplayClock live = ReplayClock.paced(T0, W0, 1, Duration.ZERO);
    assertThat(waitMillisAt(live, 500), equalTo(100L));
    assertThat(waitMillisAt(live, 960), equalTo(40L));
    assertThat(waitMillisAt(live, 1000), equalTo(1L)); // a second was just released: the runner must pass it on
    assertThat(waitMillisAt(live, 1029), equalTo(1L));
    assertThat(waitMillisAt(live, 1031), equalTo(100L));
  }

  @Test
  void theWaitFollowsTheClocksSpeedAndLatency() {
    ReplayClock fast = ReplayClock.paced(T0, W0, 10, Duration.ZERO);
    assertThat(waitMillisAt(fast, 50), equalTo(50L)); // GPS seconds pass every 100 ms of wall time
    ReplayClock late = ReplayClock.paced(T0, W0, 1, Duration.ofMillis(250));
    assertThat(waitMillisAt(late, 1100), equalTo(100L));
    assertThat(waitMillisAt(late, 1200), equalTo(50L)); // released at 1250 ms: one second plus the latency
    assertThat(waitMillisAt(late, 1260), equalTo(1L));
  }

  @Test
  void anUnpacedReaderOnlyWaitsBriefly() {
    assertThat(waitMillisAt(ReplayClock.unpaced(), 500), equalTo(1L));
  }
}
