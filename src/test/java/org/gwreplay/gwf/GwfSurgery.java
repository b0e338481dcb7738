package org.gwreplay.gwf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Test-side edits of little-endian frame files: find structures, fix or drop checksums after an edit. */
final class GwfSurgery {

  record Struct(int offset, int length, int cls) {}

  private GwfSurgery() {}

  static List<Struct> structures(byte[] f) {
    List<Struct> out = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
    int pos = 40;
    while (pos + 14 <= f.length) {
      long len = b.getLong(pos);
      if (len < 18 || pos + len > f.length) {
        break;
      }
      out.add(new Struct(pos, (int) len, f[pos + 9] & 0xff));
      pos += (int) len;
    }
    return out;
  }

  /** The first structure of a class (by the standard numbers this project's writer uses). */
  static Struct first(byte[] f, int cls) {
    return structures(f).stream().filter(s -> s.cls() == cls).findFirst().orElseThrow();
  }

  /** Recomputes every structure checksum and the file checksum, as if the edit had been written. */
  static byte[] fixChecksums(byte[] f) {
    ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
    for (Struct s : structures(f)) {
      boolean eof = s.cls() == Dictionary.FR_END_OF_FILE;
      int covered = s.length() - (eof ? 8 : 4);
      b.putInt(s.offset() + covered, Crc.of(f, s.offset(), covered));
    }
    b.putInt(f.length - 4, Crc.of(f, 0, f.length - 4));
    return f;
  }

  /** Marks every structure unchecked and zeroes the header and file sums, so edits reach the parser. */
  static byte[] stripChecksums(byte[] f) {
    byte[] c = f.clone();
    ByteBuffer b = ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN);
    for (Struct s : structures(c)) {
      c[s.offset() + 8] = 0;
    }
    if (c.length >= 52) {
      b.putInt(c.length - 12, 0); // chkSumFrHeader
      b.putInt(c.length - 4, 0); // chkSumFile
    }
    return c;
  }
}
