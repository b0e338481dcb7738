package org.gwreplay.gwf;

import java.util.Locale;

/**
 * How an FrVect's data are packed (LIGO-T970130, FrVect {@code compress}). The choices a writer
 * offers; each vector is written with the scheme that applies to its type (for example
 * zero-suppression only packs integer words; other types fall back to gzip).
 */
public enum Compression {
  /** No compression. */
  RAW,
  /** zlib deflate of the bytes (code 1). */
  GZIP,
  /** Differences of successive integer words, then gzip (code 3); gzip for non-integer types. */
  DIFF_GZIP,
  /**
   * Zero suppression (differences, then each block of words in as few bits as it needs) for
   * 2-, 4- and 8-byte words (codes 5, 8, 10): integers, and REAL_4 / REAL_8 taken as the bits of
   * their words, as FrameL packs REAL_4 with code 8 and the O2 low-latency h(t) frames hold float32
   * channels with 8 and float64 strain with 10. Gzip for everything else (complex, text), and for
   * float data too noisy to shrink that way. What the detectors' low-latency frames use.
   */
  ZERO_SUPPRESS_OTHERWISE_GZIP;

  public static Compression parse(String name) {
    String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (Compression c : values()) {
      if (c.name().equals(n)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown compression '" + name + "' (raw, gzip, diff_gzip, zero_suppress_otherwise_gzip)");
  }

  /** The compression of the detectors' low-latency h(t) frames. */
  public static Compression lowLatencyDefault() {
    return ZERO_SUPPRESS_OTHERWISE_GZIP;
  }
}
