package org.gwreplay.replay;

/** What the reader gets next from a detector's stream: a frame, a gap, or the end. */
sealed interface ReplayItem permits ReplayItem.Frame, Gap, ReplayItem.End {

  /** GPS start (in source data time) of what this item covers. */
  long start();

  /** @param flaggedOff made for time with no data, flagged not observing ({@code --off-time=flag}) */
  record Frame(ReplayFrame frame, boolean flaggedOff) implements ReplayItem {
    Frame(ReplayFrame frame) {
      this(frame, false);
    }

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
