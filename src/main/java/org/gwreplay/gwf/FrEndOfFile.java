package org.gwreplay.gwf;

import java.nio.ByteOrder;
import org.gwreplay.gwf.GwfReader.Format;

/**
 * FrEndOfFile: the number of frames, the file's length, where its FrTOC is, and the header and
 * file checksums. Its own checksum sits before its last field, the file checksum (which no
 * structure checksum covers).
 */
final class FrEndOfFile {

  static final Layout LAYOUT = Layout.of(Dictionary.FR_END_OF_FILE).e("nFrames", "INT_4U")
      .e("nBytes", "INT_8U").e("seekTOC", "INT_8U").e("chkSumFrHeader", "INT_4U").e("chkSum", "INT_4U")
      .e("chkSumFile", "INT_4U").build();

  /** Bytes of the whole structure: its header (14), the fields before the checksums (24), the two checksums. */
  static final int LENGTH = 14 + 24 + 8;

  private FrEndOfFile() {}

  /** The fields before the checksums, which the writer appends as it frames the structure. */
  static FrameOutput write(ByteOrder order, int nFrames, long nBytes, long seekTOC, int headerSum) {
    return new FrameOutput(order, LAYOUT).i32(nFrames).i64(nBytes).i64(seekTOC).i32(headerSum);
  }

  /**
   * Reads and checks FrEndOfFile at {@code pos}: the frame count and file length, the header
   * checksum and the file checksum ({@code fileCrc} holds the file's sum so far, version 8).
   */
  static void read(FrameInput in, Format f, byte[] file, int pos, int framesRead, Crc fileCrc)
      throws GwfFormatException {
    if (f.version() <= 5) {
      OldLayouts.endOfFile(in, file, pos, framesRead, f.version());
      return;
    }
    long nFrames = in.u32();
    long nBytes = in.u64("nBytes");
    if (f.version() < 8) {
      readV6(in, file, pos, nFrames, nBytes, framesRead);
      return;
    }
    in.u64("seekTOC");
    int headerSum = in.i32();
    in.i32(); // the structure's own checksum, verified already
    int fileSum = in.i32();
    counts(file, pos, nFrames, nBytes, framesRead);
    if (headerSum != 0 && headerSum != Crc.of(file, 0, FrHeader.LENGTH)) {
      throw new GwfFormatException("FrHeader", 0, String.format("header checksum mismatch: stored %08x, computed %08x",
          headerSum, Crc.of(file, 0, FrHeader.LENGTH)));
    }
    // The running sum covers the file up to its checksum unless bytes follow FrEndOfFile.
    int computed = fileCrc.length() == file.length - 4 ? fileCrc.value() : Crc.of(file, 0, file.length - 4);
    if (fileSum != 0 && fileSum != computed) {
      throw new GwfFormatException("FrEndOfFile", pos, String.format(
          "file checksum mismatch: stored %08x, computed %08x: the file is corrupt", fileSum, computed));
    }
  }

  /** Versions 6 and 7: chkType, chkSum (of the file, taken with this field as zero), seekTOC. */
  private static void readV6(FrameInput in, byte[] file, int pos, long nFrames, long nBytes, int framesRead)
      throws GwfFormatException {
    long chkType = in.u32();
    int sumAt = in.position();
    int stored = in.i32();
    in.u64("seekTOC");
    counts(file, pos, nFrames, nBytes, framesRead);
    if (chkType == 1) {
      int computed = new Crc().update(file, 0, sumAt).update(new byte[4], 0, 4)
          .update(file, sumAt + 4, file.length - sumAt - 4).value();
      if (computed != stored) {
        throw new GwfFormatException("FrEndOfFile", pos, String.format(
            "file checksum mismatch: stored %08x, computed %08x: the file is corrupt", stored, computed));
      }
    }
  }

  /** The frame count and file length FrEndOfFile gives must be the file's. */
  static void counts(byte[] file, int pos, long nFrames, long nBytes, int framesRead)
      throws GwfFormatException {
    if (nFrames != framesRead) {
      throw new GwfFormatException("FrEndOfFile", pos, "says " + nFrames + " frames, the file holds " + framesRead);
    }
    if (nBytes != file.length) {
      throw new GwfFormatException("FrEndOfFile", pos, "says the file is " + nBytes + " bytes, it is " + file.length);
    }
  }
}
