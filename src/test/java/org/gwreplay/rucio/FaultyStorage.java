package org.gwreplay.rucio;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sick storage element on 127.0.0.1 for fault tests: {@code /500/...} answers 500,
 * {@code /corrupt/...} sends the right length of wrong bytes, {@code /hang/...} never answers,
 * {@code /stall/...} sends headers and half the body, then stops, {@code /short/...} sends half
 * the announced body and closes the connection, {@code /announce-more/...} announces and sends
 * one byte more than the file has, {@code /chunked-long/...} sends three times the file's size
 * without a Content-Length, {@code /chunked/...} sends the bytes put in {@link #files} without one.
 * Public so that benchmarks (the soak) can give lake files sick replicas too.
 */
public final class FaultyStorage implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "faulty-storage");
    t.setDaemon(true);
    return t;
  });
  final AtomicInteger requests = new AtomicInteger();
  /** Contents served by {@code /chunked/}, by file name. */
  final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public FaultyStorage() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(pool);
    server.createContext("/", ex -> {
      requests.incrementAndGet();
      String path = ex.getRequestURI().getPath();
      long size = Long.parseLong(path.replaceAll(".*/size-(\\d+)/.*", "$1"));
      // Sick answers end their connection: none lingers in the client's pool or the server.
      ex.getResponseHeaders().set("Connection", "close");
      try (ex) {
        if (path.startsWith("/500/")) {
          byte[] b = "Internal Server Error".getBytes(StandardCharsets.US_ASCII);
          ex.sendResponseHeaders(500, b.length);
          ex.getResponseBody().write(b);
        } else if (path.startsWith("/corrupt/")) {
          ex.sendResponseHeaders(200, size);
          writeZeros(ex.getResponseBody(), size);
        } else if (path.startsWith("/hang/")) {
          sleepUntilClosed();
        } else if (path.startsWith("/short/")) {
          ex.sendResponseHeaders(200, size);
          writeZeros(ex.getResponseBody(), size / 2);
          ex.getResponseBody().flush(); // closing the exchange now cuts the body short
        } else if (path.startsWith("/announce-more/")) {
          ex.sendResponseHeaders(200, size + 1);
          ex.getResponseBody().write(new byte[(int) size + 1]);
        } else if (path.startsWith("/chunked-long/")) {
          ex.sendResponseHeaders(200, 0); // 0: chunked, no Content-Length
          ex.getResponseBody().write(new byte[(int) size * 3]);
        } else if (path.startsWith("/chunked/")) {
          ex.sendResponseHeaders(200, 0);
          ex.getResponseBody().write(files.get(path.substring(path.lastIndexOf('/') + 1)));
        } else if (path.startsWith("/stall/")) {
          ex.sendResponseHeaders(200, size);
          OutputStream out = ex.getResponseBody();
          writeZeros(out, size / 2);
          out.flush();
          sleepUntilClosed();
        }
      }
    });
    server.start();
  }

  /** A URL of the given fault kind for a file of {@code size} bytes. */
  public String url(String kind, long size, String name) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + kind + "/size-" + size + "/" + name;
  }

  /** What {@code /chunked/.../NAME} serves. */
  public void serveChunked(String name, byte[] data) {
    files.put(name, data);
  }

  /** Requests answered (or held) so far. */
  public int requests() {
    return requests.get();
  }

  /**
   * Writes zeros in small pieces: the JDK server keeps a connection's last written buffer, so one
   * whole-body array per sick answer would pile up in the heap of a long run (the soak benchmark).
   */
  private static void writeZeros(OutputStream out, long n) throws IOException {
    byte[] piece = new byte[8192];
    for (long left = n; left > 0; left -= piece.length) {
      out.write(piece, 0, (int) Math.min(piece.length, left));
    }
  }

  private void sleepUntilClosed() {
    long until = System.currentTimeMillis() + 60_000;
    while (!closed && System.currentTimeMillis() < until) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    server.stop(0);
    pool.shutdownNow();
  }
}
