package org.gwreplay.replay;

import java.io.Serializable;
import org.apache.beam.sdk.io.UnboundedSource;

/**
 * Where a detector's read stands: every frame (or gap) starting before {@code next} has been
 * emitted. A restored reader resumes planning there, so nothing is lost or emitted twice. The
 * replay clock needs no state of its own: it is fixed in the source's spec.
 */
public record FramePosition(long next) implements UnboundedSource.CheckpointMark, Serializable {

  @Override
  public void finalizeCheckpoint() {
    // Nothing to acknowledge: the lake is read, not consumed.
  }
}
