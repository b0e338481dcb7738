package org.gwreplay.replay;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.values.PCollection;

/**
 * A replay's pipeline: read (paced by the replay clock) -> release -> the target's sink.
 *
 * <pre>{@code
 * Pipeline p = Replay.of(spec).to(new DirectoryTarget(SharedDirectory.of(dir, "{ifo}"), 300)).pipeline(options);
 * }</pre>
 *
 * The release step is there when the target needs it ({@link ReplayTarget#needsRelease}): an
 * unpaced replay into a directory has nothing to wait for, so its frames go straight to the sink
 * as they are made (windows would only hold them in state and cost timers), shard by shard in parallel.
 */
public final class Replay {

  private final ReplaySpec spec;
  private final ReplayTarget target;

  private Replay(ReplaySpec spec, ReplayTarget target) {
    this.spec = spec;
    this.target = target;
  }

  public static Builder of(ReplaySpec spec) {
    return new Builder(spec);
  }

  /** The first half of {@code Replay.of(spec).to(target)}. */
  public static final class Builder {
    private final ReplaySpec spec;

    private Builder(ReplaySpec spec) {
      this.spec = spec;
    }

    public Replay to(ReplayTarget target) {
      return new Replay(spec, target);
    }
  }

  /** A new pipeline of the replay's steps, under their stable names (runners key their state by them). */
  public Pipeline pipeline(PipelineOptions options) {
    Pipeline p = Pipeline.create(options);
    PCollection<ReplayFrame> frames = p.apply("ReadFrames", ReadFrames.of(spec));
    if (target.needsRelease(spec.clock())) {
      frames = frames.apply("ReleaseFrames", ReleaseFrames.create());
    }
    frames.apply(target.sinkName(), target.sink(spec));
    return p;
  }
}
