package org.gwreplay.rucio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code org.gwreplay.bench.SourceBench} needs from the package-private side of the Rucio
 * code: a {@link RucioTestLake} (real xrootd over HTTP on loopback + the test Rucio API), files
 * put on it, and the storage download path on its own, that of a {@link RucioSession} (same HTTP
 * client settings, same policy from the same options).
 */
public final class BenchLake implements AutoCloseable {
  private final RucioTestLake lake;

  private BenchLake(RucioTestLake lake) {
    this.lake = lake;
  }

  public static BenchLake start(Path dir) throws Exception {
    // The test Rucio API is the JDK's HttpServer, which leaves Nagle on: its answers (headers,
    // then body) then wait ~40 ms for the client's delayed ACK. A real Rucio server does not,
    // so turn it off before the first server starts, or every catalog call costs ~45 ms.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    return new BenchLake(RucioTestLake.start(dir));
  }

  /**
   * Stores the file on xrootd and registers it with size, adler32 and md5 (computed here, as
   * {@code RucioLakeMeasureTest} does: one xrdadler32 process per file would dominate setup).
   */
  public String put(String name, byte[] data) throws IOException {
    String url = lake.storage.put(name, data);
    lake.registerWithReplicas(name, data, Map.of(url, RucioTestLake.RSE));
    return url;
  }

  /** xrdadler32 of a stored file and ours must agree, or the catalog would be wrong. */
  public void checkAdler32(String name, byte[] data) throws Exception {
    String x = lake.storage.xrdadler32(name);
    if (!x.equals(Checksums.adler32(data))) {
      throw new IllegalStateException("xrdadler32 says " + x + ", ours " + Checksums.adler32(data) + " for " + name);
    }
  }

  public RucioTestLake lake() {
    return lake;
  }

  /**
   * The storage half of {@link RucioSession#download}: one replica URL; size, adler32 and md5 are
   * checked when given (null skips a checksum, as for a catalog that has none).
   */
  public Downloader downloader(RucioOptions options) {
    RucioSession s = RucioSession.open(RucioConfig.load(options, Map.of()), DownloadPolicy.from(options));
    return (name, url, bytes, adler32, md5) -> s.downloader().download(new DidFile(RucioTestLake.SCOPE, name, bytes, adler32, md5),
        List.of(new Replica.Pfn(url, RucioTestLake.RSE, 1, null)));
  }

  public interface Downloader {
    byte[] download(String name, String url, long bytes, String adler32, String md5) throws IOException;
  }

  public static String adler32(byte[] data) {
    return Checksums.adler32(data);
  }

  public static String md5(byte[] data) {
    return Checksums.md5(data);
  }

  @Override
  public void close() {
    lake.close();
  }
}
