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

  /** Each FrVect's name and its compress field (scheme and byte-order flag), in file order. */
  static java.util.Map<String, Integer> vectCompressions(byte[] f) {
    java.util.Map<String, Integer> out = new java.util.LinkedHashMap<>();
    ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
    for (Struct s : structures(f)) {
      if (s.cls() == Dictionary.FR_VECT) {
        int nameLen = b.getShort(s.offset() + 14) & 0xffff;
        String name = new String(f, s.offset() + 16, Math.max(0, nameLen - 1), java.nio.charset.StandardCharsets.UTF_8);
        out.put(name, b.getShort(s.offset() + 16 + nameLen) & 0xffff);
      }
    }
    return out;
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

  /**
   * Rewrites a (little-endian) version 8 file of this project's writer as version 7 or 6 would
   * lay it out: structure headers with a 2-byte class and no checksum type, no structure
   * checksums, and FrEndOfFile as (nFrames, nBytes, chkType, chkSum, seekTOC) with the file's
   * checksum taken with chkSum read as zero. Bodies are kept, so for version 6 the frame must
   * hold none of the structures whose fields were 4-byte floats there (FrSimData, FrSerData,
   * events).
   */
  static byte[] asOldVersion(byte[] v8, int version) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    byte[] header = java.util.Arrays.copyOf(v8, 40);
    header[5] = (byte) version;
    out.writeBytes(header);
    long tocAt = -1;
    for (Struct st : structures(v8)) {
      if (st.cls() == Dictionary.FR_END_OF_FILE) {
        break;
      }
      if (st.cls() == Dictionary.FR_TOC) {
        tocAt = out.size();
      }
      int bodyLen = st.length() - 18;
      ByteBuffer h = ByteBuffer.allocate(14).order(ByteOrder.LITTLE_ENDIAN);
      h.putLong(14 + bodyLen).putShort((short) st.cls()).putInt(ByteBuffer.wrap(v8).order(ByteOrder.LITTLE_ENDIAN).getInt(st.offset() + 10));
      out.writeBytes(h.array());
      out.write(v8, st.offset() + 14, bodyLen);
    }
    int eofAt = out.size();
    int total = eofAt + 14 + 4 + 8 + 4 + 4 + 8;
    ByteBuffer eof = ByteBuffer.allocate(total - eofAt).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer v = ByteBuffer.wrap(v8).order(ByteOrder.LITTLE_ENDIAN);
    eof.putLong(total - eofAt).putShort((short) Dictionary.FR_END_OF_FILE).putInt(0);
    eof.putInt(v.getInt(v8.length - 32)).putLong(total).putInt(1).putInt(0).putLong(total - tocAt);
    out.writeBytes(eof.array());
    byte[] f = out.toByteArray();
    int sumAt = eofAt + 14 + 4 + 8 + 4;
    ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putInt(sumAt, Crc.of(f, 0, f.length));
    return f;
  }
}
