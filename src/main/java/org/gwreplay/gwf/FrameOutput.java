package org.gwreplay.gwf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds one structure's bytes in the byte order of the file being written. */
final class FrameOutput {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
  private final ByteBuffer scratch;

  FrameOutput(ByteOrder order) {
    scratch = ByteBuffer.allocate(8).order(order);
  }

  private FrameOutput put(int n) {
    out.write(scratch.array(), 0, n);
    scratch.clear();
    return this;
  }

  FrameOutput u8(int v) {
    out.write(v);
    return this;
  }

  FrameOutput u16(int v) {
    scratch.putShort((short) v);
    return put(2);
  }

  FrameOutput i32(long v) {
    scratch.putInt((int) v);
    return put(4);
  }

  FrameOutput i64(long v) {
    scratch.putLong(v);
    return put(8);
  }

  FrameOutput f32(float v) {
    scratch.putFloat(v);
    return put(4);
  }

  FrameOutput f64(double v) {
    scratch.putDouble(v);
    return put(8);
  }

  FrameOutput string(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length + 1 > 0xffff) {
      throw new IllegalArgumentException("string too long for the frame format (" + b.length + " bytes)");
    }
    u16(b.length + 1);
    out.write(b, 0, b.length);
    out.write(0);
    return this;
  }

  FrameOutput chars(String s, int n) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < n; i++) {
      out.write(i < b.length ? b[i] : 0);
    }
    return this;
  }

  FrameOutput bytes(byte[] b) {
    out.write(b, 0, b.length);
    return this;
  }

  FrameOutput pointer(int cls, long instance) {
    u16(cls);
    return i32(instance);
  }

  int size() {
    return out.size();
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }
}
