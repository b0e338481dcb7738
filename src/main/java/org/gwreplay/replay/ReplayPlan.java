package org.gwreplay.replay;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.source.SourceFile;
import org.gwreplay.time.Segment;
import org.gwreplay.time.SegmentList;

/**
 * What a replay would do, found from the catalog alone (nothing is fetched or written): per
 * detector, the frames planned, those with data, the gaps, and the volume of source data. Walks
 * the same lazy plan and listing as the replay, so it runs in constant memory however long.
 */
public final class ReplayPlan {

  /** Gaps listed in full per detector; beyond that only counted. */
  static final int MAX_GAPS_LISTED = 1000;

  /** One detector's plan. */
  public record DetectorPlan(String detector, long frames, long framesWithData, long sourceFiles, long sourceBytes,
      List<Gap> gaps, long gapCount, long gapSeconds) {}

  private ReplayPlan() {}

  /** The time of planned frames with no start in {@code present}. */
  public static SegmentList missingSpans(SegmentList segments, long frameDuration, java.util.Set<Long> present) {
    return missingSpans(segments, frameDuration, 1, present, segments.start(), Long.MAX_VALUE);
  }

  /**
   * The time, in replay time, of the frames of a {@code passes}-pass loop planned in [from, to)
   * with no start in {@code present}. Walks only that range.
   */
  public static SegmentList missingSpans(SegmentList segments, long frameDuration, long passes, java.util.Set<Long> present,
      long from, long to) {
    SegmentList.Builder missing = new SegmentList.Builder();
    FramePlan plan = new FramePlan(segments, frameDuration, passes, from);
    while (plan.hasNext() && plan.peek() < to) {
      long t = plan.next();
      if (!present.contains(t)) {
        missing.add(t, t + frameDuration);
      }
    }
    return missing.build();
  }

  /** The data time of replay time {@code t} in a {@code passes}-pass loop, or Long.MIN_VALUE when no pass holds it. */
  public static long dataTime(SegmentList segments, long frameDuration, long passes, long t) {
    if (passes == 1) {
      return t;
    }
    long origin = FramePlan.origin(segments, frameDuration);
    long period = FramePlan.period(segments, frameDuration);
    long k = Math.floorDiv(t - origin, period);
    return k < 0 || k >= passes ? Long.MIN_VALUE : t - k * period;
  }

  /**
   * The first planned frame at or after the oldest of {@code present} (frame start times) that is
   * not among them: where an interrupted replay must continue. Frames before the oldest present
   * one were written and expired. Long.MIN_VALUE when nothing is present.
   */
  public static long firstMissing(SegmentList segments, long frameDuration, java.util.NavigableSet<Long> present) {
    return firstMissing(segments, frameDuration, 1, present);
  }

  /**
   * As {@link #firstMissing(SegmentList, long, NavigableSet)} for a replay of {@code passes}
   * passes of the segment list, {@code present} and the answer in replay time. Walks only from
   * the oldest present frame to the first missing one, however many passes the loop has.
   */
  public static long firstMissing(SegmentList segments, long frameDuration, long passes, java.util.NavigableSet<Long> present) {
    if (present.isEmpty()) {
      return Long.MIN_VALUE;
    }
    FramePlan plan = new FramePlan(segments, frameDuration, passes, present.first());
    while (plan.hasNext()) {
      long t = plan.next();
      if (!present.contains(t)) {
        return t;
      }
    }
    return FramePlan.end(segments, frameDuration, passes);
  }

  /** The replay time at which {@code passes} passes of the segment list end (Long.MAX_VALUE: never). */
  public static long replayEnd(SegmentList segments, long frameDuration, long passes) {
    return FramePlan.end(segments, frameDuration, passes);
  }

  public static List<DetectorPlan> of(ReplaySpec spec) {
    List<DetectorPlan> plans = new ArrayList<>();
    for (String d : spec.detectors()) {
      plans.add(plan(spec, d));
    }
    return plans;
  }

  static DetectorPlan plan(ReplaySpec spec, String detector) {
    long[] files = new long[2];
    // A file is counted once, when the cursor lets it go (or at the end): no set of all names.
    Set<FrameFileName> live = new HashSet<>();
    SourceCursor cursor = new SourceCursor(spec.source(), detector, f -> live.remove(f.name()));
    FramePlan plan = new FramePlan(spec.segments(), spec.frameDuration(), spec.segments().start());
    long frames = 0;
    long withData = 0;
    long gapCount = 0;
    long gapSeconds = 0;
    List<Gap> gaps = new ArrayList<>();
    Gap open = null;
    while (plan.hasNext()) {
      Segment segment = plan.segment();
      long start = plan.next();
      long end = start + spec.frameDuration();
      frames++;
      Gap gap = null;
      try {
        List<SourceFile> chain = cursor.covering(segment, start, end);
        if (chain.isEmpty()) {
          gap = new Gap(detector, start, end, "no data in the source");
        }
        for (SourceFile f : chain) {
          if (live.add(f.name())) {
            files[0]++;
            files[1] += Math.max(0, f.bytes());
          }
        }
      } catch (java.io.UncheckedIOException e) {
        gap = new Gap(detector, start, end, "catalog error: " + e.getCause().getMessage());
      }
      if (gap == null) {
        withData++;
        continue;
      }
      gapSeconds += gap.duration();
      Gap merged = open == null ? null : open.mergedWith(gap);
      if (merged != null) {
        open = merged;
        continue;
      }
      if (open != null) {
        gapCount++;
        if (gaps.size() < MAX_GAPS_LISTED) {
          gaps.add(open);
        }
      }
      open = gap;
    }
    if (open != null) {
      gapCount++;
      if (gaps.size() < MAX_GAPS_LISTED) {
        gaps.add(open);
      }
    }
    return new DetectorPlan(detector, frames, withData, files[0], files[1], gaps, gapCount, gapSeconds);
  }
}
