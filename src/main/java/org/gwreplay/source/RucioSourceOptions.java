package org.gwreplay.source;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.gwreplay.rucio.RucioOptions;

/** Options of the {@code rucio:} source: the client's, and how frame files are named and looked up in the lake. */
public interface RucioSourceOptions extends RucioOptions {

  @Description("File name pattern per detector, placeholders {site} {ifo} {gps} {dur}; '*' allowed elsewhere")
  @Default.String(LakeLayout.DEFAULT_NAME_PATTERN)
  String getRucioNamePattern();
  void setRucioNamePattern(String value);

  @Description("Seconds of GPS time asked for per catalog query: a power of ten (one query = one wildcard on the leading GPS digits)")
  @Default.Long(1000)
  long getRucioChunkSeconds();
  void setRucioChunkSeconds(long value);

  @Description("Longest file duration to expect (s): how far before the start to look for a file that overlaps it")
  @Default.Long(4096)
  long getRucioMaxFileSeconds();
  void setRucioMaxFileSeconds(long value);
}
