package org.gwreplay.llhoft;

import java.util.Locale;

/**
 * What a replay makes of time with no data in the source (the detector off): no files, as a
 * live volume shows while the stream is down ({@code gap}); or files that keep coming with the
 * state vector saying "not observing, no h(t)" and zero strain, as live h(t) does while the
 * detector is unlocked ({@code flag}).
 */
public enum OffTime {
  GAP,
  FLAG;

  public static OffTime parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("--off-time must be gap (no files while the detector is off) or flag (files flagged not observing), not '" + value + "'");
    }
  }
}
