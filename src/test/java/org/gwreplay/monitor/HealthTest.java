package org.gwreplay.monitor;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.gwreplay.replay.ReplayClock;
import org.gwreplay.replay.ReplaySpec;
import org.gwreplay.source.DemoSource;
import org.gwreplay.time.GpsTime;
import org.gwreplay.time.Segment;
import org.gwreplay.time.SegmentList;
import org.junit.jupiter.api.Test;

/** /health's rule: each detector's written data (or reported gaps) within the lag limit of the clock. */
class HealthTest {

  private static final Instant W0 = Instant.parse("2026-12-01T00:00:00Z");

  /** Two segments, [1000, 1100) and [1200, 1300); the clock shows 1000 at W0, live pace. */
  private static Health health(long maxLag) {
    ReplaySpec spec = ReplaySpec.builder().setSource(new DemoSource(1000, 4)).setDetectors(List.of("H1", "L1"))
        .setSegments(SegmentList.of(List.of(new Segment(1000, 1100), new Segment(1200, 1300))))
        .setClock(ReplayClock.paced(GpsTime.ofSeconds(1000), W0, 1, Duration.ZERO)).build();
    return new Health(spec, maxLag);
  }

  private static ObjectNode status(long h1End, long l1End) {
    ObjectNode s = new ObjectMapper().createObjectNode();
    s.putObject("detectors").putObject("H1").put("newestGpsEnd", h1End);
    ((ObjectNode) s.path("detectors")).putObject("L1").put("newestGpsEnd", l1End);
    return s;
  }

  @Test
  void healthyWhileEveryDetectorIsWithinTheLimit() {
    ObjectNode h = health(30).check(status(1050, 1025), W0.plusSeconds(50));
    assertThat(h.toString(), h.path("healthy").asBoolean(), equalTo(true));
    assertThat(h.path("lagSeconds").path("L1").asLong(), equalTo(25L));
  }

  @Test
  void aDetectorBehindMakesItUnhealthyWithTheReason() {
    ObjectNode h = health(30).check(status(1050, 1010), W0.plusSeconds(50));
    assertThat(h.path("healthy").asBoolean(), equalTo(false));
    assertThat(h.path("reason").asText(), equalTo("L1 is 40 s behind the replay clock (data written through GPS 1010, clock at 1050, limit 30 s)"));
  }

  @Test
  void aReportedGapCountsAsDone() {
    ObjectNode s = status(1050, 1010);
    ((ObjectNode) s.path("detectors").path("L1")).putArray("gaps").addObject().put("start", 1010).put("end", 1048).put("reason", "no data");
    assertThat(health(30).check(s, W0.plusSeconds(50)).path("healthy").asBoolean(), equalTo(true));
  }

  @Test
  void theClockWaitsBetweenSegments() {
    // At GPS 1180 the clock is in the hole: both detectors finished the first segment at 1100.
    ObjectNode h = health(30).check(status(1100, 1100), W0.plusSeconds(180));
    assertThat(h.toString(), h.path("healthy").asBoolean(), equalTo(true));
    assertThat(health(30).check(status(1100, 1100), W0.plusSeconds(240)).path("reason").asText(),
        containsString("H1 is 40 s behind"));
  }

  @Test
  void noFileYetCountsFromTheStart() {
    ObjectNode s = new ObjectMapper().createObjectNode();
    s.putObject("detectors").putObject("H1");
    assertThat(health(30).check(s, W0.plusSeconds(20)).path("healthy").asBoolean(), equalTo(true));
    assertThat(health(30).check(s, W0.plusSeconds(45)).path("reason").asText(), containsString("H1 is 45 s behind"));
    assertThat(health(30).check(s, W0.minusSeconds(10)).path("healthy").asBoolean(), equalTo(true));
  }
}
