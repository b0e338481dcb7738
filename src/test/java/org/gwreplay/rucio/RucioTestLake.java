package org.gwreplay.rucio;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * A whole data lake on loopback for tests in any package: a real xrootd storage element
 * (HTTP), the Rucio API of {@link FakeRucioServer} over HTTPS with a test CA, and a rucio.cfg
 * (userpass) pointing at them. Register files, then replay from it:
 *
 * <pre>{@code
 * try (RucioTestLake lake = RucioTestLake.start(tempDir)) {
 *   lake.register("H-H1_llhoft-1238166018-1.gwf", bytes);
 *   ReplayJob.fromArgs(new String[] {"--source=rucio:" + RucioTestLake.SCOPE, "--rucio-config=" + lake.rucioConfig(), ...}, now);
 * }
 * }</pre>
 *
 * Skips the calling test when xrootd cannot run (fails under CI=true), see {@link XrootdServer}.
 */
public final class RucioTestLake implements AutoCloseable {
  public static final String SCOPE = "ligo";
  public static final String ACCOUNT = "gwreplay";
  public static final String USERNAME = "replayer";
  /** Deliberately odd, so tests can search logs and messages for it. */
  public static final String PASSWORD = "S3cret=Pass word!";
  public static final String RSE = "XRD_LOOPBACK";

  final TestPki pki;
  final FakeRucioServer rucio;
  final XrootdServer storage;
  final Path config;

  private RucioTestLake(TestPki pki, FakeRucioServer rucio, XrootdServer storage, Path config) {
    this.pki = pki;
    this.rucio = rucio;
    this.storage = storage;
    this.config = config;
  }

  /** Catalog and storage. */
  public static RucioTestLake start(Path dir) throws Exception {
    return start(dir, true);
  }

  /** Catalog only: replicas must be registered with explicit URLs. */
  public static RucioTestLake startCatalogOnly(Path dir) throws Exception {
    return start(dir, false);
  }

  private static RucioTestLake start(Path dir, boolean withStorage) throws Exception {
    TestPki pki = TestPki.shared();
    XrootdServer storage = withStorage ? XrootdServer.start(dir.resolve("xrootd")) : null;
    FakeRucioServer rucio = new FakeRucioServer(pki.serverContext());
    rucio.passwords.put(ACCOUNT + "/" + USERNAME, PASSWORD);
    Path cfg = dir.resolve("rucio.cfg");
    Files.writeString(cfg, String.join("\n",
        "[common]", "loglevel = INFO", "",
        "[client]",
        "rucio_host = " + rucio.url(),
        "auth_host = " + rucio.url(),
        "auth_type = userpass",
        "account = " + ACCOUNT,
        "username = " + USERNAME,
        "password = " + PASSWORD,
        "ca_cert = " + pki.caBundle,
        "request_retries = 3", ""), StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(cfg, PosixFilePermissions.fromString("rw-------"));
    return new RucioTestLake(pki, rucio, storage, cfg);
  }

  /** Stores {@code data} on xrootd and registers it with its HTTP replica; returns its adler32 (from xrdadler32). */
  public String register(String name, byte[] data) throws Exception {
    storage.put(name, data);
    String adler = storage.xrdadler32(name);
    Map<String, String> replicas = new LinkedHashMap<>();
    replicas.put(storage.httpUrl(name), RSE);
    rucio.addFile(new FakeRucioServer.FileEntry(SCOPE, name, data.length, adler, Checksums.md5(data), replicas));
    return adler;
  }

  /** Registers a file with the given replica URLs (URL -> RSE, best first), e.g. faulty ones. */
  public void registerWithReplicas(String name, byte[] data, Map<String, String> replicas) {
    rucio.addFile(new FakeRucioServer.FileEntry(SCOPE, name, data.length, Checksums.adler32(data), Checksums.md5(data),
        new LinkedHashMap<>(replicas)));
  }

  /**
   * Stores bytes on the storage element at {@code path} (folders allowed) without registering
   * anything, and returns the HTTP URL: for replicas listed by {@link #registerWithReplicas},
   * e.g. a silently corrupted copy that real storage serves with a 200.
   */
  public String storeUnregistered(String path, byte[] data) throws java.io.IOException {
    Path f = storage.data.resolve(path).normalize();
    if (!f.startsWith(storage.data)) {
      throw new IllegalArgumentException("outside the served folder: " + path);
    }
    Files.createDirectories(f.getParent());
    Files.write(f, data);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
    return storage.httpUrl(path);
  }

  /**
   * A second copy of a stored file under {@code folder} on the same storage element, as another
   * RSE would hold it: a hard link, so many replicas cost no disk. Returns its HTTP URL.
   */
  public String linkCopy(String storedPath, String folder) throws java.io.IOException {
    Path from = storage.data.resolve(storedPath).normalize();
    Path to = storage.data.resolve(folder).resolve(from.getFileName()).normalize();
    if (!from.startsWith(storage.data) || !to.startsWith(storage.data)) {
      throw new IllegalArgumentException("outside the served folder: " + storedPath + ", " + folder);
    }
    Files.createDirectories(to.getParent());
    Files.createLink(to, from);
    return storage.httpUrl(storage.data.relativize(to).toString());
  }

  /** Puts registered files into a dataset (created if new). */
  public void addToDataset(String dataset, String... names) {
    rucio.datasets.computeIfAbsent(SCOPE + ":" + dataset, k -> new ArrayList<>()).addAll(List.of(names));
  }

  /** The xrootd HTTP URL of a stored file (null without storage). */
  public String storageUrl(String name) {
    return storage == null ? null : storage.httpUrl(name);
  }

  /** Catalog fault: the next {@code count} answers for paths starting with {@code pathPrefix} are plain-text 500s. */
  public void failCatalogNext(String pathPrefix, int count) {
    rucio.failNext(pathPrefix, count);
  }

  /** Catalog fault: the next {@code count} answers for {@code pathPrefix} come after {@code millis}. */
  public void slowCatalogNext(String pathPrefix, int count, long millis) {
    rucio.slowNext(pathPrefix, count, millis);
  }

  /** Injected catalog faults (500s and slow answers) not yet served: those still to come. */
  public int catalogFaultsPending() {
    int n = 0;
    for (java.util.concurrent.atomic.AtomicInteger a : rucio.failures.values()) {
      n += Math.max(0, a.get());
    }
    for (java.util.concurrent.atomic.AtomicInteger a : rucio.slow.values()) {
      n += Math.max(0, a.get());
    }
    return n;
  }

  /** Catalog fault: every issued token stops being valid (the next call gets a 401). */
  public void revokeTokens() {
    rucio.revokeTokens();
  }

  /** Lifetime of tokens issued from now on (Rucio's default is one hour). */
  public void tokenLifetime(java.time.Duration lifetime) {
    rucio.tokenLifetimeMillis = lifetime.toMillis();
  }

  /** Name wildcards the catalog was asked for, in order (to check look-ups stay narrow). */
  public List<String> catalogSearches() {
    return List.copyOf(rucio.searches);
  }

  /** Catalog API calls so far (logins not counted). */
  public int catalogCalls() {
    return rucio.apiCalls.get();
  }

  /** Every catalog request line (path and query), in order. */
  public List<String> catalogRequests() {
    return List.copyOf(rucio.requestLog);
  }

  /** The xrootd root:// URL of a stored file. */
  public String storageRootUrl(String name) {
    return storage.rootUrl(name);
  }

  /** The adler32 Rucio records: eight lower-case hex digits. */
  public static String adler32(byte[] data) {
    return Checksums.adler32(data);
  }

  /** Whether root:// replicas can be fetched here (xrdcp on the PATH). */
  public static boolean canFetchRoot() {
    return ReplicaDownloader.onPath("xrdcp");
  }

  /** Logins so far. */
  public int logins() {
    return rucio.logins.get();
  }

  public Path rucioConfig() {
    return config;
  }

  /** Options pointing at this lake, with short timeouts and backoffs for tests. */
  public RucioOptions options() {
    RucioOptions o = PipelineOptionsFactory.as(RucioOptions.class);
    o.setRucioConfig(config.toString());
    o.setRucioSchemes("davs,https,http");
    o.setRucioDownloadTimeoutSeconds(2);
    o.setRucioRequestTimeoutSeconds(5);
    o.setRucioBackoffMillis(10);
    return o;
  }

  @Override
  public void close() {
    rucio.close();
    if (storage != null) {
      storage.close();
    }
  }
}
