package org.gwreplay.source;

import org.apache.beam.sdk.options.PipelineOptions;
import org.gwreplay.rucio.RucioOptions;
import org.gwreplay.rucio.RucioSource;

/** Makes a {@link FrameSource} from its spec: {@code demo}, {@code dir:PATH} or {@code rucio:SCOPE[:NAME]}. */
public final class FrameSources {

  public static final String SCHEMES = "demo, demo:chirp=GPS,file=SECONDS,off=GPS+SECONDS,nonscience=GPS+SECONDS,hwinj=BIT, dir:PATH, rucio:SCOPE, rucio:SCOPE:DATASET";

  private FrameSources() {}

  /**
   * @param spec the {@code --source} value
   * @param gpsStart start of the replay, where the demo puts its chirp by default (16 s in)
   * @param options the pipeline's options, which carry each source's own settings
   */
  public static FrameSource create(String spec, long gpsStart, PipelineOptions options) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("no --source given (one of: " + SCHEMES + ")");
    }
    if (spec.equals("demo") || spec.startsWith("demo:")) {
      return DemoSource.parse(spec, gpsStart + 16);
    }
    if (spec.startsWith("dir:")) {
      return DirectorySource.parse(spec);
    }
    if (spec.startsWith("rucio:")) {
      try {
        return RucioSource.create(spec, options.as(RucioOptions.class));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
    int colon = spec.indexOf(':');
    String scheme = colon < 0 ? spec : spec.substring(0, colon);
    throw new IllegalArgumentException("unknown source scheme '" + scheme + "' (expected one of: " + SCHEMES + ")");
  }
}
