package org.gwreplay.replay;

import java.io.Serializable;
import org.apache.beam.sdk.io.UnboundedSource;

/**
 * Where a detector's read stands: every frame (or gap) starting before {@code next} has been
 * emitted. A restored reader resumes planning there, so nothing is lost or emitted twice. The
 * replay clock needs no state of its own: it is fixed in the source's spec. {@code delivery} is
 * what the read delivered and lost so far, so that a re-created reader judges the whole run.
 */
public record FramePosition(long next, Delivery delivery) implements UnboundedSource.CheckpointMark, Serializable {

  public FramePosition(long next) {
    this(next, Delivery.NONE);
  }

  @Override
  public void finalizeCheckpoint() {
    // Nothing to acknowledge: the lake is read, not consumed.
  }
}
