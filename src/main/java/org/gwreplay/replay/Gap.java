package org.gwreplay.replay;

/** Source data time [start, end) of a detector for which no file is written, and why. */
public record Gap(String detector, long start, long end, String reason) implements ReplayItem {

  private static final java.util.regex.Pattern REPORT = java.util.regex.Pattern.compile("(\\d+)-(\\d+) (.*)", java.util.regex.Pattern.DOTALL);

  /** This gap as one metric value: {@code START-END reason}. */
  public String report() {
    return start + "-" + end + " " + reason;
  }

  /** A gap from its {@link #report()}, or null when the text is not one. */
  public static Gap fromReport(String detector, String report) {
    java.util.regex.Matcher m = REPORT.matcher(report);
    return m.matches() ? new Gap(detector, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), m.group(3)) : null;
  }

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
