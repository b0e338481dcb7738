package org.gwreplay.gwf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The detectors gwreplay knows, by their usual prefix (H1, L1, V1, ...). */
public final class Detectors {

  /** Detector prefix to the site letter used in frame file names (LIGO-T010150). */
  private static final Map<String, String> SITES = new LinkedHashMap<>();

  static {
    SITES.put("H1", "H");
    SITES.put("H2", "H");
    SITES.put("L1", "L");
    SITES.put("V1", "V");
    SITES.put("G1", "G");
    SITES.put("K1", "K");
    SITES.put("I1", "I");
  }

  private Detectors() {}

  public static List<String> known() {
    return List.copyOf(SITES.keySet());
  }

  public static boolean isKnown(String detector) {
    return SITES.containsKey(detector);
  }

  /** The site letter of a detector: {@code H1 -> H}. */
  public static String site(String detector) {
    String site = SITES.get(detector);
    if (site == null) {
      throw new IllegalArgumentException("unknown detector '" + detector + "' (known: " + String.join(", ", known()) + ")");
    }
    return site;
  }
}
