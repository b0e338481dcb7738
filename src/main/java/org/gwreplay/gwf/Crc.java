package org.gwreplay.gwf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.zip.CRC32;

/**
 * The frame format's checksum: the CRC of POSIX {@code cksum} (polynomial 0x04C11DB7, most
 * significant bit first, the byte count appended, result inverted), over a structure's bytes up
 * to its checksum field, over the 40-byte header, and over the whole file up to its last field.
 *
 * <p>Long runs go through the JDK's {@link CRC32}, which the JVM runs on the processor's
 * carry-less multiply: it is the same polynomial taken least significant bit first, so it is fed
 * each byte with its bits reversed and its register is reversed back. A frame's sample vectors
 * are most of its bytes, and their checksums (read and write) were most of a raw re-framing's CPU.
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

  /** Below this many bytes the tables are quicker than a trip through the JDK's CRC32. */
  private static final int JDK_MIN = 512;
  private static final int CHUNK = 16384;

  Crc update(byte[] b, int off, int len) {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (len >= JDK_MIN) {
      return updateReflected(b, off, len);
    }
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
   * The register is linear in its start: R(c, m) = (c + ~0) x^(8|m|) + R(~0, m), and R(~0, m) is
   * the bit-reversed complement of what {@link CRC32} (which starts from ~0) gives for m with each
   * byte's bits reversed.
   */
  private Crc updateReflected(byte[] b, int off, int len) {
    CRC32 jdk = new CRC32();
    // Buffers of this call's own, not a thread's: a thread-local value would pin a Flink job's class loader.
    Scratch sc = new Scratch(Math.min(CHUNK, len));
    for (int at = off, end = off + len; at < end; at += CHUNK) {
      int n = Math.min(CHUNK, end - at);
      int words = n / 8;
      // Bulk copies in and out of a long[], and a plain loop over it that the JIT turns into SIMD.
      ByteBuffer.wrap(b, at, n).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(sc.words, 0, words);
      long[] w = sc.words;
      for (int i = 0; i < words; i++) {
        long x = w[i];
        x = ((x >>> 1) & 0x5555555555555555L) | ((x & 0x5555555555555555L) << 1);
        x = ((x >>> 2) & 0x3333333333333333L) | ((x & 0x3333333333333333L) << 2);
        w[i] = ((x >>> 4) & 0x0F0F0F0F0F0F0F0FL) | ((x & 0x0F0F0F0F0F0F0F0FL) << 4);
      }
      sc.longs.clear();
      sc.longs.put(w, 0, words);
      for (int i = 8 * words; i < n; i++) {
        sc.bytes[i] = (byte) (Integer.reverse(b[at + i]) >>> 24);
      }
      jdk.update(sc.bytes, 0, n);
    }
    crc = shift(crc ^ ~0, len) ^ Integer.reverse(~(int) jdk.getValue());
    length += len;
    return this;
  }

  /** Buffers for {@link #updateReflected}: one chunk as bytes and, over the same bytes, as longs. */
  private static final class Scratch {
    final byte[] bytes;
    final long[] words;
    final LongBuffer longs;

    Scratch(int size) {
      bytes = new byte[size];
      words = new long[size / 8];
      longs = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
    }
  }

  /** c x^(8n) modulo the polynomial: the register c moved past n zero bytes. */
  private static int shift(int c, long n) {
    for (int k = 0; n != 0; k++, n >>>= 1) {
      if ((n & 1) != 0) {
        c = multiply(c, X8[k]);
      }
    }
    return c;
  }

  /**
   * Continues with bytes whose CRC {@code next} has already taken, as if they were given here:
   * the CRC is linear, so CRC(a b) = CRC(a) x^(8 |b|) + CRC(b). Lets a reader or writer check a
   * structure's checksum and fold it into the file's without summing its bytes twice.
   */
  Crc append(Crc next) {
    crc = shift(crc, next.length) ^ next.crc;
    length += next.length;
    return this;
  }

  /**
   * Continues with {@code b[off, off + piece.length())}, whose CRC {@code piece} has taken alone: a
   * long piece is appended (each byte summed once for both), a short one summed again, which is
   * quicker than the shift an append costs.
   */
  Crc include(Crc piece, byte[] b, int off) {
    return piece.length < JDK_MIN ? update(b, off, (int) piece.length) : append(piece);
  }

  /** Bytes given so far. */
  long length() {
    return length;
  }

  /**
   * a * b modulo the polynomial, most significant bit first (bit 31 is x^31): the carry-less product
   * without branches (whose misses made this the costliest step of appending), then its upper 32
   * bits moved past four zero bytes by the table and added to the lower.
   */
  private static int multiply(int a, int b) {
    long wide = a & 0xffffffffL;
    long p = 0;
    for (int i = 0; i < 32; i++) {
      p ^= (wide << i) & -((b >>> i) & 1L);
    }
    int hi = (int) (p >>> 32);
    for (int k = 0; k < 4; k++) {
      hi = (hi << 8) ^ TABLE[hi >>> 24];
    }
    return hi ^ (int) p;
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
