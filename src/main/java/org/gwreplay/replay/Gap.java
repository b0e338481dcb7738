package org.gwreplay.replay;

/** Source data time [start, end) of a detector for which no file is written, and why. */
public record Gap(String detector, long start, long end, String reason) implements ReplayItem {

  public long duration() {
    return end - start;
  }

  /** This gap grown to {@code next}'s end when they touch and share a reason; else null. */
  Gap mergedWith(Gap next) {
    return next.start == end && next.reason.equals(reason) ? new Gap(detector, start, next.end, reason) : null;
  }

  @Override
  public String toString() {
    return detector + " " + start + "-" + end + " (" + duration() + " s): " + reason;
  }
}
