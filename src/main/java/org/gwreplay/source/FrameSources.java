package org.gwreplay.source;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.apache.beam.sdk.options.PipelineOptions;

/** Makes a {@link FrameSource} from its spec, by the {@link FrameSourceProvider} of its scheme. */
public final class FrameSources {

  /** Sorted by scheme, so help and errors read the same whatever the class path order. */
  private static final List<FrameSourceProvider> PROVIDERS = ServiceLoader.load(FrameSourceProvider.class,
          FrameSources.class.getClassLoader()).stream().map(ServiceLoader.Provider::get)
      .sorted(Comparator.comparing(FrameSourceProvider::scheme)).toList();

  private FrameSources() {}

  public static List<FrameSourceProvider> providers() {
    return PROVIDERS;
  }

  /** Every provider's spec forms, e.g. {@code demo, ..., dir:PATH, rucio:SCOPE, rucio:SCOPE:DATASET}. */
  public static String help() {
    return PROVIDERS.stream().map(FrameSourceProvider::help).collect(Collectors.joining(", "));
  }

  /**
   * @param spec the {@code --source} value
   * @param gpsStart start of the replay, where the demo puts its chirp by default (16 s in)
   * @param options the pipeline's options, which carry each source's own settings
   */
  public static FrameSource create(String spec, long gpsStart, PipelineOptions options) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("no --source given (one of: " + help() + ")");
    }
    int colon = spec.indexOf(':');
    String scheme = colon < 0 ? spec : spec.substring(0, colon);
    for (FrameSourceProvider p : PROVIDERS) {
      if (p.scheme().equals(scheme)) {
        try {
          return p.create(spec, gpsStart, options);
        } catch (IllegalArgumentException e) {
          throw e;
        } catch (RuntimeException e) {
          // e.g. an unreadable rucio.cfg: still bad input, reported in one line like the rest
          throw new IllegalArgumentException(e.getMessage(), e);
        }
      }
    }
    throw new IllegalArgumentException("unknown source scheme '" + scheme + "' (expected one of: " + help() + ")");
  }
}
