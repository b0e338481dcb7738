package org.gwreplay.llhoft;

import static org.gwreplay.llhoft.LlhoftBit.FILTERS_OK;
import static org.gwreplay.llhoft.LlhoftBit.HOFT_OK;
import static org.gwreplay.llhoft.LlhoftBit.HOFT_PROD;
import static org.gwreplay.llhoft.LlhoftBit.KAGRA_LOCKED;
import static org.gwreplay.llhoft.LlhoftBit.NO_BURST_HW_INJ;
import static org.gwreplay.llhoft.LlhoftBit.NO_CBC_HW_INJ;
import static org.gwreplay.llhoft.LlhoftBit.NO_DETCHAR_HW_INJ;
import static org.gwreplay.llhoft.LlhoftBit.NO_GAP;
import static org.gwreplay.llhoft.LlhoftBit.NO_STOCH_HW_INJ;
import static org.gwreplay.llhoft.LlhoftBit.SCIENCE_INTENT;
import static org.gwreplay.llhoft.LlhoftBit.SCIENCE_QUALITY;
import static org.gwreplay.llhoft.LlhoftBit.VIRGO_GOOD_DQ;

import java.io.Serializable;
import java.util.Optional;

/**
 * One detector's low-latency h(t) channels as the real llhoft streams name them, and what their
 * state and DQ vectors hold: the value in observing time, the bits cleared when the detector is
 * not observing, and the further bits cleared when there is no data at all.
 *
 * @param dq the DQ vector's name, empty for detectors whose stream has none (Virgo, KAGRA)
 */
public record ChannelSet(String detector, String strain, String state, Optional<String> dq, int observing,
    int notObservingClears, int noDataClears, int dqFlags, DqStyle dqStyle) implements Serializable {

  /** Strain sample rate of every llhoft stream. */
  public static final int STRAIN_RATE = 16384;
  /** State and DQ vector sample rate (H1/L1 GDS and DMT vectors, Virgo and KAGRA state vectors). */
  public static final int VECTOR_RATE = 16;

  /** The three overflow flags PyCBC Live's O4 configuration reads from DMT-DQ_VECTOR. */
  public static final int LIGO_DQ_FLAGS = LlhoftBit.mask(LlhoftBit.OMC_DCPD_ADC_OVERFLOW,
      LlhoftBit.ETMY_ESD_DAC_OVERFLOW, LlhoftBit.ETMX_ESD_DAC_OVERFLOW);

  public static ChannelSet of(String detector) {
    int analysable = LlhoftBit.mask(HOFT_OK, SCIENCE_INTENT, SCIENCE_QUALITY);
    int noInjection = LlhoftBit.mask(NO_STOCH_HW_INJ, NO_CBC_HW_INJ, NO_BURST_HW_INJ, NO_DETCHAR_HW_INJ);
    return switch (detector) {
      case "V1" -> new ChannelSet(detector, "V1:Hrec_hoft_16384Hz", "V1:DQ_ANALYSIS_STATE_VECTOR", Optional.empty(),
          analysable | LlhoftBit.mask(HOFT_PROD, FILTERS_OK, VIRGO_GOOD_DQ) | noInjection,
          analysable | VIRGO_GOOD_DQ.mask(), HOFT_PROD.mask(), 0, DqStyle.VIRGO);
      case "K1" -> new ChannelSet(detector, "K1:CAL-CS_PROC_DARM_STRAIN_DBL_DQ", "K1:DET-DQ_STATE_VECTOR",
          Optional.empty(), LlhoftBit.mask(HOFT_OK, KAGRA_LOCKED), LlhoftBit.mask(HOFT_OK, KAGRA_LOCKED), 0, 0,
          DqStyle.LIGO);
      default -> {
        // LIGO: every bit of GDS-CALIB_STATE_VECTOR (0-14) is set in observing time.
        int all = (1 << (NO_GAP.bit() + 1)) - 1;
        yield new ChannelSet(detector, detector + ":GDS-CALIB_STRAIN", detector + ":GDS-CALIB_STATE_VECTOR",
            Optional.of(detector + ":DMT-DQ_VECTOR"), all, analysable, LlhoftBit.mask(HOFT_PROD, NO_GAP),
            LIGO_DQ_FLAGS, DqStyle.LIGO);
      }
    };
  }

  /** The same set with another DQ style. */
  public ChannelSet withDqStyle(DqStyle style) {
    return new ChannelSet(detector, strain, state, dq, observing, notObservingClears, noDataClears, dqFlags, style);
  }

  /** State vector value while observing ({@code true}) or not, the data being there. */
  public int state(boolean observing) {
    return observing ? this.observing : this.observing & ~notObservingClears;
  }

  /** State vector value where there is no data: not observing, and no h(t). */
  public int noDataState() {
    return state(false) & ~noDataClears;
  }

  /** DQ vector value for good or bad time. */
  public int dqValue(boolean good) {
    return dqStyle.value(good, dqFlags);
  }
}
