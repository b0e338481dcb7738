package org.gwreplay.replay;

/** What the reader gets next from a detector's stream: a frame, a gap, or the end. */
sealed interface ReplayItem permits ReplayItem.Frame, Gap, ReplayItem.End {

  /** GPS start (in source data time) of what this item covers. */
  long start();

  record Frame(ReplayFrame frame) implements ReplayItem {
    @Override
    public long start() {
      return frame.dataStart();
    }
  }

  record End() implements ReplayItem {
    @Override
    public long start() {
      return Long.MAX_VALUE;
    }
  }
}
