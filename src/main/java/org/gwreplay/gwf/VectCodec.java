package org.gwreplay.gwf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * FrVect data packing (LIGO-T970130; the word-level algorithms as in the Virgo Frame Library):
 * the low byte of {@code compress} is the scheme, and 0x100 says the words inside are
 * little-endian (without it they are big-endian, as written by a big-endian machine).
 *
 * <ul>
 *   <li>0 raw; 1 zlib (gzip); 3 differences of integer words, then zlib;
 *   <li>5 differences then zero suppression of 2-byte words (6 is the same on read);
 *   <li>7 (read only) REAL_4 as a first value, a scale and 2-byte steps;
 *   <li>8 differences then zero suppression of 4-byte words, of any 4-byte type (floats as their
 *       bits); 10 the same for 8-byte words.
 * </ul>
 *
 * Differences are integrated back only for the types FrameL integrates ({@link
 * VectType#isDifferenced}); for scheme 3 on other types the data are plain gzip.
 *
 * Zero suppression packs each block of {@code bSize} words in the fewest bits that hold them
 * all, least significant bit first: a 4-bit (2-byte words) or 5-bit (4-byte words) field holds
 * the width less one, then each value plus the offset {@code 2^(width-1) - 1}.
 */
final class VectCodec {

  static final int LITTLE_ENDIAN_WORDS = 0x100;
  static final int RAW = 0;
  static final int GZIP = 1;
  static final int DIFF_GZIP = 3;
  static final int ZERO_SUPPRESS_2 = 5;
  static final int ZERO_SUPPRESS_2_OR_GZIP = 6;
  static final int ZERO_SUPPRESS_4 = 8;
  static final int ZERO_SUPPRESS_8 = 10;
  /** FrameL's float packing: a start value and a scale, then 2-byte steps (read only). */
  static final int FLOAT_STEPS = 7;
  /** Words per zero-suppression block when writing. */
  private static final int BLOCK = 16;

  private VectCodec() {}

  /** A vector's data packed as {@code compression} asks, where the scheme applies to its type: {@code bytes[offset, offset + length)}. */
  record Packed(int compress, byte[] bytes, int offset, int length) {
    Packed(int compress, byte[] bytes) {
      this(compress, bytes, 0, bytes.length);
    }

    /** The vector's own bytes, not copied. */
    static Packed of(int compress, Vect v) {
      return new Packed(compress, v.array(), v.offset(), v.length());
    }

    /** The packed bytes in an array of their own length (a copy only when they are a range of a larger one). */
    byte[] exact() {
      return offset == 0 && length == bytes.length ? bytes : Arrays.copyOfRange(bytes, offset, offset + length);
    }
  }

  /** Packs in {@code order}'s words (big-endian words go without the 0x100 flag). */
  static Packed encode(Vect v, Compression c, ByteOrder order) {
    Packed p = encode(v, c);
    if (order == ByteOrder.LITTLE_ENDIAN) {
      return p;
    }
    int scheme = p.compress() & 0xff;
    int word = scheme == ZERO_SUPPRESS_2 ? 2 : scheme == ZERO_SUPPRESS_4 ? 4 : v.type().wordSize();
    byte[] bytes = scheme == GZIP || scheme == DIFF_GZIP
        ? deflate(toLittle(scheme == GZIP ? v.rawBytes() : differences(v.rawBytes(), word), word, ByteOrder.BIG_ENDIAN))
        : toLittle(p.exact(), word, ByteOrder.BIG_ENDIAN);
    return new Packed(scheme, bytes);
  }

  static Packed encode(Vect v, Compression c) {
    if (c == Compression.RAW) {
      return Packed.of(RAW | LITTLE_ENDIAN_WORDS, v);
    }
    byte[] le = v.rawBytes();
    VectType t = v.type();
    int word = t.wordSize();
    switch (c) {
      case GZIP:
        return new Packed(GZIP | LITTLE_ENDIAN_WORDS, deflate(le));
      case DIFF_GZIP:
        return t.isDifferenced()
            ? new Packed(DIFF_GZIP | LITTLE_ENDIAN_WORDS, deflate(differences(le, word)))
            : new Packed(GZIP | LITTLE_ENDIAN_WORDS, deflate(le));
      case ZERO_SUPPRESS_OTHERWISE_GZIP:
      default:
        if (t.isDifferenced() && word == 2) {
          return new Packed(ZERO_SUPPRESS_2 | LITTLE_ENDIAN_WORDS, zeroSuppress(differences(le, 2), 2));
        }
        if (t.isDifferenced() && word == 4) {
          return new Packed(ZERO_SUPPRESS_4 | LITTLE_ENDIAN_WORDS, zeroSuppress(differences(le, 4), 4));
        }
        if (t.isDifferenced() && word == 8) {
          return new Packed(ZERO_SUPPRESS_8 | LITTLE_ENDIAN_WORDS, zeroSuppress(differences(le, 8), 8));
        }
        if (t == VectType.REAL_4 || t == VectType.REAL_8 || t == VectType.INT_8U) {
          // As FrameL (compression 8 on REAL_4) and the O2 low-latency h(t) frames (8 on REAL_4, 10 on
          // REAL_8): differences of the words' bits as signed integers, zero-suppressed; a reader
          // integrates them back for these schemes whatever the type. Noisy data that would not get
          // smaller this way are gzipped instead.
          int scheme = word == 4 ? ZERO_SUPPRESS_4 : ZERO_SUPPRESS_8;
          byte[] zs = zeroSuppress(differences(le, word), word);
          if (zs.length < le.length) {
            return new Packed(scheme | LITTLE_ENDIAN_WORDS, zs);
          }
        }
        return new Packed(GZIP | LITTLE_ENDIAN_WORDS, deflate(le));
    }
  }

  /**
   * The uncompressed data, little-endian, exactly {@code expectedBytes} long.
   *
   * @param fileOrder the file's byte order, which raw data without the 0x100 flag follows
   */
  static byte[] decode(int compress, VectType t, long nData, long expectedBytes, byte[] packed, ByteOrder fileOrder,
      FrameInput in) throws GwfFormatException {
    int scheme = compress & 0xff;
    boolean flagged = (compress & LITTLE_ENDIAN_WORDS) != 0;
    // Raw data follow the file's byte order (FrameL ignores the flag for them); packed words the flag.
    ByteOrder words = scheme == RAW ? fileOrder : flagged ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    int word = t.wordSize();
    byte[] out;
    switch (scheme) {
      case RAW -> out = packed;
      case GZIP -> out = inflate(packed, expectedBytes, in);
      case DIFF_GZIP -> {
        byte[] le = toLittle(inflate(packed, expectedBytes, in), word, words);
        out = t.isDifferenced() ? integrate(le, word) : le;
        if (out.length != expectedBytes) {
          throw in.error("data are " + out.length + " bytes, but nData says " + expectedBytes);
        }
        return out;
      }
      case ZERO_SUPPRESS_2, ZERO_SUPPRESS_2_OR_GZIP -> {
        if (word != 2) {
          if (scheme == ZERO_SUPPRESS_2_OR_GZIP) {
            out = inflate(packed, expectedBytes, in); // the "otherwise gzip" half of scheme 6
            break;
          }
          throw in.error("zero suppression of 2-byte words applied to " + t);
        }
        return integrate(expand(packed, nData, 2, words, in), 2);
      }
      case ZERO_SUPPRESS_4 -> {
        if (word != 4) {
          throw in.error("zero suppression of 4-byte words applied to " + t);
        }
        return integrate(expand(packed, nData, 4, words, in), 4);
      }
      case FLOAT_STEPS -> {
        return floatSteps(packed, nData, t, words, in);
      }
      case ZERO_SUPPRESS_8 -> {
        if (word != 8) {
          throw in.error("zero suppression of 8-byte words applied to " + t);
        }
        return integrate(expand(packed, nData, 8, words, in), 8);
      }
      default -> throw in.error("unknown FrVect compression " + compress + " (scheme " + scheme + ")");
    }
    if (out.length != expectedBytes) {
      throw in.error("data are " + out.length + " bytes, but nData says " + expectedBytes);
    }
    return scheme == RAW || scheme == GZIP || scheme == ZERO_SUPPRESS_2_OR_GZIP ? toLittle(out, word, words) : out;
  }

  /**
   * Scheme 7 (FrameL's FrVectFExpand): REAL_4 data as the first value, a scale, and 2-byte steps;
   * value i = value i-1 + scale * step, in single precision as FrameL computes it.
   */
  private static byte[] floatSteps(byte[] packed, long nData, VectType t, ByteOrder order, FrameInput in)
      throws GwfFormatException {
    if (t != VectType.REAL_4) {
      throw in.error("float step packing applied to " + t);
    }
    if (nData < 1 || packed.length < 2 * (nData + 4)) {
      throw in.error("float step data too short for " + nData + " values");
    }
    ByteBuffer b = ByteBuffer.wrap(packed).order(order);
    ByteBuffer out = ByteBuffer.allocate((int) nData * 4).order(ByteOrder.LITTLE_ENDIAN);
    float prev = b.getFloat(0);
    float scale = b.getFloat(4);
    out.putFloat(0, prev);
    for (int i = 1; i < nData; i++) {
      prev = scale == 0f ? 0f : prev + scale * b.getShort(2 * (4 + i));
      out.putFloat(4 * i, prev);
    }
    return out.array();
  }

  // ---- zlib

  static byte[] deflate(byte[] data) {
    Deflater d = new Deflater(1);
    try {
      d.setInput(data);
      d.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
      byte[] buf = new byte[65536];
      while (!d.finished()) {
        int n = d.deflate(buf);
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } finally {
      d.end();
    }
  }

  /** Inflates to exactly {@code expected} bytes; more or fewer, or a broken stream, is an error. */
  static byte[] inflate(byte[] packed, long expected, FrameInput in) throws GwfFormatException {
    if (expected > Integer.MAX_VALUE - 16) {
      throw in.error("vector of " + expected + " bytes is too large to hold");
    }
    Inflater inf = new Inflater();
    try {
      inf.setInput(packed);
      byte[] out = new byte[(int) expected];
      int n = 0;
      while (n < out.length && !inf.finished()) {
        int k = inf.inflate(out, n, out.length - n);
        if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
          throw in.error("gzip data end after " + n + " of " + expected + " bytes");
        }
        n += k;
      }
      if (!inf.finished()) {
        byte[] probe = new byte[1];
        if (inf.inflate(probe) > 0) {
          throw in.error("gzip data hold more than the " + expected + " bytes nData says");
        }
      }
      if (n != expected) {
        throw in.error("gzip data hold " + n + " bytes, nData says " + expected);
      }
      return out;
    } catch (DataFormatException e) {
      throw new GwfFormatException(in.structure(), in.position(), "corrupt gzip data: " + e.getMessage(), e);
    } finally {
      inf.end();
    }
  }

  // ---- word order, differences

  /** Words of {@code size} bytes in {@code order}, rewritten little-endian. */
  static byte[] toLittle(byte[] data, int size, ByteOrder order) {
    if (order == ByteOrder.LITTLE_ENDIAN || size <= 1) {
      return data;
    }
    byte[] out = new byte[data.length];
    for (int i = 0; i + size <= data.length; i += size) {
      for (int k = 0; k < size; k++) {
        out[i + k] = data[i + size - 1 - k];
      }
    }
    return out;
  }

  /** Successive differences of little-endian words (the first word kept), wrapping. */
  static byte[] differences(byte[] le, int size) {
    ByteBuffer in = ByteBuffer.wrap(le).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer out = ByteBuffer.allocate(le.length).order(ByteOrder.LITTLE_ENDIAN);
    long prev = 0;
    for (int i = 0; i + size <= le.length; i += size) {
      long v = word(in, i, size);
      putWord(out, i, size, v - prev);
      prev = v;
    }
    return out.array();
  }

  /** Undoes {@link #differences}: running sums, wrapping in the word size. */
  static byte[] integrate(byte[] le, int size) {
    ByteBuffer b = ByteBuffer.wrap(le).order(ByteOrder.LITTLE_ENDIAN);
    long sum = 0;
    for (int i = 0; i + size <= le.length; i += size) {
      sum += word(b, i, size);
      putWord(b, i, size, sum);
    }
    return le;
  }

  private static long word(ByteBuffer b, int at, int size) {
    return switch (size) {
      case 1 -> b.get(at);
      case 2 -> b.getShort(at);
      case 4 -> b.getInt(at);
      default -> b.getLong(at);
    };
  }

  private static void putWord(ByteBuffer b, int at, int size, long v) {
    switch (size) {
      case 1 -> b.put(at, (byte) v);
      case 2 -> b.putShort(at, (short) v);
      case 4 -> b.putInt(at, (int) v);
      default -> b.putLong(at, v);
    }
  }

  // ---- zero suppression

  private static long mask(int bits) {
    return bits >= 64 ? -1L : (1L << bits) - 1;
  }

  /** The offset added to values packed in {@code bits} bits: 2^(bits-1) - 1. */
  private static long offset(int bits) {
    return bits < 2 ? 0 : (1L << (bits - 1)) - 1;
  }

  /** Packs little-endian words of {@code size} (2, 4 or 8) bytes; the result is little-endian words. */
  static byte[] zeroSuppress(byte[] le, int size) {
    int wordBits = size * 8;
    int fieldBits = size == 2 ? 4 : size == 4 ? 5 : 6;
    ByteBuffer in = ByteBuffer.wrap(le).order(ByteOrder.LITTLE_ENDIAN);
    int n = le.length / size;
    BitWriter w = new BitWriter(wordBits);
    if (size == 2) {
      w.put(BLOCK, 16); // the block size fills the first 16-bit word
    } else {
      w.put(BLOCK, 16); // ... the low half of the first 32-bit word
    }
    long[] block = new long[BLOCK];
    for (int i = 0; i < n; i += BLOCK) {
      int m = Math.min(BLOCK, n - i);
      int bits = 0;
      for (int k = 0; k < m; k++) {
        long v = word(in, (i + k) * size, size);
        // The most negative word cannot be held as such; as a difference it equals its positive
        // twin (for 8-byte words the two are the same bits, and the packing wraps to them).
        if (wordBits < 64 && v == -(1L << (wordBits - 1))) {
          v = 1L << (wordBits - 1);
        }
        block[k] = v;
        bits = Math.max(bits, bitsFor(v, wordBits));
      }
      w.put(bits == 0 ? 0 : bits - 1, fieldBits);
      for (int k = 0; k < m; k++) {
        w.put(block[k] + offset(bits), bits);
      }
    }
    return w.toLittleEndian(size);
  }

  /** Fewest bits b (0, or 2..wordBits) with -offset(b) <= v <= 2^b - 1 - offset(b). */
  private static int bitsFor(long v, int wordBits) {
    if (v == 0) {
      return 0;
    }
    for (int b = 2; b <= wordBits; b++) {
      long o = offset(b);
      if (v >= -o && v <= mask(b) - o) {
        return b;
      }
    }
    return wordBits;
  }

  /** Writes bit fields least significant bit first into words of {@code wordBits}. */
  private static final class BitWriter {
    private final int wordBits;
    private long[] words = new long[256];
    private int count;
    private int bit;

    BitWriter(int wordBits) {
      this.wordBits = wordBits;
    }

    void put(long value, int bits) {
      long v = value & mask(bits);
      int left = bits;
      while (left > 0) {
        if (count == words.length) {
          words = java.util.Arrays.copyOf(words, words.length * 2);
        }
        int room = wordBits - bit;
        int take = Math.min(room, left);
        words[count] |= (v & mask(take)) << bit;
        v >>>= take;
        left -= take;
        bit += take;
        if (bit == wordBits) {
          bit = 0;
          count++;
        }
      }
    }

    byte[] toLittleEndian(int size) {
      int n = count + (bit > 0 ? 1 : 0);
      ByteBuffer b = ByteBuffer.allocate(n * size).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < n; i++) {
        putWord(b, i * size, size, words[i]);
      }
      return b.array();
    }
  }

  /**
   * Expands zero-suppressed words of {@code size} bytes (2, 4 or 8) into {@code nData}
   * little-endian differences. 2-byte data hold the block size in their first word and 4-bit
   * width fields; 4- and 8-byte data hold it in the low 16 bits of the first word, then 5- or
   * 6-bit width fields.
   */
  static byte[] expand(byte[] packed, long nData, int size, ByteOrder order, FrameInput in) throws GwfFormatException {
    long[] w = words(packed, size, order);
    if (w.length < 1 || nData > Integer.MAX_VALUE / size) {
      throw in.error("zero-suppressed data too short or too long");
    }
    int bSize = (int) (w[0] & 0xffff);
    if (bSize == 0 && nData > 0) {
      throw in.error("zero-suppressed data with a block size of 0");
    }
    int wordBits = size * 8;
    int fieldBits = size == 2 ? 4 : size == 4 ? 5 : 6;
    BitReader r = size == 2 ? new BitReader(w, wordBits, 1, 0, in) : new BitReader(w, wordBits, 0, 16, in);
    ByteBuffer out = ByteBuffer.allocate((int) nData * size).order(ByteOrder.LITTLE_ENDIAN);
    int iOut = 0;
    while (iOut < nData) {
      int bits = (int) r.get(fieldBits) + 1;
      if (bits == 1) {
        bits = 0;
      }
      if (bits > wordBits) {
        throw in.error("zero-suppressed block of " + bits + "-bit values in " + wordBits + "-bit words");
      }
      for (int i = 0; i < bSize && iOut < nData; i++) {
        putWord(out, size * iOut++, size, r.get(bits) - offset(bits));
      }
    }
    return out.array();
  }

  private static long[] words(byte[] packed, int size, ByteOrder order) {
    ByteBuffer b = ByteBuffer.wrap(packed).order(order);
    long[] w = new long[packed.length / size];
    for (int i = 0; i < w.length; i++) {
      w[i] = size == 2 ? b.getShort(2 * i) & 0xffff : size == 4 ? b.getInt(4 * i) & 0xffffffffL : b.getLong(8 * i);
    }
    return w;
  }

  /** Reads bit fields least significant bit first from words of {@code wordBits}. */
  private static final class BitReader {
    private final long[] words;
    private final int wordBits;
    private final FrameInput in;
    private int word;
    private int bit;

    BitReader(long[] words, int wordBits, int word, int bit, FrameInput in) {
      this.words = words;
      this.wordBits = wordBits;
      this.word = word;
      this.bit = bit;
      this.in = in;
    }

    long get(int bits) throws GwfFormatException {
      long v = 0;
      int got = 0;
      while (got < bits) {
        if (word >= words.length) {
          throw in.error("zero-suppressed data end early");
        }
        int take = Math.min(wordBits - bit, bits - got);
        long w = words[word] & mask(wordBits);
        v |= ((w >>> bit) & mask(take)) << got;
        got += take;
        bit += take;
        if (bit == wordBits) {
          bit = 0;
          word++;
        }
      }
      return v;
    }
  }
}
