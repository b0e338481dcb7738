package org.gwreplay.rucio;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * A real storage element for tests: Debian's xrootd serving a temp directory over
 * {@code root://} and plain HTTP (XrdHttp) with adler32/md5 checksums. xrootd listens on all
 * interfaces (it has no bind option); tests only ever connect to 127.0.0.1.
 *
 * <p>When xrootd is missing or cannot start (e.g. not root, so no {@code -R xrootd}), {@link
 * #start} skips the test with the reason, except under {@code CI=true}, where it fails.
 */
final class XrootdServer implements AutoCloseable {
  final Path base;
  final Path data;
  final int httpPort;
  final int rootPort;
  private final Process process;

  private XrootdServer(Path base, int httpPort, int rootPort, Process process) {
    this.base = base;
    this.data = base.resolve("root/data");
    this.httpPort = httpPort;
    this.rootPort = rootPort;
    this.process = process;
  }

  static XrootdServer start(Path base) throws Exception {
    try {
      return tryStart(base);
    } catch (Exception | AssertionError e) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError("CI=true but the xrootd storage element could not start: " + e.getMessage(), e);
      }
      assumeTrue(false, "skipping: xrootd storage element unavailable (" + e.getMessage() + ")");
      throw e;
    }
  }

  private static XrootdServer tryStart(Path base) throws Exception {
    if (!ReplicaDownloader.onPath("xrootd")) {
      throw new IOException("no xrootd binary on PATH (apt-get install xrootd-server xrootd-server-plugins xrootd-client)");
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new IOException("xrootd must be started as root with -R xrootd here; running as " + System.getProperty("user.name"));
    }
    Path admin = base.resolve("admin");
    Files.createDirectories(base.resolve("root/data"));
    Files.createDirectories(admin);
    openPathTo(base);
    int http = freePort();
    int root = freePort();
    Path cfg = base.resolve("xrootd.cfg");
    Files.writeString(cfg, String.join("\n",
        "all.export /data",
        "oss.localroot " + base.resolve("root"),
        "all.adminpath " + admin,
        "all.pidpath " + admin,
        "xrd.port " + root,
        "xrd.protocol XrdHttp:" + http + " libXrdHttp.so",
        "xrootd.chksum max 4 adler32 md5", ""), StandardCharsets.US_ASCII);
    chown(base);
    Process p = new ProcessBuilder("xrootd", "-c", cfg.toString(), "-R", "xrootd", "-l", admin.resolve("xrootd.log").toString())
        .redirectErrorStream(true).redirectOutput(base.resolve("stdout.txt").toFile()).start();
    XrootdServer s = new XrootdServer(base, http, root, p);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < until) {
      if (!p.isAlive()) {
        throw new IOException("xrootd exited with " + p.exitValue() + ": " + tail(base.resolve("stdout.txt")));
      }
      if (answers(http)) {
        return s;
      }
      Thread.sleep(100);
    }
    s.close();
    throw new IOException("xrootd did not answer on 127.0.0.1:" + http + " within 15 s");
  }

  /** Puts a file into the served directory; returns its HTTP URL on loopback. */
  String put(String name, byte[] bytes) throws IOException {
    Path f = data.resolve(name);
    Files.write(f, bytes);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
    return httpUrl(name);
  }

  String httpUrl(String name) {
    return "http://127.0.0.1:" + httpPort + "/data/" + name;
  }

  String rootUrl(String name) {
    return "root://127.0.0.1:" + rootPort + "//data/" + name;
  }

  /** The adler32 that xrdadler32 (and so Rucio) records for a served file. */
  String xrdadler32(String name) throws Exception {
    Process p = new ProcessBuilder("xrdadler32", data.resolve(name).toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
    p.waitFor();
    return out.split("\\s+")[0];
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean answers(int port) {
    try {
      HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/data/").openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(1000);
      c.getResponseCode();
      c.disconnect();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** xrootd runs as user xrootd: it must be able to traverse down to base (temp dirs are 0700). */
  private static void openPathTo(Path base) throws IOException {
    for (Path p = base.toAbsolutePath(); p != null; p = p.getParent()) {
      java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.getPosixFilePermissions(p);
      if (perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
        Files.setPosixFilePermissions(p, perms);
      }
    }
  }

  private static void chown(Path dir) throws Exception {
    Process p = new ProcessBuilder("chown", "-R", "xrootd:xrootd", dir.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("chown to xrootd failed: " + out.trim());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String tail(Path p) {
    try {
      String s = Files.readString(p);
      return s.length() > 400 ? s.substring(s.length() - 400) : s;
    } catch (IOException e) {
      return "(no output)";
    }
  }
}
