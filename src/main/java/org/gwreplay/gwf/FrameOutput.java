package org.gwreplay.gwf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.gwreplay.gwf.FrameInput.Pointer;
import org.gwreplay.gwf.Layout.Kind;

/** Builds one structure's bytes in the byte order of the file being written, following its {@link Layout}. */
final class FrameOutput {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
  private final ByteBuffer scratch;
  private final Layout layout;
  private final Layout.Cursor cursor;

  FrameOutput(ByteOrder order, Layout layout) {
    scratch = ByteBuffer.allocate(8).order(order);
    this.layout = layout;
    cursor = layout.cursor();
  }

  /** The layout followed. */
  Layout layout() {
    return layout;
  }

  private void step(Kind k, long value) {
    cursor.step(k, value);
  }

  private FrameOutput put(int n) {
    out.write(scratch.array(), 0, n);
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
    out.write(b, 0, b.length);
    out.write(0);
    return this;
  }

  /** CHAR[n], padded with NULs. */
  FrameOutput chars(String s, int n) {
    step(Kind.CHAR, 0);
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < n; i++) {
      out.write(i < b.length ? b[i] : 0);
    }
    return this;
  }

  /** A CHAR[n] element of {@code b.length} bytes. */
  FrameOutput bytes(byte[] b) {
    step(Kind.CHAR, 0);
    out.write(b, 0, b.length);
    return this;
  }

  FrameOutput pointer(Pointer p) {
    step(Kind.PTR, 0);
    scratch.putShort((short) p.cls()).putInt((int) p.instance());
    return put(6);
  }

  /** The structure's body, which must be complete. */
  byte[] toByteArray() {
    cursor.finish();
    return out.toByteArray();
  }
}
