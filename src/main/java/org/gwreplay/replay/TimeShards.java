package org.gwreplay.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gwreplay.time.SegmentList;

/**
 * Splits one detector's unpaced replay into contiguous GPS shards that read and write in parallel.
 * Shard bounds are multiples of a whole number of frames (at least {@link #MIN_SHARD_SECONDS}), so
 * every frame falls in exactly one shard and the files written are those of a single read: same
 * names, same bytes. A paced replay is never sharded: a shard ahead of the clock would only wait.
 */
final class TimeShards {

  /** Shards shorter than this cost more (one more boundary file fetched) than they gain. */
  static final long MIN_SHARD_SECONDS = 64;

  private TimeShards() {}

  /** {@code spec} (one detector) as at most {@code shards} specs over consecutive GPS spans. */
  static List<ReplaySpec> split(ReplaySpec spec, int shards) {
    String detector = spec.detectors().get(0);
    long from = spec.startPosition(detector);
    long to = spec.segments().end();
    long d = spec.frameDuration();
    long unit = d * Math.max(1, ceilDiv(MIN_SHARD_SECONDS, d));
    // A loop is not cut: its period is the whole list's span, and its passes follow in one read.
    if (shards <= 1 || to - from < 2 * unit || spec.loops()) {
      return List.of(spec);
    }
    long step = ceilDiv(ceilDiv(to - from, shards), unit) * unit; // an even share, in whole units
    List<ReplaySpec> out = new ArrayList<>();
    long planned = FramePlan.plannedSeconds(spec.segments(), d, from);
    for (long lo = from; lo < to; ) {
      long hi = Math.min(to, FramePlan.firstFrame(lo + step, unit));
      Optional<SegmentList> part = spec.segments().intersect(lo, hi);
      if (part.isPresent() && new FramePlan(part.get(), d, lo).hasNext()) {
        out.add(spec.toBuilder()
            .setSegments(part.get())
            .setStartPositions(Map.of(detector, Math.max(lo, part.get().start())))
            .setSource(spec.source().forDetector(detector))
            .setDelivery(spec.delivery().forShard(planned, out.isEmpty())) // judged for the detector
            .build());
      }
      lo = hi;
    }
    return out.isEmpty() ? List.of(spec) : out;
  }

  /** a / b rounded up, for b > 0 (Math.ceilDiv is Java 18). */
  static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
