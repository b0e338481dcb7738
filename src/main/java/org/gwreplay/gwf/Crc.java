package org.gwreplay.gwf;

/**
 * The frame format's checksum: the CRC of POSIX {@code cksum} (polynomial 0x04C11DB7, most
 * significant bit first, the byte count appended, result inverted), over a structure's bytes up
 * to its checksum field, over the 40-byte header, and over the whole file up to its last field.
 */
final class Crc {

  private static final int[] TABLE = new int[256];
  /** TABLES[k][i]: the CRC of byte i followed by k zero bytes, for eight bytes a step. */
  private static final int[][] TABLES = new int[8][256];

  static {
    for (int i = 0; i < 256; i++) {
      int c = i << 24;
      for (int k = 0; k < 8; k++) {
        c = (c & 0x80000000) != 0 ? (c << 1) ^ 0x04C11DB7 : c << 1;
      }
      TABLE[i] = c;
    }
    TABLES[0] = TABLE;
    for (int k = 1; k < 8; k++) {
      for (int i = 0; i < 256; i++) {
        int prev = TABLES[k - 1][i];
        TABLES[k][i] = (prev << 8) ^ TABLE[prev >>> 24];
      }
    }
  }

  /** X8[k]: x^(8 * 2^k) mod the polynomial, to shift a CRC past 2^k bytes. */
  private static final int[] X8 = new int[63];

  static {
    X8[0] = 0x100;
    for (int k = 1; k < X8.length; k++) {
      X8[k] = multiply(X8[k - 1], X8[k - 1]);
    }
  }

  private int crc;
  private long length;

  Crc update(byte[] b, int off, int len) {
    int c = crc;
    int i = off;
    int end = off + len;
    int[] t0 = TABLES[0], t1 = TABLES[1], t2 = TABLES[2], t3 = TABLES[3];
    int[] t4 = TABLES[4], t5 = TABLES[5], t6 = TABLES[6], t7 = TABLES[7];
    for (; i + 8 <= end; i += 8) {
      int a = c ^ ((b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff));
      c = t7[a >>> 24] ^ t6[(a >>> 16) & 0xff] ^ t5[(a >>> 8) & 0xff] ^ t4[a & 0xff]
          ^ t3[b[i + 4] & 0xff] ^ t2[b[i + 5] & 0xff] ^ t1[b[i + 6] & 0xff] ^ t0[b[i + 7] & 0xff];
    }
    for (; i < end; i++) {
      c = (c << 8) ^ TABLE[((c >>> 24) ^ b[i]) & 0xff];
    }
    crc = c;
    length += len;
    return this;
  }

  /**
   * Continues with bytes whose CRC {@code next} has already taken, as if they were given here:
   * the CRC is linear, so CRC(a b) = CRC(a) x^(8 |b|) + CRC(b). Lets a reader or writer check a
   * structure's checksum and fold it into the file's without summing its bytes twice.
   */
  Crc append(Crc next) {
    int c = crc;
    long n = next.length;
    for (int k = 0; n != 0; k++, n >>>= 1) {
      if ((n & 1) != 0) {
        c = multiply(c, X8[k]);
      }
    }
    crc = c ^ next.crc;
    length += next.length;
    return this;
  }

  /** Bytes given so far. */
  long length() {
    return length;
  }

  /** a * b modulo the polynomial, most significant bit first (bit 31 is x^31). */
  private static int multiply(int a, int b) {
    int r = 0;
    for (int i = 31; i >= 0; i--) {
      r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04C11DB7 : r << 1;
      if (((b >>> i) & 1) != 0) {
        r ^= a;
      }
    }
    return r;
  }

  /** The checksum of everything given so far (the state is left as it was). */
  int value() {
    int c = crc;
    for (long n = length; n != 0; n >>>= 8) {
      c = (c << 8) ^ TABLE[((c >>> 24) ^ (int) n) & 0xff];
    }
    return ~c;
  }

  static int of(byte[] b, int off, int len) {
    return new Crc().update(b, off, len).value();
  }
}
