package org.gwreplay.source;

import org.apache.beam.sdk.options.PipelineOptions;

/**
 * One {@code --source} scheme ({@code demo}, {@code dir}, {@code rucio}, ...). Providers are found
 * with {@link java.util.ServiceLoader}, listed in
 * {@code META-INF/services/org.gwreplay.source.FrameSourceProvider}, so a new kind of source is a
 * provider and a line there, with no change to the code that chooses among them.
 */
public interface FrameSourceProvider {

  /** The spec's text before its first ':', e.g. {@code dir} for {@code dir:/data/frames}. */
  String scheme();

  /** The spec's forms, for help and errors, e.g. {@code dir:PATH}. */
  String help();

  /** The options this source reads its settings from, registered with Beam for the command line. */
  default Class<? extends PipelineOptions> options() {
    return PipelineOptions.class;
  }

  /**
   * A source for {@code spec}, validated now (a clear one-line error before the pipeline starts).
   *
   * @param gpsStart start of the replay
   * @param options the pipeline's options; view them {@code as} {@link #options()}
   */
  FrameSource create(String spec, long gpsStart, PipelineOptions options);
}
