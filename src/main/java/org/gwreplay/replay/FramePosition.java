package org.gwreplay.replay;

import java.io.Serializable;
import org.apache.beam.sdk.io.UnboundedSource;

/**
 * Where a detector's read stands: every frame (or gap) starting before {@code next} has been
 * emitted. A restored reader resumes planning there, so nothing is lost or emitted twice. The
 * replay clock needs no state of its own: it is fixed in the source's spec. {@code delivery} is
 * what the read delivered and lost so far, so that a re-created reader judges the whole run.
 *
 * <p>{@code next} is a replay time, which counts the passes of a looping replay (pass k's frames
 * lie one loop period later than pass k-1's), so the mark carries the pass: see {@link #pass}.
 */
public record FramePosition(long next, Delivery delivery) implements UnboundedSource.CheckpointMark, Serializable {

  public FramePosition(long next) {
    this(next, Delivery.NONE);
  }

  /** The pass of {@code spec}'s loop this position lies in (0 for the first, or no loop). */
  public long pass(ReplaySpec spec) {
    if (!spec.loops() || next <= FramePlan.origin(spec.segments(), spec.frameDuration())) {
      return 0;
    }
    return Math.floorDiv(next - FramePlan.origin(spec.segments(), spec.frameDuration()), spec.loopPeriod());
  }

  @Override
  public void finalizeCheckpoint() {
    // Nothing to acknowledge: the lake is read, not consumed.
  }
}
