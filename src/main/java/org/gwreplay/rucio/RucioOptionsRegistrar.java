package org.gwreplay.rucio;

import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsRegistrar;

/**
 * Makes {@code --rucio...} known to {@code PipelineOptionsFactory.fromArgs(...)} and its
 * {@code --help}, whatever options interface the launcher asks for (listed in
 * META-INF/services).
 */
public final class RucioOptionsRegistrar implements PipelineOptionsRegistrar {
  @Override
  public Iterable<Class<? extends PipelineOptions>> getPipelineOptions() {
    return List.of(RucioOptions.class);
  }
}
