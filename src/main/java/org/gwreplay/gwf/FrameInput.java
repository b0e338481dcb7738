package org.gwreplay.gwf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.gwreplay.gwf.Layout.Kind;

/**
 * Reads the frame format's primitive types from a byte array, in the file's byte order, never
 * past a limit (the end of the current structure): every overrun is a {@link
 * GwfFormatException} naming the structure and offset, never an exception of the JDK's.
 */
final class FrameInput {

  private final ByteBuffer buf;
  private String structure = "FrHeader";
  private int limit;
  /** Versions 4 and 5: pointers hold a 2-byte instance number. */
  private final boolean shortInstances;
  /** The layout the structure being read follows, where the file's version has it. */
  private Layout.Cursor cursor;

  FrameInput(byte[] data, ByteOrder order) {
    this(data, order, false);
  }

  FrameInput(byte[] data, ByteOrder order, boolean shortInstances) {
    this.buf = ByteBuffer.wrap(data).order(order);
    this.limit = data.length;
    this.shortInstances = shortInstances;
  }

  /** Reading now belongs to {@code name}, which ends at {@code end} (exclusive). */
  void enter(String name, int end) {
    structure = name;
    limit = end;
    cursor = null;
  }

  /**
   * The structure being read is laid out as {@code layout}: each value read is checked against
   * it, in order (what follows the last value read may be left unread).
   */
  void follow(Layout layout) {
    cursor = layout.cursor();
  }

  private void step(Kind k, long value) {
    if (cursor != null) {
      cursor.step(k, value);
    }
  }

  String structure() {
    return structure;
  }

  /** Bytes of the whole file. */
  int fileLength() {
    return buf.capacity();
  }

  int position() {
    return buf.position();
  }

  void position(int p) {
    buf.position(p);
  }

  int remaining() {
    return limit - buf.position();
  }

  GwfFormatException error(String problem) {
    return new GwfFormatException(structure, buf.position(), problem);
  }

  private void need(long n, String what) throws GwfFormatException {
    if (n < 0 || n > remaining()) {
      throw error("truncated: " + what + " needs " + n + " bytes, only " + Math.max(0, remaining()) + " left");
    }
  }

  int u8() throws GwfFormatException {
    need(1, "a byte");
    return buf.get() & 0xff;
  }

  int u16() throws GwfFormatException {
    need(2, "INT_2");
    int v = buf.getShort() & 0xffff;
    step(Kind.INT_2, v);
    return v;
  }

  short i16() throws GwfFormatException {
    need(2, "INT_2");
    step(Kind.INT_2, 0);
    return buf.getShort();
  }

  int i32() throws GwfFormatException {
    need(4, "INT_4");
    int v = buf.getInt();
    step(Kind.INT_4, v);
    return v;
  }

  long u32() throws GwfFormatException {
    need(4, "INT_4");
    long v = buf.getInt() & 0xffffffffL;
    step(Kind.INT_4, v);
    return v;
  }

  /** An INT_8U that must fit a Java long (a length or count beyond 2^63 is not a real file). */
  long u64(String what) throws GwfFormatException {
    need(8, "INT_8");
    long v = buf.getLong();
    if (v < 0) {
      throw error(what + " is " + Long.toUnsignedString(v) + ", beyond any real file");
    }
    step(Kind.INT_8, v);
    return v;
  }

  long i64() throws GwfFormatException {
    need(8, "INT_8");
    step(Kind.INT_8, 0);
    return buf.getLong();
  }

  float f32() throws GwfFormatException {
    need(4, "REAL_4");
    step(Kind.REAL_4, 0);
    return buf.getFloat();
  }

  double f64() throws GwfFormatException {
    need(8, "REAL_8");
    step(Kind.REAL_8, 0);
    return buf.getDouble();
  }

  /** STRING: INT_2U length counting the terminating NUL, then the bytes. */
  String string() throws GwfFormatException {
    need(2, "INT_2");
    int n = buf.getShort() & 0xffff;
    step(Kind.STRING, 0);
    if (n == 0) {
      return "";
    }
    need(n, "a STRING of " + n + " bytes");
    byte[] b = new byte[n];
    buf.get(b);
    int len = b[n - 1] == 0 ? n - 1 : n;
    return new String(b, 0, len, StandardCharsets.UTF_8);
  }

  /** CHAR[n] as text up to its first NUL (a NUL means "no character", as in C). */
  String chars(int n) throws GwfFormatException {
    need(n, "CHAR[" + n + "]");
    step(Kind.CHAR, 0);
    byte[] b = new byte[n];
    buf.get(b);
    int len = 0;
    while (len < n && b[len] != 0) {
      len++;
    }
    return new String(b, 0, len, StandardCharsets.US_ASCII);
  }

  /** Steps over a CHAR[n] element and returns the array it is in (from the position before the step), not a copy. */
  byte[] skip(long n, String what) throws GwfFormatException {
    need(n, what);
    step(Kind.CHAR, 0);
    buf.position(buf.position() + (int) n);
    return buf.array();
  }

  byte[] bytes(long n, String what) throws GwfFormatException {
    need(n, what);
    step(Kind.CHAR, 0);
    byte[] b = new byte[(int) n];
    buf.get(b);
    return b;
  }

  /** PTR_STRUCT: class (INT_2U) and instance (INT_4U, INT_2U before version 6); class 0 points at nothing. */
  Pointer pointer() throws GwfFormatException {
    need(shortInstances ? 4 : 6, "PTR_STRUCT");
    int cls = buf.getShort() & 0xffff;
    long inst = shortInstances ? buf.getShort() & 0xffff : buf.getInt() & 0xffffffffL;
    step(Kind.PTR, 0);
    return new Pointer(cls, inst);
  }

  /** A reference to another structure of the same frame. */
  record Pointer(int cls, long instance) {
    /** Points at nothing. */
    static final Pointer NONE = new Pointer(0, 0);

    boolean isNull() {
      return cls == 0;
    }
  }
}
