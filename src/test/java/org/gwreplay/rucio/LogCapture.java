package org.gwreplay.rucio;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Captures what slf4j-simple writes (to System.err) while a test runs. */
public final class LogCapture implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  public LogCapture() {
    System.setErr(new PrintStream(new TeeStream(buffer, original), true, StandardCharsets.UTF_8));
  }

  public String text() {
    synchronized (buffer) {
      return buffer.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    System.setErr(original);
  }

  private static final class TeeStream extends java.io.OutputStream {
    private final ByteArrayOutputStream a;
    private final PrintStream b;

    TeeStream(ByteArrayOutputStream a, PrintStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) {
      synchronized (a) {
        a.write(c);
      }
      b.write(c);
    }

    @Override
    public void write(byte[] buf, int off, int len) {
      synchronized (a) {
        a.write(buf, off, len);
      }
      b.write(buf, off, len);
    }
  }
}
