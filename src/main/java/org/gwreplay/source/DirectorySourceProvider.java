package org.gwreplay.source;

import org.apache.beam.sdk.options.PipelineOptions;

/** {@code dir:PATH}: frame files in a local directory tree. */
public final class DirectorySourceProvider implements FrameSourceProvider {
  @Override
  public String scheme() {
    return "dir";
  }

  @Override
  public String help() {
    return "dir:PATH";
  }

  @Override
  public FrameSource create(String spec, long gpsStart, PipelineOptions options) {
    return DirectorySource.parse(spec);
  }
}
