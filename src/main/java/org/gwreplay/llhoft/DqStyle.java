package org.gwreplay.llhoft;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.gwreplay.gwf.Detectors;

/**
 * How a synthesised DQ vector says "bad", as pycbc-live-utils' add_state_dq_vectors offers:
 * LIGO-style, each flag bit set while good and 0 = veto (DMT-DQ_VECTOR as PyCBC and gwcelery read
 * it); Virgo-style, 0 while good and non-zero = veto (PyCBC's valid-on-zero reading of Virgo's
 * veto channels).
 */
public enum DqStyle {
  LIGO,
  VIRGO;

  /** The DQ vector's value for good or bad time, given the flag bits it carries. */
  public int value(boolean good, int flagBits) {
    return (this == LIGO) == good ? flagBits : 0;
  }

  /**
   * Parses {@code IFO:style} pairs, e.g. {@code H1:ligo,V1:virgo}; detectors not named keep
   * their usual style ({@link ChannelSet#dqStyle()}).
   */
  public static Map<String, DqStyle> parse(String value) {
    Map<String, DqStyle> m = new LinkedHashMap<>();
    if (value == null) {
      return m;
    }
    for (String pair : value.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      String[] p = pair.trim().split(":", 2);
      if (p.length != 2 || !Detectors.isKnown(p[0].trim())) {
        throw new IllegalArgumentException("--dq-style takes IFO:ligo or IFO:virgo pairs (e.g. H1:ligo,V1:virgo), not '" + pair.trim() + "'");
      }
      try {
        m.put(p[0].trim(), valueOf(p[1].trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--dq-style: unknown style '" + p[1].trim() + "' for " + p[0].trim() + " (known: ligo, virgo)");
      }
    }
    return m;
  }
}
