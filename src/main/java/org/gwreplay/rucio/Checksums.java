package org.gwreplay.rucio;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.Adler32;

/** The checksums Rucio records, in its spelling. */
final class Checksums {
  private Checksums() {}

  /** Eight lower-case hex digits, zero-padded, as Rucio and xrdadler32 write adler32. */
  static String adler32(byte[] data) {
    Adler32 a = new Adler32();
    a.update(data);
    return String.format("%08x", a.getValue());
  }

  static String md5(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 missing from the JDK", e);
    }
  }

  /** Null when the data matches what the catalog says (size, adler32, md5: all that are known), else the reason. */
  static String mismatch(DidFile f, byte[] data) {
    if (f.bytes() >= 0 && data.length != f.bytes()) {
      return "size " + data.length + " bytes, catalog says " + f.bytes();
    }
    if (f.adler32() != null) {
      String got = adler32(data);
      if (!got.equals(padAdler(f.adler32()))) {
        return "adler32 " + got + ", catalog says " + f.adler32();
      }
    }
    if (f.md5() != null) {
      String got = md5(data);
      if (!got.equals(f.md5())) {
        return "md5 " + got + ", catalog says " + f.md5();
      }
    }
    return null;
  }

  /** Some catalogs drop leading zeros. */
  private static String padAdler(String a) {
    return a.length() >= 8 ? a : "0".repeat(8 - a.length()) + a;
  }
}
