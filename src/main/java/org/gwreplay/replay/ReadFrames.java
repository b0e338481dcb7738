package org.gwreplay.replay;

import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads the frames of a replay: for each detector, plans the output frames lazily, fetches ahead
 * of the replay clock, and emits each frame stamped with its GPS start while the watermark follows
 * the clock.
 */
public final class ReadFrames extends PTransform<PBegin, PCollection<ReplayFrame>> {

  private final ReplaySpec spec;

  private ReadFrames(ReplaySpec spec) {
    this.spec = spec;
  }

  public static ReadFrames of(ReplaySpec spec) {
    return new ReadFrames(spec);
  }

  @Override
  public PCollection<ReplayFrame> expand(PBegin begin) {
    return begin.apply("ReadFromSource", Read.from(new FrameReadSource(spec)));
  }
}
