package org.gwreplay.gwf;

/**
 * The frame format's checksum: the CRC of POSIX {@code cksum} (polynomial 0x04C11DB7, most
 * significant bit first, the byte count appended, result inverted), over a structure's bytes up
 * to its checksum field, over the 40-byte header, and over the whole file up to its last field.
 */
final class Crc {

  private static final int[] TABLE = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      int c = i << 24;
      for (int k = 0; k < 8; k++) {
        c = (c & 0x80000000) != 0 ? (c << 1) ^ 0x04C11DB7 : c << 1;
      }
      TABLE[i] = c;
    }
  }

  private int crc;
  private long length;

  Crc update(byte[] b, int off, int len) {
    int c = crc;
    for (int i = off, end = off + len; i < end; i++) {
      c = (c << 8) ^ TABLE[((c >>> 24) ^ b[i]) & 0xff];
    }
    crc = c;
    length += len;
    return this;
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
