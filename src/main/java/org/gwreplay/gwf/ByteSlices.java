package org.gwreplay.gwf;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Ranges of byte arrays kept in order, by reference, and copied once when joined: how a structure
 * holds a vector's data without copying it in, and how a whole file is gathered from its
 * structures. The arrays must not change while they are held.
 */
final class ByteSlices {
  private final List<byte[]> arrays = new ArrayList<>();
  private final List<int[]> ranges = new ArrayList<>();
  private long length;

  void add(byte[] b, int off, int len) {
    arrays.add(b);
    ranges.add(new int[] {off, len});
    length += len;
  }

  long length() {
    return length;
  }

  boolean isEmpty() {
    return arrays.isEmpty();
  }

  /** The first array held (a structure's, where its header goes). */
  byte[] first() {
    return arrays.get(0);
  }

  void sumInto(Crc crc) {
    for (int i = 0; i < arrays.size(); i++) {
      crc.update(arrays.get(i), ranges.get(i)[0], ranges.get(i)[1]);
    }
  }

  void writeTo(OutputStream out) throws IOException {
    for (int i = 0; i < arrays.size(); i++) {
      out.write(arrays.get(i), ranges.get(i)[0], ranges.get(i)[1]);
    }
  }

  /** Everything held, in one new array. */
  byte[] join() {
    byte[] all = new byte[Math.toIntExact(length)];
    int at = 0;
    for (int i = 0; i < arrays.size(); i++) {
      int[] r = ranges.get(i);
      System.arraycopy(arrays.get(i), r[0], all, at, r[1]);
      at += r[1];
    }
    return all;
  }
}
