package org.gwreplay.gwf;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.gwreplay.gwf.FrameInput.Pointer;
import org.gwreplay.gwf.Layout.Kind;

/**
 * Builds one structure's bytes in the byte order of the file being written, following its {@link Layout}.
 * The body is built after room for the structure's common header, which {@link #seal} fills in with the
 * checksum after it, so that the writer sends the structure on from this buffer, not from a copy; a
 * vector's data is not copied in at all but kept as a piece of its own between the fields around it.
 */
final class FrameOutput {

  /** The common header before every body: length (8), chkType (1), class (1), instance (4). */
  static final int HEAD = 14;

  /** Data this long or longer is kept by reference rather than copied in. */
  private static final int BY_REFERENCE = 4096;

  /** The structure so far: the full pieces, then {@code buf} up to {@code size}. */
  private final ByteSlices pieces = new ByteSlices();
  private byte[] buf = new byte[256];
  private int size = HEAD;
  private Crc own;
  private final ByteOrder order;
  private final ByteBuffer scratch;
  private final Layout layout;
  private final Layout.Cursor cursor;

  FrameOutput(ByteOrder order, Layout layout) {
    this.order = order;
    scratch = ByteBuffer.allocate(8).order(order);
    this.layout = layout;
    cursor = layout.cursor();
  }

  /** Room for {@code more} bytes, and a little over for the small fields after a vector's data. */
  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(2 * buf.length, size + more + 256));
    }
  }

  private void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  private void write(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  /** The layout followed. */
  Layout layout() {
    return layout;
  }

  private void step(Kind k, long value) {
    cursor.step(k, value);
  }

  private FrameOutput put(int n) {
    write(scratch.array(), 0, n);
    scratch.clear();
    return this;
  }

  FrameOutput u16(int v) {
    step(Kind.INT_2, v);
    scratch.putShort((short) v);
    return put(2);
  }

  FrameOutput i32(long v) {
    step(Kind.INT_4, v);
    scratch.putInt((int) v);
    return put(4);
  }

  FrameOutput i64(long v) {
    step(Kind.INT_8, v);
    scratch.putLong(v);
    return put(8);
  }

  FrameOutput f32(float v) {
    step(Kind.REAL_4, 0);
    scratch.putFloat(v);
    return put(4);
  }

  FrameOutput f64(double v) {
    step(Kind.REAL_8, 0);
    scratch.putDouble(v);
    return put(8);
  }

  FrameOutput string(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length + 1 > 0xffff) {
      throw new IllegalArgumentException("string too long for the frame format (" + b.length + " bytes)");
    }
    step(Kind.STRING, 0);
    scratch.putShort((short) (b.length + 1));
    put(2);
    write(b, 0, b.length);
    write(0);
    return this;
  }

  /** CHAR[n], padded with NULs. */
  FrameOutput chars(String s, int n) {
    step(Kind.CHAR, 0);
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < n; i++) {
      write(i < b.length ? b[i] : 0);
    }
    return this;
  }

  /** A CHAR[n] element of {@code b.length} bytes; a long one is kept, not copied, so it must not change. */
  FrameOutput bytes(byte[] b) {
    return bytes(b, 0, b.length);
  }

  /** A CHAR[n] element of {@code b[off, off + len)}; a long one is kept, not copied, so it must not change. */
  FrameOutput bytes(byte[] b, int off, int len) {
    step(Kind.CHAR, 0);
    if (len < BY_REFERENCE) {
      write(b, off, len);
      return this;
    }
    pieces.add(buf, 0, size);
    pieces.add(b, off, len);
    buf = new byte[256];
    size = 0;
    return this;
  }

  FrameOutput pointer(Pointer p) {
    step(Kind.PTR, 0);
    scratch.putShort((short) p.cls()).putInt((int) p.instance());
    return put(6);
  }

  /** The structure's body, which must be complete (a copy: for small structures, such as FrEndOfFile's). */
  byte[] toByteArray() {
    cursor.finish();
    byte[] before = pieces.join();
    byte[] all = Arrays.copyOf(before, before.length + size);
    System.arraycopy(buf, 0, all, before.length, size);
    return Arrays.copyOfRange(all, HEAD, all.length); // the header's room is not body
  }

  /**
   * Completes the structure as instance {@code instance} of class {@code cls}: the common header before
   * the body, the checksum of both after it. Returns the structure's length.
   */
  int seal(int cls, long instance) {
    cursor.finish();
    ensure(4);
    long length = pieces.length() + size + 4;
    byte[] first = pieces.isEmpty() ? buf : pieces.first();
    ByteBuffer.wrap(first).order(order).putLong(0, length).put(8, (byte) 1).put(9, (byte) cls).putInt(10, (int) instance);
    own = new Crc();
    pieces.sumInto(own);
    own.update(buf, 0, size);
    ByteBuffer.wrap(buf).order(order).putInt(size, own.value());
    size += 4;
    return Math.toIntExact(length);
  }

  /** Sends the sealed structure to {@code out} and takes its bytes into the file's checksum, {@code fileCrc}. */
  void sendTo(OutputStream out, Crc fileCrc) throws IOException {
    pieces.writeTo(out);
    out.write(buf, 0, size);
    if (pieces.isEmpty()) {
      fileCrc.include(own, buf, 0);
    } else {
      fileCrc.append(own); // each byte summed once for both checksums
    }
    fileCrc.update(buf, size - 4, 4);
  }
}
