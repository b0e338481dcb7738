package org.gwreplay.rucio;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Iterator;
import java.util.regex.Pattern;
import org.gwreplay.gwf.Detectors;
import org.gwreplay.source.FrameSource;
import org.gwreplay.source.SourceFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private static final Logger LOG = LoggerFactory.getLogger(RucioSource.class);
  private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9_.\\-]{1,30}");

  private final RucioConfig config;
  private final LakeLayout layout;
  private final DownloadPolicy policy;
  private transient Session session;

  RucioSource(RucioConfig config, LakeLayout layout, DownloadPolicy policy) {
    this.config = config;
    this.layout = layout;
    this.policy = policy;
  }

  /** Validates the spec and the settings now (clear errors before the pipeline starts). */
  public static RucioSource create(String spec, RucioOptions options) {
    return create(spec, options, System.getenv());
  }

  static RucioSource create(String spec, RucioOptions options, Map<String, String> env) {
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
    Session s = session();
    String did = file.locator();
    int colon = did == null ? -1 : did.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("not a file listed by a Rucio source (locator is not scope:name): " + file.name());
    }
    DidFile f = new DidFile(did.substring(0, colon), did.substring(colon + 1), file.bytes(), file.adler32(), file.md5());
    return s.downloader.download(f, s.pfns(f));
  }

  @Override
  public String describe() {
    return "rucio:" + layout + " at " + config.rucioHost + " (" + config.authType.name().toLowerCase()
        + (config.account == null ? "" : ", account " + config.account) + ", schemes " + policy.schemes()
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
    return session == null ? 0 : session.client.failures.get() + session.downloader.failures.get();
  }

  private synchronized Session session() {
    if (session == null) {
      session = new Session(RucioClient.create(config), policy);
    }
    return session;
  }

  /** Per-process live state: the client and the replicas of recently listed files. */
  static final class Session {
    private static final int CACHE_FILES = 20_000;
    final RucioClient client;
    final ReplicaDownloader downloader;
    private final DownloadPolicy policy;
    private final Map<String, List<Replica.Pfn>> pfns = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, List<Replica.Pfn>> e) {
        return size() > CACHE_FILES;
      }
    };

    Session(RucioClient client, DownloadPolicy policy) {
      this.client = client;
      this.policy = policy;
      this.downloader = new ReplicaDownloader(Transport.client(client.sslContext(), policy.timeout()), policy, client.redactor());
    }

    List<DidFile> list(LakeLayout layout, String detector, long chunk) throws IOException {
      if (!layout.byDataset()) {
        return client.searchFiles(layout.scope, layout.nameWildcard(detector, chunk));
      }
      String ds = layout.datasetName(detector, chunk);
      try {
        return client.listFiles(layout.scope, ds);
      } catch (RucioException e) {
        if (layout.datasetPerSpan() && (e.status() == 404 || "DataIdentifierNotFound".equals(e.exceptionClass()))) {
          LOG.info("no dataset {}:{}: no data for that span", layout.scope, ds);
          return List.of();
        }
        throw e;
      }
    }

    /** Lists replicas for a batch, remembers their URLs, reports files with none; returns catalog details by DID. */
    Map<String, DidFile> resolve(List<DidFile> batch) throws IOException {
      Map<String, DidFile> out = new HashMap<>();
      List<Replica> replicas = client.listReplicas(batch, policy.schemes(), policy.rseExpression());
      synchronized (pfns) {
        for (Replica r : replicas) {
          pfns.put(r.file().did(), r.pfns());
          out.put(r.file().did(), merge(batch, r.file()));
        }
        for (DidFile f : batch) {
          if (!out.containsKey(f.did())) {
            pfns.put(f.did(), List.of());
          }
          if (downloader.usable(pfns.get(f.did())).isEmpty()) {
            LOG.warn("gap: {} is in the catalog but has no usable replica (schemes {}{})", f.did(), policy.schemes(),
                policy.rseExpression() == null ? "" : ", RSEs " + policy.rseExpression());
          }
        }
      }
      return out;
    }

    private static DidFile merge(List<DidFile> batch, DidFile fromReplicas) {
      for (DidFile f : batch) {
        if (f.did().equals(fromReplicas.did())) {
          return new DidFile(f.scope(), f.name(), fromReplicas.bytes() >= 0 ? fromReplicas.bytes() : f.bytes(),
              fromReplicas.adler32() != null ? fromReplicas.adler32() : f.adler32(),
              fromReplicas.md5() != null ? fromReplicas.md5() : f.md5());
        }
      }
      return fromReplicas;
    }

    List<Replica.Pfn> pfns(DidFile f) throws IOException {
      synchronized (pfns) {
        List<Replica.Pfn> known = pfns.get(f.did());
        if (known != null) {
          return known;
        }
      }
      List<Replica> r = client.listReplicas(List.of(f), policy.schemes(), policy.rseExpression());
      List<Replica.Pfn> found = r.isEmpty() ? List.of() : r.get(0).pfns();
      synchronized (pfns) {
        pfns.put(f.did(), found);
      }
      return found;
    }
  }
}
