package org.gwreplay.source;

import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsRegistrar;

/**
 * Makes each source's options ({@code --rucio...}) known to
 * {@code PipelineOptionsFactory.fromArgs(...)} and its {@code --help}, whatever options interface
 * the launcher asks for (listed in META-INF/services).
 */
public final class SourceOptionsRegistrar implements PipelineOptionsRegistrar {
  @Override
  public Iterable<Class<? extends PipelineOptions>> getPipelineOptions() {
    return FrameSources.providers().stream().map(FrameSourceProvider::options).distinct().toList();
  }
}
