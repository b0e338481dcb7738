package org.gwreplay.replay;

import java.util.NoSuchElementException;
import org.gwreplay.time.Segment;
import org.gwreplay.time.SegmentList;

/**
 * The output frames of a replay, enumerated lazily: frames of the chosen duration aligned to
 * multiples of it (as live frames are), wholly inside a segment, in GPS order, from a resume
 * position on. Nothing is materialised, so a 40-day plan costs no memory.
 *
 * <p>A looping replay walks the segment list {@code passes} times. Its frames are given in
 * replay time: pass k's frames are the data's own times plus {@code k * period}, where the
 * period is the list's span in whole frames ({@link #period}), so passes follow one another with
 * no gap or overlap at the seams and the list's own gaps come back as gaps. Positions (resume
 * points, checkpoints) are replay times too, so they carry the pass.
 */
final class FramePlan {

  /** Passes of a loop that runs until stopped. */
  static final long FOREVER = Long.MAX_VALUE;

  private final SegmentList segments;
  private final long duration;
  private final long passes;
  private final long period;
  private long pass;
  private int segmentIndex;
  /** Next frame start in data time (within the current pass), or Long.MAX_VALUE when done. */
  private long next;

  /** A single pass over the segments. */
  FramePlan(SegmentList segments, long duration, long resumeFrom) {
    this(segments, duration, 1, resumeFrom);
  }

  /** {@code passes} passes (or {@link #FOREVER}), from replay time {@code resumeFrom} on. */
  FramePlan(SegmentList segments, long duration, long passes, long resumeFrom) {
    if (passes < 1) {
      throw new IllegalArgumentException("a replay makes at least one pass: " + passes);
    }
    this.segments = segments;
    this.duration = duration;
    this.passes = passes;
    this.period = period(segments, duration);
    if (resumeFrom >= end(segments, duration, passes)) {
      next = Long.MAX_VALUE; // nothing left (and no arithmetic near Long.MAX_VALUE)
      return;
    }
    this.pass = passes == 1 || resumeFrom <= origin(segments, duration) ? 0 : Math.floorDiv(resumeFrom - origin(segments, duration), period);
    if (pass >= passes) {
      next = Long.MAX_VALUE;
      return;
    }
    seek(resumeFrom - pass * period);
  }

  /** First aligned frame start at or after {@code gps}. */
  static long firstFrame(long gps, long duration) {
    return Math.floorDiv(gps + duration - 1, duration) * duration;
  }

  /** Where pass 0 begins: the first aligned frame start at or after the list's start. */
  static long origin(SegmentList segments, long duration) {
    return firstFrame(segments.start(), duration);
  }

  /**
   * The length of one pass: from the first aligned frame start to the last aligned frame end of
   * the list (its span rounded inwards to whole frames). Positive whenever a frame fits.
   */
  static long period(SegmentList segments, long duration) {
    return Math.max(duration, Math.floorDiv(segments.end(), duration) * duration - origin(segments, duration));
  }

  /**
   * The replay time at which {@code passes} passes end: the list's end for one pass,
   * Long.MAX_VALUE for a loop that runs forever (or whose end cannot be counted in a long).
   */
  static long end(SegmentList segments, long duration, long passes) {
    if (passes == 1) {
      return segments.end();
    }
    long period = period(segments, duration);
    if (passes == FOREVER || passes > (Long.MAX_VALUE / 4 - origin(segments, duration)) / period) {
      return Long.MAX_VALUE;
    }
    return origin(segments, duration) + passes * period;
  }

  private void seek(long from) {
    while (true) {
      if (from < segments.end()) {
        while (segmentIndex < segments.segments().size()) {
          Segment s = segments.segments().get(segmentIndex);
          long start = firstFrame(Math.max(from, s.start()), duration);
          if (start + duration <= s.end()) {
            next = start;
            return;
          }
          segmentIndex++;
        }
      }
      // This pass is done: the next one starts the list again, one period later.
      if (pass + 1 >= passes) {
        next = Long.MAX_VALUE;
        return;
      }
      pass++;
      segmentIndex = 0;
      from = segments.start();
    }
  }

  /** Data seconds of the whole frames planned from {@code from} on, counted per segment (no iteration). */
  static long plannedSeconds(SegmentList segments, long duration, long from) {
    return segments.intersect(from, Long.MAX_VALUE).map(l -> l.alignedInwards(duration).livetime()).orElse(0L);
  }

  boolean hasNext() {
    return next != Long.MAX_VALUE;
  }

  /** Start of the next frame, in replay time, without consuming it. */
  long peek() {
    if (!hasNext()) {
      throw new NoSuchElementException("plan finished");
    }
    return next + offset();
  }

  /** The pass the next frame belongs to (0 for the first). */
  long pass() {
    return pass;
  }

  /** Replay time less data time for the next frame: {@code pass * period}. */
  long offset() {
    return pass * period;
  }

  /** The segment (in data time) the next frame lies in. */
  Segment segment() {
    return segments.segments().get(segmentIndex);
  }

  /** Start of the next frame in replay time; consumes it. */
  long next() {
    long t = peek();
    seek(next + duration);
    return t;
  }
}
