package org.gwreplay.gwf;

/** The element type of an FrVect, with its code in the file and its size in bytes. */
public enum VectType {
  CHAR(0, 1),
  INT_2S(1, 2),
  REAL_8(2, 8),
  REAL_4(3, 4),
  INT_4S(4, 4),
  INT_8S(5, 8),
  COMPLEX_8(6, 8),
  COMPLEX_16(7, 16),
  STRING(8, 0),
  INT_2U(9, 2),
  INT_4U(10, 4),
  INT_8U(11, 8),
  CHAR_U(12, 1);

  private final int code;
  private final int size;

  VectType(int code, int size) {
    this.code = code;
    this.size = size;
  }

  public int code() {
    return code;
  }

  /** Bytes per element (0 for STRING, whose elements have no fixed size). */
  public int size() {
    return size;
  }

  /** The width of the words that differencing and zero suppression work on. */
  int wordSize() {
    return this == COMPLEX_8 ? 4 : this == COMPLEX_16 ? 8 : size;
  }

  /**
   * Whether differencing (compressions 3, 5) applies to this type: the types whose differences
   * FrameL integrates back on read. Unsigned 8-byte integers and floats are not among them.
   */
  boolean isDifferenced() {
    return this == CHAR || this == CHAR_U || this == INT_2S || this == INT_2U || this == INT_4S || this == INT_4U
        || this == INT_8S;
  }

  boolean isInteger() {
    return this == INT_2S || this == INT_2U || this == INT_4S || this == INT_4U || this == INT_8S || this == INT_8U
        || this == CHAR || this == CHAR_U;
  }

  static VectType ofCode(int code) {
    for (VectType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }
}
