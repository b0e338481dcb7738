package org.gwreplay.gwf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What frame format versions 4 and 5 (the editions of LIGO-T970130 before version 6) lay out
 * otherwise across structures, as the Virgo Frame Library (FrameL) reads them: time offsets as
 * seconds and nanoseconds, FrEndOfFile, and a file checksum that is a sum of the file's bytes
 * rather than a CRC. (Structure headers of a 4-byte length, a 2-byte class and a 2-byte instance
 * are read by {@link GwfReader}, pointers with a 2-byte instance by {@link FrameInput}; each
 * structure's older layout by its class, such as {@link FrDetector} and {@link FrProcData}.)
 */
final class OldLayouts {

  private OldLayouts() {}

  /**
   * Whether a file that says version 5 is laid out as version 6: FrameL's v5r00 wrote such files,
   * and FrameL tells them apart by an FrSH class number right after an 8-byte length.
   */
  static boolean isVersion6Inside(byte[] file, ByteOrder order) {
    return file.length >= 50 && ByteBuffer.wrap(file).order(order).getShort(48) == Dictionary.FR_SH;
  }

  /** A time offset of versions 4 and 5: INT_4U seconds, then INT_4U nanoseconds. */
  static double seconds(FrameInput in) throws GwfFormatException {
    long s = in.u32();
    long ns = in.u32();
    return s + 1e-9 * ns;
  }

  /**
   * FrEndOfFile of versions 4 and 5: (instance), nFrames, nBytes, chkType, chkSum, seekTOC. Its
   * length tells the layout: FrameL reads a 2-byte instance and 4-byte fields in version 4, a
   * 4-byte instance and 8-byte nBytes and seekTOC in version 5; a file written with 4-byte longs
   * has 4-byte ones. With chkType 1, chkSum is FrameL's sum of every byte of the file but those
   * of chkType and chkSum, each byte (signed) shifted by 8 bits times its offset modulo 4. For
   * version 5 the CRC of version 6 is accepted too: FrameL's own reading of a version 5 chkSum
   * mixes the two (a byte sum finished as a CRC, which its FrCheck fails), so which one version 5 writers used is
   * not settled by the reference library.
   */
  static void endOfFile(FrameInput in, byte[] file, int pos, int framesRead, int version) throws GwfFormatException {
    int rest = in.remaining();
    if (rest != 20 && rest != 22 && rest != 28 && rest != 30) {
      throw in.error("FrEndOfFile of " + (rest + 8) + " bytes is none of the version 4 and 5 layouts");
    }
    if (rest == 22 || rest == 30) {
      in.u16(); // the high half of a 4-byte instance
    }
    boolean wide = rest >= 28;
    long nFrames = in.u32();
    long nBytes = wide ? in.u64("nBytes") : in.u32();
    int typeAt = in.position();
    long chkType = in.u32();
    long stored = in.u32();
    if (wide) {
      in.u64("seekTOC");
    } else {
      in.u32();
    }
    FrEndOfFile.counts(file, pos, nFrames, nBytes, framesRead);
    if (chkType == 1 && stored != byteSum(file, typeAt) && !(version == 5 && stored == crcWithSumZeroed(file, typeAt + 4))) {
      throw new GwfFormatException("FrEndOfFile", pos, String.format(
          "file checksum mismatch (byte sum): stored %08x, computed %08x: the file is corrupt", stored, byteSum(file, typeAt)));
    }
  }

  /** The version 6 file checksum: a CRC of the whole file with chkSum (at {@code sumAt}) as zero. */
  private static long crcWithSumZeroed(byte[] file, int sumAt) {
    return new Crc().update(file, 0, sumAt).update(new byte[4], 0, 4).update(file, sumAt + 4, file.length - sumAt - 4)
        .value() & 0xffffffffL;
  }

  /** FrameL's FrChkSum over the whole file, leaving out the 8 bytes at {@code skipAt}. */
  static long byteSum(byte[] file, int skipAt) {
    int sum = 0;
    for (int k = 0; k < file.length; k++) {
      if (k < skipAt || k >= skipAt + 8) {
        sum += file[k] << (8 * (k & 3));
      }
    }
    return sum & 0xffffffffL;
  }
}
