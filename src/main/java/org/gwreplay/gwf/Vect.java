package org.gwreplay.gwf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An FrVect: a named array of numbers with its dimensions. The data are held uncompressed, in
 * little-endian order, whatever the file had; compression is chosen again when written. A vector
 * may be a range of a larger array it shares (read from a raw file, or sliced), never changed.
 */
public final class Vect {

  /** One dimension: {@code nx} points spaced {@code dx} from {@code startX}, in {@code unitX}. */
  public record Dimension(long nx, double dx, double startX, String unitX) {}

  private final String name;
  private final VectType type;
  private final long nData;
  /** The data are {@code data[offset, offset + length)}. */
  private final byte[] data;
  private final int offset;
  private final int length;
  private final List<Dimension> dims;
  private final String unitY;

  /** A vector of {@code littleEndianData}, which it keeps: the array must not change afterwards. */
  public Vect(String name, VectType type, long nData, byte[] littleEndianData, List<Dimension> dims, String unitY) {
    this(name, type, nData, littleEndianData, 0, littleEndianData.length, dims, unitY);
  }

  /** A vector over {@code data[offset, offset + length)}, shared with whoever holds the array. */
  Vect(String name, VectType type, long nData, byte[] data, int offset, int length, List<Dimension> dims, String unitY) {
    this.name = Objects.requireNonNull(name);
    this.type = Objects.requireNonNull(type);
    Objects.checkFromIndexSize(offset, length, data.length);
    if (type != VectType.STRING && (long) length != nData * type.size()) {
      throw new IllegalArgumentException("vector " + name + ": " + length + " bytes for " + nData + " " + type);
    }
    this.nData = nData;
    this.data = data;
    this.offset = offset;
    this.length = length;
    this.dims = List.copyOf(dims);
    this.unitY = unitY == null ? "" : unitY;
  }

  /** A time series of doubles sampled every {@code dx} seconds from {@code startX}. */
  public static Vect ofDoubles(String name, double[] values, double dx, double startX, String unitY) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.asDoubleBuffer().put(values);
    return new Vect(name, VectType.REAL_8, values.length, b.array(),
        List.of(new Dimension(values.length, dx, startX, "s")), unitY);
  }

  public static Vect ofFloats(String name, float[] values, double dx, double startX, String unitY) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return new Vect(name, VectType.REAL_4, values.length, b.array(),
        List.of(new Dimension(values.length, dx, startX, "s")), unitY);
  }

  public static Vect ofInts(String name, int[] values, double dx, double startX, String unitY) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asIntBuffer().put(values);
    return new Vect(name, VectType.INT_4S, values.length, b.array(),
        List.of(new Dimension(values.length, dx, startX, "s")), unitY);
  }

  public static Vect ofShorts(String name, short[] values, double dx, double startX, String unitY) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.asShortBuffer().put(values);
    return new Vect(name, VectType.INT_2S, values.length, b.array(),
        List.of(new Dimension(values.length, dx, startX, "s")), unitY);
  }

  public String name() {
    return name;
  }

  public VectType type() {
    return type;
  }

  public long nData() {
    return nData;
  }

  public List<Dimension> dims() {
    return dims;
  }

  public String unitY() {
    return unitY;
  }

  /** The uncompressed data, little-endian (a copy). */
  public byte[] bytes() {
    return Arrays.copyOfRange(data, offset, offset + length);
  }

  /** The data in an array of their own length: the array itself when the vector holds all of it, else a copy. */
  byte[] rawBytes() {
    return offset == 0 && length == data.length ? data : bytes();
  }

  /** The array the data are a range of, shared: for writing them out without a copy. */
  byte[] array() {
    return data;
  }

  int offset() {
    return offset;
  }

  /** Bytes of data. */
  int length() {
    return length;
  }

  /** Sample spacing of the first dimension (1 / sample rate for a time series). */
  public double dx() {
    return dims.isEmpty() ? 0 : dims.get(0).dx();
  }

  public double startX() {
    return dims.isEmpty() ? 0 : dims.get(0).startX();
  }

  private ByteBuffer buffer() {
    return ByteBuffer.wrap(data, offset, length).slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The values as doubles (integers and floats converted; complex types give re, im pairs). */
  public double[] toDoubles() {
    ByteBuffer b = buffer();
    int n = (int) (type == VectType.COMPLEX_8 || type == VectType.COMPLEX_16 ? 2 * nData : nData);
    double[] out = new double[n];
    switch (type) {
      case REAL_8, COMPLEX_16 -> b.asDoubleBuffer().get(out);
      case REAL_4, COMPLEX_8 -> { for (int i = 0; i < n; i++) out[i] = b.getFloat(4 * i); }
      case INT_2S -> { for (int i = 0; i < n; i++) out[i] = b.getShort(2 * i); }
      case INT_2U -> { for (int i = 0; i < n; i++) out[i] = b.getShort(2 * i) & 0xffff; }
      case INT_4S -> { for (int i = 0; i < n; i++) out[i] = b.getInt(4 * i); }
      case INT_4U -> { for (int i = 0; i < n; i++) out[i] = b.getInt(4 * i) & 0xffffffffL; }
      case INT_8S -> { for (int i = 0; i < n; i++) out[i] = b.getLong(8 * i); }
      case INT_8U -> { for (int i = 0; i < n; i++) out[i] = unsignedToDouble(b.getLong(8 * i)); }
      case CHAR -> { for (int i = 0; i < n; i++) out[i] = data[offset + i]; }
      case CHAR_U -> { for (int i = 0; i < n; i++) out[i] = data[offset + i] & 0xff; }
      case STRING -> throw new UnsupportedOperationException("vector " + name + " holds strings, not numbers");
    }
    return out;
  }

  /** An INT_8U's bits as the unsigned value they hold, rounded to the nearest double. */
  static double unsignedToDouble(long bits) {
    if (bits >= 0) {
      return bits;
    }
    // Halve (keeping the lowest bit, so rounding stays right), convert, double again.
    return ((bits >>> 1) | (bits & 1)) * 2.0;
  }

  public float[] toFloats() {
    if (type != VectType.REAL_4) {
      throw new UnsupportedOperationException("vector " + name + " is " + type + ", not REAL_4");
    }
    float[] out = new float[(int) nData];
    buffer().asFloatBuffer().get(out);
    return out;
  }

  public int[] toInts() {
    if (type != VectType.INT_4S && type != VectType.INT_4U) {
      throw new UnsupportedOperationException("vector " + name + " is " + type + ", not a 4-byte integer");
    }
    int[] out = new int[(int) nData];
    buffer().asIntBuffer().get(out);
    return out;
  }

  public short[] toShorts() {
    if (type != VectType.INT_2S && type != VectType.INT_2U) {
      throw new UnsupportedOperationException("vector " + name + " is " + type + ", not a 2-byte integer");
    }
    short[] out = new short[(int) nData];
    buffer().asShortBuffer().get(out);
    return out;
  }

  public Vect withName(String newName) {
    return new Vect(newName, type, nData, data, offset, length, dims, unitY);
  }

  /** The same data with other dimensions (as many samples). */
  Vect withDims(List<Dimension> newDims) {
    return new Vect(name, type, nData, data, offset, length, newDims, unitY);
  }

  /** Elements [from, from + count) of a one-dimensional vector, the origin moved with them; shares the data. */
  public Vect slice(long from, long count) {
    requireOneDimension();
    if (from < 0 || count < 0 || from + count > nData) {
      throw new IllegalArgumentException("vector " + name + " has " + nData + " samples; cannot take " + count + " from " + from);
    }
    int size = type.size();
    Dimension d = dims.get(0);
    return new Vect(name, type, count, data, offset + (int) (from * size), (int) (count * size),
        List.of(new Dimension(count, d.dx(), d.startX() + from * d.dx(), d.unitX())), unitY);
  }

  /** One-dimensional vectors of the same type and spacing, end to end; the first one's origin. */
  public static Vect concat(List<Vect> parts) {
    Vect first = parts.get(0);
    first.requireOneDimension();
    if (parts.size() == 1) {
      return first; // immutable: nothing to copy
    }
    long n = 0;
    for (Vect v : parts) {
      v.requireOneDimension();
      if (v.type != first.type || v.dx() != first.dx()) {
        throw new IllegalArgumentException("cannot join vector " + v.name + " (" + v.type + ", dx " + v.dx()
            + ") to " + first.name + " (" + first.type + ", dx " + first.dx() + ")");
      }
      n += v.nData;
    }
    byte[] all = new byte[Math.toIntExact(n * first.type.size())];
    int at = 0;
    for (Vect v : parts) {
      System.arraycopy(v.data, v.offset, all, at, v.length);
      at += v.length;
    }
    Dimension d = first.dims.get(0);
    return new Vect(first.name, first.type, n, all, List.of(new Dimension(n, d.dx(), d.startX(), d.unitX())), first.unitY);
  }

  private void requireOneDimension() {
    if (dims.size() != 1 || type == VectType.STRING) {
      throw new IllegalArgumentException("vector " + name + " is not a one-dimensional series (" + dims.size() + " dimensions)");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Vect v && v.name.equals(name) && v.type == type && v.nData == nData
        && Arrays.equals(v.data, v.offset, v.offset + v.length, data, offset, offset + length)
        && v.dims.equals(dims) && v.unitY.equals(unitY);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, nData, ByteBuffer.wrap(data, offset, length).hashCode());
  }

  @Override
  public String toString() {
    return "Vect[" + name + ", " + type + " x " + nData + (dims.isEmpty() ? "" : ", dx " + dx()) + "]";
  }

}
