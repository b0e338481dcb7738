package org.gwreplay.source;

import org.apache.beam.sdk.options.PipelineOptions;

/** {@code demo[:settings]}: the built-in synthetic lake, its chirp 16 s into the replay unless set. */
public final class DemoSourceProvider implements FrameSourceProvider {
  @Override
  public String scheme() {
    return "demo";
  }

  @Override
  public String help() {
    return "demo, demo:chirp=GPS,file=SECONDS,off=GPS+SECONDS,nonscience=GPS+SECONDS,hwinj=BIT";
  }

  @Override
  public FrameSource create(String spec, long gpsStart, PipelineOptions options) {
    return DemoSource.parse(spec, gpsStart + 16);
  }
}
