package org.gwreplay.source;

import org.apache.beam.sdk.options.PipelineOptions;

/** {@code rucio:SCOPE[:DATASET]}: a Rucio data lake, set up by {@link RucioSourceOptions} over the user's rucio.cfg. */
public final class RucioSourceProvider implements FrameSourceProvider {
  @Override
  public String scheme() {
    return "rucio";
  }

  @Override
  public String help() {
    return "rucio:SCOPE, rucio:SCOPE:DATASET";
  }

  @Override
  public Class<RucioSourceOptions> options() {
    return RucioSourceOptions.class;
  }

  @Override
  public FrameSource create(String spec, long gpsStart, PipelineOptions options) {
    return RucioSource.create(spec, options.as(RucioSourceOptions.class));
  }
}
