package org.gwreplay.source;

import java.util.Map;
import org.gwreplay.rucio.RucioTestLake;

/** {@link RucioSource}s over a {@link RucioTestLake}, for tests and benchmarks. */
public final class LakeSources {
  private LakeSources() {}

  /** The lake's options (short timeouts and backoffs), with the source's own on top. */
  public static RucioSourceOptions options(RucioTestLake lake) {
    return lake.options().as(RucioSourceOptions.class);
  }

  public static RucioSource source(RucioTestLake lake, String spec) {
    return source(spec, options(lake));
  }

  /** Ignores the caller's environment (RUCIO_ACCOUNT, X509_CERT_DIR, ...). */
  public static RucioSource source(String spec, RucioSourceOptions options) {
    return RucioSource.create(spec, options, Map.of());
  }
}
