package org.gwreplay.llhoft;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Named bits of the low-latency state and DQ vectors, with the names PyCBC Live's
 * {@code --analyze-flags} and {@code --data-quality-flags} take (pycbc/frame/__init__.py), so a
 * user can name them and a misspelt name is an error rather than a mask of 0.
 *
 * <p>State vector ({@code GDS-CALIB_STATE_VECTOR}, and bits 0-8 of Virgo's
 * {@code DQ_ANALYSIS_STATE_VECTOR}, which shares the first fields): a set bit means "good";
 * gwcelery checks bits 0, 1 and the hardware-injection bits 5-8 around each event. Virgo's bit 10
 * is its CAT1 good-data-quality bit (where LIGO has KAPPA_PU_OK). KAGRA's
 * {@code DET-DQ_STATE_VECTOR} marks lock with bit 1 (gwpy's segment definitions).
 *
 * <p>DQ vector ({@code DMT-DQ_VECTOR}, LIGO only): each bit is set while its overflow is absent;
 * "if the bit is 0 then we should veto" (pycbc), gwcelery names them NO_..._OVERFLOW.
 */
public enum LlhoftBit {
  HOFT_OK(Vector.STATE, 0),
  SCIENCE_INTENT(Vector.STATE, 1),
  SCIENCE_QUALITY(Vector.STATE, 2),
  HOFT_PROD(Vector.STATE, 3),
  FILTERS_OK(Vector.STATE, 4),
  NO_STOCH_HW_INJ(Vector.STATE, 5),
  NO_CBC_HW_INJ(Vector.STATE, 6),
  NO_BURST_HW_INJ(Vector.STATE, 7),
  NO_DETCHAR_HW_INJ(Vector.STATE, 8),
  KAPPA_A_OK(Vector.STATE, 9),
  KAPPA_PU_OK(Vector.STATE, 10),
  KAPPA_TST_OK(Vector.STATE, 11),
  KAPPA_C_OK(Vector.STATE, 12),
  FCC_OK(Vector.STATE, 13),
  NO_GAP(Vector.STATE, 14),
  VIRGO_GOOD_DQ(Vector.STATE, 10),
  KAGRA_LOCKED(Vector.STATE, 1),
  OMC_DCPD_ADC_OVERFLOW(Vector.DQ, 1),
  ETMY_ESD_DAC_OVERFLOW(Vector.DQ, 2),
  ETMX_ESD_DAC_OVERFLOW(Vector.DQ, 4);

  /** Which vector a bit belongs to. */
  public enum Vector { STATE, DQ }

  private final Vector vector;
  private final int bit;

  LlhoftBit(Vector vector, int bit) {
    this.vector = vector;
    this.bit = bit;
  }

  public Vector vector() {
    return vector;
  }

  /** Bit index (0 = least significant). */
  public int bit() {
    return bit;
  }

  public int mask() {
    return 1 << bit;
  }

  /** The bit of that name (any case); a one-line error naming the known ones otherwise. */
  public static LlhoftBit named(String name) {
    String n = name.trim().toUpperCase(Locale.ROOT);
    for (LlhoftBit b : values()) {
      if (b.name().equals(n)) {
        return b;
      }
    }
    throw new IllegalArgumentException("unknown state/DQ vector bit '" + name.trim() + "' (known: "
        + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")) + ")");
  }

  /**
   * The name of state-vector bit {@code bit} for {@code detector} ("bit N" when it has none): bit 10
   * is VIRGO_GOOD_DQ for Virgo and KAPPA_PU_OK for LIGO, bit 1 KAGRA_LOCKED for KAGRA.
   */
  public static String stateBitName(String detector, int bit) {
    if (detector.startsWith("V") && bit == VIRGO_GOOD_DQ.bit) {
      return VIRGO_GOOD_DQ.name();
    }
    if (detector.startsWith("K") && bit == KAGRA_LOCKED.bit) {
      return KAGRA_LOCKED.name();
    }
    if (detector.startsWith("V") && bit > NO_DETCHAR_HW_INJ.bit) {
      return "bit " + bit; // Virgo shares only the first fields with LIGO
    }
    for (LlhoftBit b : values()) {
      if (b.vector == Vector.STATE && b.bit == bit && b != VIRGO_GOOD_DQ && b != KAGRA_LOCKED) {
        return b.name();
      }
    }
    return "bit " + bit;
  }

  /** The mask of comma-separated bit names, e.g. {@code HOFT_OK,SCIENCE_INTENT} gives 3. */
  public static int mask(String names) {
    int m = 0;
    for (String n : names.split(",")) {
      if (!n.isBlank()) {
        m |= named(n).mask();
      }
    }
    return m;
  }

  /** The mask of several bits. */
  public static int mask(LlhoftBit... bits) {
    int m = 0;
    for (LlhoftBit b : bits) {
      m |= b.mask();
    }
    return m;
  }
}
