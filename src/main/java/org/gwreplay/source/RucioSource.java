package org.gwreplay.source;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;
import org.gwreplay.gwf.Detectors;
import org.gwreplay.rucio.DidFile;
import org.gwreplay.rucio.DownloadPolicy;
import org.gwreplay.rucio.RucioConfig;
import org.gwreplay.rucio.RucioConfigException;
import org.gwreplay.rucio.RucioSession;

/**
 * Frames from a Rucio data lake. Spec: {@code rucio:SCOPE} (files found by name, see
 * {@link LakeLayout}) or {@code rucio:SCOPE:DATASET} (the files of a dataset or container,
 * whose name may contain {@code {ifo}}, {@code {site}} and {@code {gps/N}}).
 *
 * <p>Serializable: it carries settings only. The client, its token and the replica cache are
 * transient and made on first use on each worker.
 */
public final class RucioSource implements FrameSource {
  private static final long serialVersionUID = 1L;
  private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9_.\\-]{1,30}");

  private final RucioConfig config;
  private final LakeLayout layout;
  private final DownloadPolicy policy;
  private transient RucioSession session;

  RucioSource(RucioConfig config, LakeLayout layout, DownloadPolicy policy) {
    this.config = config;
    this.layout = layout;
    this.policy = policy;
  }

  /** Validates the spec and the settings now (clear errors before the pipeline starts). */
  public static RucioSource create(String spec, RucioSourceOptions options) {
    return create(spec, options, System.getenv());
  }

  static RucioSource create(String spec, RucioSourceOptions options, Map<String, String> env) {
    if (spec == null || !spec.startsWith("rucio:")) {
      throw new RucioConfigException("a Rucio source is 'rucio:SCOPE' or 'rucio:SCOPE:DATASET', got '" + spec + "'");
    }
    String rest = spec.substring("rucio:".length());
    int colon = rest.indexOf(':');
    String scope = colon < 0 ? rest : rest.substring(0, colon);
    String dataset = colon < 0 ? null : rest.substring(colon + 1);
    if (!SCOPE.matcher(scope).matches()) {
      throw new RucioConfigException("source '" + spec + "': the scope must be letters, digits, '_', '-' or '.'");
    }
    if (dataset != null && (dataset.isBlank() || dataset.chars().anyMatch(c -> c < 0x20))) {
      throw new RucioConfigException("source '" + spec + "': the dataset name after the second ':' is empty or invalid");
    }
    LakeLayout layout = new LakeLayout(scope, dataset, options.getRucioNamePattern(),
        options.getRucioChunkSeconds(), options.getRucioMaxFileSeconds());
    return new RucioSource(RucioConfig.load(options, env), layout, DownloadPolicy.from(options));
  }

  @Override
  public Iterator<SourceFile> files(String detector, long gpsStart, long gpsEnd) {
    Detectors.site(detector); // rejects unknown detectors with a clear message
    if (gpsEnd <= gpsStart) {
      throw new IllegalArgumentException("empty GPS range [" + gpsStart + ", " + gpsEnd + ")");
    }
    if (!layout.byDataset() && gpsStart - layout.maxFileSeconds + 1 < layout.chunkSeconds) {
      // Chunk 0 has no leading digits to search on: its wildcard would list the whole scope.
      throw new IllegalArgumentException("GPS start " + gpsStart + " is too early to search by name in "
          + layout.chunkSeconds + "-s chunks (needs start >= --rucioChunkSeconds + --rucioMaxFileSeconds - 1)");
    }
    return new ChunkedListing(session(), layout, detector, gpsStart, gpsEnd);
  }

  @Override
  public byte[] fetch(SourceFile file) throws IOException {
    String did = file.locator();
    int colon = did == null ? -1 : did.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("not a file listed by a Rucio source (locator is not scope:name): " + file.name());
    }
    DidFile f = new DidFile(did.substring(0, colon), did.substring(colon + 1), file.bytes(), file.adler32(), file.md5());
    return session().download(f);
  }

  @Override
  public String describe() {
    return "rucio:" + layout + " at " + config.rucioHost() + " (" + config.login() + ", schemes " + policy.schemes()
        + (policy.rseExpression() == null ? "" : ", RSEs " + policy.rseExpression()) + ")";
  }

  @Override
  public String toString() {
    return describe();
  }

  /** A copy with its own session (client, token, counts): one per detector's reader. */
  @Override
  public RucioSource forDetector(String detector) {
    return new RucioSource(config, layout, policy);
  }

  @Override
  public synchronized long retries() {
    return session == null ? 0 : session.failures();
  }

  private synchronized RucioSession session() {
    if (session == null) {
      session = RucioSession.open(config, policy);
    }
    return session;
  }
}
