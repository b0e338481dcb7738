package org.gwreplay.replay;

import java.io.Serializable;

/**
 * What one detector's read has delivered and lost so far. Lost means a frame not replayed for a
 * reason other than {@link #NO_DATA} (the source simply has nothing for that time, as when the
 * detector was off): a catalog or storage failure, a corrupt file, a channel filter matching
 * nothing. {@code reason} is that of the first loss (later ones are often its echo, such as a
 * circuit breaker's "not tried"), or of the latest gap when nothing was lost.
 * {@code lastFrameStart} is the data start of the latest frame delivered ({@link ReplayFrame#NONE} before the first).
 */
public record Delivery(long frames, long lostSeconds, long lostFrames, String reason, long lastFrameStart) implements Serializable {

  /** The reason of a gap where the source has no file: not a loss. */
  public static final String NO_DATA = "no data in the source";

  static final Delivery NONE = new Delivery(0, 0, 0, null, ReplayFrame.NONE);

  Delivery withFrame(long start) {
    return new Delivery(frames + 1, lostSeconds, lostFrames, reason, start);
  }

  Delivery withGap(Gap g) {
    if (isLoss(g.reason())) {
      return new Delivery(frames, lostSeconds + g.duration(), lostFrames + 1, lostFrames == 0 ? g.reason() : reason, lastFrameStart);
    }
    return lostFrames == 0 ? new Delivery(frames, lostSeconds, lostFrames, g.reason(), lastFrameStart) : this;
  }

  public static boolean isLoss(String reason) {
    return !NO_DATA.equals(reason);
  }
}
