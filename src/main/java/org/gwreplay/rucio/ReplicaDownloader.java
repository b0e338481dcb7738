package org.gwreplay.rucio;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches one file from its replicas: URLs in the user's scheme order, then the server's
 * priority; each tried {@code attemptsPerUrl} times with backoff; every download bounded by a
 * deadline (a stalled server times out); bytes kept only when the size, adler32 and md5 the
 * catalog has all match (see {@link Checksums#mismatch}).
 * Like {@code rucio download}, any failure moves on to the next replica.
 */
final class ReplicaDownloader {
  /** Failed download attempts so far. */
  final java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaDownloader.class);

  private final HttpClient http;
  private final DownloadPolicy policy;
  private final Redactor redactor;
  private final boolean xrdcp;

  ReplicaDownloader(HttpClient http, DownloadPolicy policy, Redactor redactor) {
    this.http = http;
    this.policy = policy;
    this.redactor = redactor;
    this.xrdcp = onPath("xrdcp");
  }

  /** The usable URLs, best first. */
  List<Replica.Pfn> usable(List<Replica.Pfn> pfns) {
    return pfns.stream()
        .filter(p -> policy.rank(p.scheme()) >= 0 && (!"root".equals(p.scheme()) || xrdcp))
        .sorted(Comparator.comparingInt((Replica.Pfn p) -> policy.rank(p.scheme())).thenComparingInt(Replica.Pfn::priority))
        .toList();
  }

  byte[] download(DidFile f, List<Replica.Pfn> pfns) throws FileUnavailableException {
    List<Replica.Pfn> urls = usable(pfns);
    List<String> reasons = new ArrayList<>();
    if (urls.isEmpty()) {
      reasons.add(pfns.isEmpty() ? "the catalog lists no replica for the accepted schemes " + policy.schemes()
          + (policy.rseExpression() == null ? "" : " on RSEs '" + policy.rseExpression() + "'")
          : "no replica URL with an accepted scheme " + policy.schemes() + (xrdcp ? "" : " (root:// needs xrdcp)"));
      throw new FileUnavailableException(f.did(), reasons);
    }
    for (Replica.Pfn p : urls) {
      String where = (p.rse() == null ? "" : p.rse() + " ") + safeUrl(p.url());
      String reason = null;
      for (int attempt = 1; attempt <= policy.attemptsPerUrl(); attempt++) {
        if (attempt > 1 && !sleep(policy.backoffMillis() << (attempt - 2))) {
          reasons.add(where + ": interrupted");
          throw new FileUnavailableException(f.did(), reasons);
        }
        try {
          byte[] data = fetchOnce(p, f);
          String bad = Checksums.mismatch(f, data);
          if (bad == null) {
            return data;
          }
          reason = "corrupt (" + bad + ")";
        } catch (IOException e) {
          reason = redactor.clean(e.getMessage());
        }
        failures.incrementAndGet();
        LOG.warn("{}: {} attempt {}/{} failed: {}", f.did(), where, attempt, policy.attemptsPerUrl(), reason);
      }
      reasons.add(where + ": " + reason + " (" + policy.attemptsPerUrl() + " attempt(s))");
    }
    throw new FileUnavailableException(f.did(), reasons);
  }

  private byte[] fetchOnce(Replica.Pfn p, DidFile f) throws IOException {
    if ("root".equals(p.scheme())) {
      return xrdcp(p.url());
    }
    URI uri;
    try {
      uri = httpUrl(p.url());
    } catch (IllegalArgumentException e) {
      // The JDK's message quotes the whole URL, signed query included: never pass it on.
      throw new IOException("malformed replica URL " + safeUrl(p.url()));
    }
    return httpGet(uri, f);
  }

  /** davs:// is WebDAV over HTTPS: a plain GET. */
  static URI httpUrl(String pfn) {
    if (pfn.startsWith("davs://")) {
      return URI.create("https://" + pfn.substring(7));
    }
    if (pfn.startsWith("dav://")) {
      return URI.create("http://" + pfn.substring(6));
    }
    return URI.create(pfn);
  }

  private byte[] httpGet(URI uri, DidFile f) throws IOException {
    // One deadline from connect to last byte: the request timeout up to the answer, the body's alarm after it.
    BoundedBody body = new BoundedBody(f.bytes(), System.nanoTime() + policy.timeout().toNanos());
    HttpRequest req = HttpRequest.newBuilder(uri).timeout(policy.timeout()).GET().build();
    long s = policy.timeout().toSeconds();
    HttpResponse<byte[]> r;
    try {
      // Blocking send, not sendAsync().get(): the async path passes each exchange between thread
      // pools, which on a busy 2-core machine cost more than the transfer itself.
      r = http.send(req, body);
    } catch (HttpConnectTimeoutException e) {
      throw new IOException(Transport.describe(e));
    } catch (HttpTimeoutException e) {
      throw new IOException("no answer within " + s + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    } catch (IOException e) {
      if (body.expired()) {
        throw new IOException("body not complete within " + s + " s");
      }
      throw new IOException((body.answered() ? "reading the body: " : "") + Transport.describe(e));
    } finally {
      body.disarm();
    }
    if (r.statusCode() != 200) {
      throw new IOException("HTTP " + r.statusCode());
    }
    if (body.refused() != null) {
      throw new IOException(body.refused());
    }
    return r.body();
  }

  private byte[] xrdcp(String url) throws IOException {
    Path tmp = Files.createTempFile("gwreplay-xrdcp", ".part");
    try {
      Process p = new ProcessBuilder("xrdcp", "--force", "--nopbar", url, tmp.toString())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(policy.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IOException("xrdcp did not finish within " + policy.timeout().toSeconds() + " s");
      }
      if (p.exitValue() != 0) {
        throw new IOException("xrdcp exit status " + p.exitValue());
      }
      return Files.readAllBytes(tmp);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** A URL for messages: no query or fragment (signed URLs carry credentials there), no user info. */
  static String safeUrl(String url) {
    try {
      URI u = URI.create(url);
      return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()) + u.getRawPath();
    } catch (IllegalArgumentException e) {
      int q = url.indexOf('?');
      String noQuery = q < 0 ? url : url.substring(0, q);
      // Drop any user:password@ before the host.
      return noQuery.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", "$1");
    }
  }

  /** False when interrupted (the flag is kept for the caller). */
  private static boolean sleep(long ms) {
    try {
      Thread.sleep(ms);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static boolean onPath(String exe) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, exe))) {
        return true;
      }
    }
    return false;
  }
}
