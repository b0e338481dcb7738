package org.gwreplay.replay;

/** What the reader gets next from a detector's stream: a frame, a gap, or the end. */
sealed interface ReplayItem {

  /** GPS start (in source data time) of what this item covers. */
  long start();

  record Frame(ReplayFrame frame) implements ReplayItem {
    @Override
    public long start() {
      return frame.dataStart();
    }
  }

  /** No file for [start, end) of source data time, and why. */
  record Gap(String detector, long start, long end, String reason) implements ReplayItem {}

  record End() implements ReplayItem {
    @Override
    public long start() {
      return Long.MAX_VALUE;
    }
  }
}
