package org.gwreplay.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import org.gwreplay.replay.ReplaySpec;
import org.gwreplay.time.GpsTime;
import org.gwreplay.time.Segment;
import org.gwreplay.time.SegmentList;

/**
 * Whether every detector keeps up with the replay clock: its newest file (or the end of a gap the
 * reader reported) must end at most {@code maxLag} seconds of replayed data time before the
 * clock (time between segments does not count). Before the clock starts every detector is on time.
 */
final class Health {

  private final ReplaySpec spec;
  private final long maxLag;

  Health(ReplaySpec spec, long maxLagSeconds) {
    this.spec = spec;
    this.maxLag = maxLagSeconds;
  }

  /** The answer: "healthy" true or false, with each detector's lag and the reasons it is not healthy. */
  ObjectNode check(JsonNode status, Instant now) {
    ObjectNode out = new ObjectMapper().createObjectNode();
    out.put("maxLagSeconds", maxLag);
    GpsTime clock = spec.clock().releasedThrough(now);
    if (status == null || clock == null) {
      out.put("healthy", true);
      out.put("reason", status == null ? "starting" : "not paced (speed max): no lag to keep");
      return out;
    }
    long through = dataClock(clock.seconds());
    ObjectNode lags = out.putObject("lagSeconds");
    StringBuilder reasons = new StringBuilder();
    long shift = spec.outputShift(); // with the extra whole frames of a late-starting shift-to-now clock
    for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) () -> status.path("detectors").fields()) {
      JsonNode d = e.getValue();
      long done = spec.segments().start();
      if (d.has("newestGpsEnd")) {
        done = Math.max(done, d.path("newestGpsEnd").asLong() - shift);
      }
      for (JsonNode g : d.path("gaps")) {
        done = Math.max(done, g.path("end").asLong() - shift);
      }
      long lag = dataSeconds(done, through);
      lags.put(e.getKey(), lag);
      if (lag > maxLag) {
        reasons.append(reasons.length() == 0 ? "" : "; ").append(String.format(
            "%s is %d s behind the replay clock (data written through GPS %d, clock at %d, limit %d s)",
            e.getKey(), lag, done + shift, through + shift, maxLag));
      }
    }
    out.put("healthy", reasons.length() == 0);
    if (reasons.length() > 0) {
      out.put("reason", reasons.toString());
    }
    return out;
  }

  /** Seconds of replayed data time in [from, to): a hole between segments is no lag. */
  private long dataSeconds(long from, long to) {
    return spec.segments().intersect(from, to).map(SegmentList::livetime).orElse(0L);
  }

  /** The clock clipped to the replayed data time: in a hole between segments it waits at the last segment's end. */
  private long dataClock(long clock) {
    long at = spec.segments().start();
    for (Segment s : spec.segments().segments()) {
      if (s.start() > clock) {
        break;
      }
      at = Math.min(clock, s.end());
    }
    return at;
  }
}
