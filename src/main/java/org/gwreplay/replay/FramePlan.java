package org.gwreplay.replay;

import java.util.NoSuchElementException;
import org.gwreplay.time.Segment;
import org.gwreplay.time.SegmentList;

/**
 * The output frames of a replay, enumerated lazily: frames of the chosen duration aligned to
 * multiples of it (as live frames are), wholly inside a segment, in GPS order, from a resume
 * position on. Nothing is materialised, so a 40-day plan costs no memory.
 */
final class FramePlan {

  private final SegmentList segments;
  private final long duration;
  private int segmentIndex;
  private long next;

  FramePlan(SegmentList segments, long duration, long resumeFrom) {
    this.segments = segments;
    this.duration = duration;
    this.segmentIndex = 0;
    this.next = Long.MIN_VALUE;
    seek(resumeFrom);
  }

  /** First aligned frame start at or after {@code gps}. */
  static long firstFrame(long gps, long duration) {
    return Math.floorDiv(gps + duration - 1, duration) * duration;
  }

  private void seek(long from) {
    if (from >= segments.end()) {
      next = Long.MAX_VALUE; // nothing left (and no arithmetic near Long.MAX_VALUE)
      return;
    }
    while (segmentIndex < segments.segments().size()) {
      Segment s = segments.segments().get(segmentIndex);
      long start = firstFrame(Math.max(from, s.start()), duration);
      if (start + duration <= s.end()) {
        next = start;
        return;
      }
      segmentIndex++;
    }
    next = Long.MAX_VALUE;
  }

  /** Data seconds of the whole frames planned from {@code from} on, counted per segment (no iteration). */
  static long plannedSeconds(SegmentList segments, long duration, long from) {
    long total = 0;
    for (Segment s : segments.segments()) {
      long first = firstFrame(Math.max(from, s.start()), duration);
      long last = Math.floorDiv(s.end(), duration) * duration;
      if (last > first) {
        total += last - first;
      }
    }
    return total;
  }

  boolean hasNext() {
    return next != Long.MAX_VALUE;
  }

  /** Start of the next frame without consuming it. */
  long peek() {
    if (!hasNext()) {
      throw new NoSuchElementException("plan finished");
    }
    return next;
  }

  /** The segment the next frame lies in. */
  Segment segment() {
    return segments.segments().get(segmentIndex);
  }

  long next() {
    long t = peek();
    seek(t + duration);
    return t;
  }
}
