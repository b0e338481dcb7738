package org.gwreplay.rucio;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches one file from its replicas: URLs in the user's scheme order, then the server's
 * priority; each tried {@code attemptsPerUrl} times with backoff; every download bounded by a
 * deadline (a stalled server times out); bytes kept only when size and adler32 (else md5) match.
 * Like {@code rucio download}, any failure moves on to the next replica.
 */
final class ReplicaDownloader {
  /** Failed download attempts so far. */
  final java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaDownloader.class);
  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "rucio-download-watchdog");
    t.setDaemon(true);
    return t;
  });

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
    long deadline = System.nanoTime() + policy.timeout().toNanos();
    HttpRequest req = HttpRequest.newBuilder(uri).timeout(policy.timeout()).GET().build();
    CompletableFuture<HttpResponse<InputStream>> pending = http.sendAsync(req, HttpResponse.BodyHandlers.ofInputStream());
    HttpResponse<InputStream> r;
    try {
      r = pending.get(policy.timeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new IOException("no answer within " + policy.timeout().toSeconds() + " s");
    } catch (ExecutionException e) {
      throw new IOException(Transport.describe(e.getCause()));
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
    try (InputStream body = r.body()) {
      if (r.statusCode() != 200) {
        throw new IOException("HTTP " + r.statusCode());
      }
      long declared = r.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (f.bytes() >= 0 && declared >= 0 && declared != f.bytes()) {
        throw new IOException("server announces " + declared + " bytes, catalog says " + f.bytes());
      }
      long left = Math.max(1, deadline - System.nanoTime());
      // Closing the stream from the watchdog unblocks a read from a server that stalls mid-body.
      AtomicBoolean timedOut = new AtomicBoolean();
      ScheduledFuture<?> dog = WATCHDOG.schedule(() -> {
        timedOut.set(true);
        closeQuietly(body);
      }, left, TimeUnit.NANOSECONDS);
      try {
        int limit = f.bytes() >= 0 ? (int) Math.min(Integer.MAX_VALUE - 16, f.bytes() + 1) : Integer.MAX_VALUE - 16;
        byte[] data = body.readNBytes(limit);
        if (timedOut.get()) {
          throw new IOException("body not complete within " + policy.timeout().toSeconds() + " s");
        }
        return data;
      } catch (IOException e) {
        if (timedOut.get()) {
          throw new IOException("body not complete within " + policy.timeout().toSeconds() + " s");
        }
        throw new IOException("reading the body: " + Transport.describe(e));
      } finally {
        dog.cancel(false);
      }
    }
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

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // only used to abort a stalled read
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
