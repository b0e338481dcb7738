package org.gwreplay.gwf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.gwreplay.gwf.GwfReader.Format;

/**
 * FrHeader: the file's first 40 bytes, "IGWD", the format version, the sizes of the C types and
 * probes of the byte order (its own layout, which no dictionary describes).
 */
final class FrHeader {

  static final int LENGTH = 40;

  private FrHeader() {}

  /** A version 8 header in {@code order}. */
  static byte[] write(ByteOrder order) {
    ByteBuffer h = ByteBuffer.allocate(LENGTH).order(order);
    h.put(new byte[] {'I', 'G', 'W', 'D', 0, 8, 0, 2, 4, 8, 4, 8});
    h.putShort((short) 0x1234).putInt(0x12345678).putLong(0x123456789abcdefL);
    h.putFloat((float) Math.PI).putDouble(Math.PI);
    h.put((byte) 0); // frame library: none of the registered ones
    h.put((byte) 1); // checksum scheme: CRC
    return h.array();
  }

  /** The format the header says the rest of {@code file} is in, versions 4 to 8. */
  static Format read(byte[] file) throws GwfFormatException {
    if (file.length < LENGTH) {
      throw new GwfFormatException("FrHeader", 0, "truncated: a frame file starts with 40 header bytes, this has " + file.length);
    }
    if (file[0] != 'I' || file[1] != 'G' || file[2] != 'W' || file[3] != 'D' || file[4] != 0) {
      throw new GwfFormatException("FrHeader", 0, "not a frame file: no IGWD magic");
    }
    int version = file[5] & 0xff;
    if (version < 4 || version > 8) {
      throw new GwfFormatException("FrHeader", 5, "frame format version " + version + " is not supported (this reader reads versions 4 to 8)");
    }
    int[] sizes = {file[7], file[8], file[9], file[10], file[11]};
    boolean shortLong = version <= 5 && sizes[2] == 4; // a 32-bit machine's C long, as FrameL allows before version 6
    if (sizes[0] != 2 || sizes[1] != 4 || (sizes[2] != 8 && !shortLong) || sizes[3] != 4 || sizes[4] != 8) {
      throw new GwfFormatException("FrHeader", 7, "unexpected type sizes " + Arrays.toString(sizes));
    }
    ByteOrder order;
    if ((file[12] & 0xff) == 0x34 && (file[13] & 0xff) == 0x12) {
      order = ByteOrder.LITTLE_ENDIAN;
    } else if ((file[12] & 0xff) == 0x12 && (file[13] & 0xff) == 0x34) {
      order = ByteOrder.BIG_ENDIAN;
    } else {
      throw new GwfFormatException("FrHeader", 12, "byte-order probe is neither 0x1234 nor 0x3412");
    }
    ByteBuffer probe = ByteBuffer.wrap(file, 0, LENGTH).order(order);
    if (probe.getInt(14) != 0x12345678 || probe.getLong(18) != 0x123456789abcdefL
        || probe.getFloat(26) != (float) Math.PI || probe.getDouble(30) != Math.PI) {
      throw new GwfFormatException("FrHeader", 14, "byte-order probes do not agree (not a frame file, or corrupt)");
    }
    if (version == 5 && OldLayouts.isVersion6Inside(file, order)) {
      version = 6; // FrameL: files of its v5r00 say 5 but are laid out as 6
    }
    return new Format(version, order, sizes[2]);
  }
}
