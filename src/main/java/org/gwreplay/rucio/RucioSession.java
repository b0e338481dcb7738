package org.gwreplay.rucio;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process's live use of a Rucio server: the logged-in client, the replica URLs of recently
 * listed files, and verified downloads. Not serializable: made on first use on each worker from
 * a {@link RucioConfig} and a {@link DownloadPolicy}, which are.
 */
public final class RucioSession {
  private static final Logger LOG = LoggerFactory.getLogger(RucioSession.class);
  private static final int CACHE_FILES = 20_000;

  private final RucioClient client;
  private final ReplicaDownloader downloader;
  private final DownloadPolicy policy;
  private final Map<String, List<Replica.Pfn>> pfns = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, List<Replica.Pfn>> e) {
      return size() > CACHE_FILES;
    }
  };

  private RucioSession(RucioClient client, DownloadPolicy policy) {
    this.client = client;
    this.policy = policy;
    this.downloader = new ReplicaDownloader(Transport.client(client.sslContext(), policy.timeout()), policy, client.redactor());
  }

  public static RucioSession open(RucioConfig config, DownloadPolicy policy) {
    return new RucioSession(RucioClient.create(config), policy);
  }

  /** File DIDs in {@code scope} whose names match {@code nameWildcard} ({@code *} wildcard). */
  public List<DidFile> searchFiles(String scope, String nameWildcard) throws IOException {
    return client.searchFiles(scope, nameWildcard);
  }

  /** The files of a dataset or container, recursively. */
  public List<DidFile> listFiles(String scope, String name) throws IOException {
    return client.listFiles(scope, name);
  }

  /** Lists replicas for a batch, remembers their URLs, reports files with none; returns catalog details by DID. */
  public Map<String, DidFile> resolve(List<DidFile> batch) throws IOException {
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

  /** The complete, verified bytes of {@code f} from the first intact replica. */
  public byte[] download(DidFile f) throws IOException {
    return downloader.download(f, pfns(f));
  }

  private List<Replica.Pfn> pfns(DidFile f) throws IOException {
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

  /** The storage half alone, for benchmarks of downloads without the catalog. */
  ReplicaDownloader downloader() {
    return downloader;
  }

  /** Failed catalog calls and download attempts so far (each retried, failed over or reported). */
  public long failures() {
    return client.failures.get() + downloader.failures.get();
  }
}
