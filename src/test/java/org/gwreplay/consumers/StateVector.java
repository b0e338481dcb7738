package org.gwreplay.consumers;

import java.util.Optional;
import org.gwreplay.gwf.Channel;
import org.gwreplay.gwf.Frame;

/**
 * The channels and state-vector bits low-latency consumers check, from their documented
 * behaviour (CONSUMERS.md: PyCBC Live's O4 replay configuration, gwcelery): a block is valid when
 * every state sample has all the analysed bits set, {@code (value & mask) == mask}.
 */
final class StateVector {

  static final int HOFT_OK = 1;
  static final int SCIENCE_INTENT = 2;
  static final int VIRGO_GOOD_DQ = 1 << 10;

  private StateVector() {}

  static String strainChannel(String ifo) {
    return ifo.startsWith("V") ? ifo + ":Hrec_hoft_16384Hz" : ifo + ":GDS-CALIB_STRAIN";
  }

  static String stateChannel(String ifo) {
    return ifo.startsWith("V") ? ifo + ":DQ_ANALYSIS_STATE_VECTOR" : ifo + ":GDS-CALIB_STATE_VECTOR";
  }

  /** PyCBC Live's --analyze-flags for the detector: HOFT_OK,SCIENCE_INTENT (plus VIRGO_GOOD_DQ for Virgo). */
  static int mask(String ifo) {
    return ifo.startsWith("V") ? HOFT_OK | SCIENCE_INTENT | VIRGO_GOOD_DQ : HOFT_OK | SCIENCE_INTENT;
  }

  static Optional<Channel> channel(Frame f, String name) {
    return f.channels().stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** True when every sample of the state channel has the mask's bits set. */
  static boolean allValid(Channel state, int mask) {
    for (double v : state.data().toDoubles()) {
      if ((((long) v) & mask) != mask) {
        return false;
      }
    }
    return true;
  }
}
