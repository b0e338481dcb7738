package org.gwreplay.replay;

import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.display.DisplayData;
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

  /** What is read, for the runner's UI (Flink shows it beside the operator). */
  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("source", spec.source().describe()).withLabel("Frame source"))
        .add(DisplayData.item("detectors", String.join(",", spec.detectors())).withLabel("Detectors"))
        .add(DisplayData.item("segments", spec.segments().toString()).withLabel("GPS segments"))
        .add(DisplayData.item("livetime", spec.segments().livetime()).withLabel("Seconds of data per pass"))
        .add(DisplayData.item("frameDuration", spec.frameDuration()).withLabel("Output frame duration (s)"))
        .add(DisplayData.item("clock", spec.clock().toString()).withLabel("Replay clock"))
        .add(DisplayData.item("lookahead", spec.lookaheadSeconds()).withLabel("Fetch lookahead (s)"))
        .addIfNotDefault(DisplayData.item("shift", spec.outputShift()).withLabel("GPS shift of the output (s)"), 0L)
        .addIfNotDefault(DisplayData.item("loopPasses", spec.loopPasses()).withLabel("Passes over the segments"), 1L)
        .add(DisplayData.item("compression", spec.compression().toString()).withLabel("Output compression"));
  }
}
