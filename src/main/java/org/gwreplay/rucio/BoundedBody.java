package org.gwreplay.rucio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * How {@link ReplicaDownloader} reads one replica's answer: a 200 body of at most the catalog
 * size + 1 bytes (a longer one then fails the size check), and never past the download's
 * deadline. Error answers and a Content-Length other than the catalog's are refused unread.
 *
 * <p>With a Content-Length (what storage sends) the JDK's own byte-array subscriber collects the
 * body; the length bounds it. Reading through {@code BodyHandlers.ofInputStream()} instead hands
 * every 16-kB buffer to the reading thread and copies it twice more, which made downloads
 * several times slower than curl on loopback.
 */
final class BoundedBody implements HttpResponse.BodyHandler<byte[]> {
  /** Largest body kept in one array. */
  private static final int MAX_BODY = Integer.MAX_VALUE - 16;
  /**
   * Its thread ends when idle for a few seconds: a thread that outlives a Flink job pins the job's
   * class loader, and a session cluster running job after job would run out of metaspace.
   */
  private static final ScheduledExecutorService WATCHDOG = watchdog();

  private static ScheduledExecutorService watchdog() {
    ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "rucio-download-watchdog");
      t.setDaemon(true);
      return t;
    });
    e.setKeepAliveTime(5, TimeUnit.SECONDS);
    e.allowCoreThreadTimeOut(true);
    e.setRemoveOnCancelPolicy(true);
    return e;
  }

  private final long catalogBytes;
  private final long deadlineNanos;
  private volatile boolean answered;
  private volatile boolean expired;
  private volatile String refused;
  private volatile ScheduledFuture<?> alarm;

  /** {@code deadlineNanos} on the {@link System#nanoTime()} clock; {@code catalogBytes} -1 when unknown. */
  BoundedBody(long catalogBytes, long deadlineNanos) {
    this.catalogBytes = catalogBytes;
    this.deadlineNanos = deadlineNanos;
  }

  /** The server answered (status and headers arrived). */
  boolean answered() {
    return answered;
  }

  /** The deadline passed while the body was coming. */
  boolean expired() {
    return expired;
  }

  /** Why a 200 answer was not read, or null. */
  String refused() {
    return refused;
  }

  /** Stops the deadline alarm once the exchange is over. */
  void disarm() {
    ScheduledFuture<?> a = alarm;
    if (a != null) {
      a.cancel(false);
    }
  }

  @Override
  public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
    answered = true;
    Deadline body = new Deadline(choose(info));
    // The request's own timeout ends when the headers arrive; this alarm bounds the body.
    alarm = WATCHDOG.schedule(() -> {
      expired = true;
      body.expire();
    }, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    return body;
  }

  private HttpResponse.BodySubscriber<byte[]> choose(HttpResponse.ResponseInfo info) {
    if (info.statusCode() != 200) {
      return new Refusal();
    }
    long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (catalogBytes >= 0 && declared >= 0 && declared != catalogBytes) {
      refused = "server announces " + declared + " bytes, catalog says " + catalogBytes;
      return new Refusal();
    }
    if (declared > MAX_BODY) {
      refused = "server announces " + declared + " bytes, more than a frame file may hold";
      return new Refusal();
    }
    if (declared >= 0) {
      return HttpResponse.BodySubscribers.ofByteArray();
    }
    return new Capped(catalogBytes >= 0 ? (int) Math.min(MAX_BODY, catalogBytes + 1) : MAX_BODY);
  }

  /** Passes the body through until the deadline, then fails it and drops the connection. */
  private static final class Deadline implements HttpResponse.BodySubscriber<byte[]> {
    private final HttpResponse.BodySubscriber<byte[]> inner;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    Deadline(HttpResponse.BodySubscriber<byte[]> inner) {
      this.inner = inner;
      inner.getBody().whenComplete((b, t) -> {
        if (t == null) {
          body.complete(b);
        } else {
          body.completeExceptionally(t);
        }
      });
    }

    void expire() {
      if (body.completeExceptionally(new IOException("deadline passed"))) {
        Flow.Subscription s = subscription;
        if (s != null) {
          s.cancel();
        }
      }
    }

    @Override
    public CompletableFuture<byte[]> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s; // set before the check, so expire() or this cancels
      if (body.isCompletedExceptionally()) {
        s.cancel();
      } else {
        inner.onSubscribe(s);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      inner.onNext(items);
    }

    @Override
    public void onError(Throwable t) {
      inner.onError(t);
    }

    @Override
    public void onComplete() {
      inner.onComplete();
    }
  }

  /** Reads nothing: cancelling drops the connection instead of draining an unwanted body. */
  private static final class Refusal implements HttpResponse.BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();

    @Override
    public CompletableFuture<byte[]> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      s.cancel();
      body.complete(new byte[0]);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {}

    @Override
    public void onError(Throwable t) {
      body.complete(new byte[0]);
    }

    @Override
    public void onComplete() {
      body.complete(new byte[0]);
    }
  }

  /** A body without Content-Length (chunked): kept up to {@code limit} bytes, then cut off. */
  private static final class Capped implements HttpResponse.BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final int limit;
    private Flow.Subscription subscription;

    Capped(int limit) {
      this.limit = limit;
    }

    @Override
    public CompletableFuture<byte[]> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer b : items) {
        byte[] chunk = new byte[Math.min(b.remaining(), limit - out.size())];
        b.get(chunk);
        out.writeBytes(chunk);
      }
      if (out.size() >= limit) {
        subscription.cancel();
        body.complete(out.toByteArray());
      }
    }

    @Override
    public void onError(Throwable t) {
      body.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      body.complete(out.toByteArray());
    }
  }
}
