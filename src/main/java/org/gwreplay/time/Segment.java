package org.gwreplay.time;

import java.io.Serializable;

/** A half-open span of GPS time [start, end) in whole seconds, as in segment lists. */
public record Segment(long start, long end) implements Serializable, Comparable<Segment> {

  public Segment {
    if (start < 0) {
      throw new IllegalArgumentException("segment start must not be negative: " + start);
    }
    if (end <= start) {
      throw new IllegalArgumentException("segment end " + end + " must be after its start " + start);
    }
  }

  public long duration() {
    return end - start;
  }

  public boolean contains(long gps) {
    return gps >= start && gps < end;
  }

  @Override
  public int compareTo(Segment o) {
    return start != o.start ? Long.compare(start, o.start) : Long.compare(end, o.end);
  }

  @Override
  public String toString() {
    return start + "-" + end;
  }
}
