package org.gwreplay.gwf;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.gwreplay.gwf.FrameInput.Pointer;
import org.gwreplay.gwf.GwfReader.Format;
import org.gwreplay.gwf.GwfReader.Linked;

/** FrVect: a vector of samples ({@link Vect}), its data packed as its compress field says. */
final class FrVect {

  static final Layout LAYOUT = Layout.of(Dictionary.FR_VECT).e("name", "STRING").e("compress", "INT_2U")
      .e("type", "INT_2U").e("nData", "INT_8U").e("nBytes", "INT_8U").e("data", "CHAR[nBytes]").e("nDim", "INT_4U")
      .e("nx", "INT_8U[nDim]").e("dx", "REAL_8[nDim]").e("startX", "REAL_8[nDim]").e("unitX", "STRING[nDim]")
      .e("unitY", "STRING").p("next", "FrVect").chkSum();

  /** A raw vector of at least 1/SHARE_FRACTION of its file shares the file's array. */
  private static final int SHARE_FRACTION = 8;

  private FrVect() {}

  static FrameOutput write(ByteOrder order, Vect v, Compression compression, Pointer next) {
    VectCodec.Packed packed = v.type() == VectType.STRING
        ? VectCodec.Packed.of(VectCodec.LITTLE_ENDIAN_WORDS, v)
        : VectCodec.encode(v, compression, order);
    FrameOutput o = new FrameOutput(order, LAYOUT).string(v.name()).u16(packed.compress()).u16(v.type().code())
        .i64(v.nData()).i64(packed.length()).bytes(packed.bytes(), packed.offset(), packed.length()).i32(v.dims().size());
    v.dims().forEach(d -> o.i64(d.nx()));
    v.dims().forEach(d -> o.f64(d.dx()));
    v.dims().forEach(d -> o.f64(d.startX()));
    v.dims().forEach(d -> o.string(d.unitX()));
    return o.string(v.unitY()).pointer(next);
  }

  /**
   * Reads and unpacks a vector; {@code budget} is what decompression may still produce in this
   * file, so that one claiming to inflate to far more than it could hold (a "zip bomb") is
   * refused before the memory is taken.
   */
  static Linked<Vect> read(FrameInput in, Format f, GwfReader.DecodeBudget budget) throws GwfFormatException {
    boolean old = f.version() <= 5;
    String name = in.string();
    int compress = in.u16();
    int typeCode = in.u16();
    VectType type = VectType.ofCode(typeCode);
    if (type == null) {
      throw in.error("FrVect " + name + " has unknown type " + typeCode);
    }
    long nData = old ? in.u32() : in.u64("nData");
    long nBytes = old ? in.u32() : in.u64("nBytes");
    if (nBytes > in.remaining()) {
      throw in.error("FrVect " + name + " claims " + nBytes + " bytes of data, only " + in.remaining() + " left");
    }
    if (type != VectType.STRING && nData > (GwfReader.MAX_FILE_BYTES) / Math.max(1, type.size())) {
      throw in.error("FrVect " + name + " claims " + nData + " samples, more than any file holds");
    }
    // Raw little-endian data are the file's bytes as they are: a vector that is a good part of the
    // file shares the file's array (a small one is copied, so as not to keep a large file alive).
    boolean asStored = type != VectType.STRING && (compress & 0xff) == VectCodec.RAW && nBytes == nData * type.size()
        && (f.order() == ByteOrder.LITTLE_ENDIAN || type.wordSize() <= 1) && nBytes >= in.fileLength() / SHARE_FRACTION;
    int dataAt = in.position();
    byte[] packed = asStored ? in.skip(nBytes, "FrVect data") : in.bytes(nBytes, "FrVect data");
    long nDim = in.u32();
    if (nDim * 26 > in.remaining()) {
      throw in.error("FrVect " + name + " claims " + nDim + " dimensions");
    }
    long[] nx = new long[(int) nDim];
    double[] dx = new double[(int) nDim];
    double[] startX = new double[(int) nDim];
    String[] unitX = new String[(int) nDim];
    for (int i = 0; i < nDim; i++) {
      nx[i] = old ? in.u32() : in.u64("nx");
    }
    for (int i = 0; i < nDim; i++) {
      dx[i] = in.f64();
    }
    for (int i = 0; i < nDim; i++) {
      startX[i] = in.f64();
    }
    for (int i = 0; i < nDim; i++) {
      unitX[i] = in.string();
    }
    String unitY = in.string();
    Pointer next = in.pointer();
    if (f.longSize() == 4 && type.wordSize() == 8) {
      throw in.error("FrVect " + name + " is " + type + " in a file written with 4-byte longs, which this reader does not widen");
    }
    long expected = nData * type.size();
    if (type != VectType.STRING && (compress & 0xff) != 0) {
      budget.take(in, name, expected);
    }
    List<Vect.Dimension> dims = new ArrayList<>();
    for (int i = 0; i < nDim; i++) {
      dims.add(new Vect.Dimension(nx[i], dx[i], startX[i], unitX[i]));
    }
    if (asStored) {
      return new Linked<>(new Vect(name, type, nData, packed, dataAt, (int) nBytes, dims, unitY), next);
    }
    byte[] data = type == VectType.STRING ? packed
        : VectCodec.decode(compress, type, nData, expected, packed, f.order(), in);
    return new Linked<>(new Vect(name, type, nData, data, dims, unitY), next);
  }
}
