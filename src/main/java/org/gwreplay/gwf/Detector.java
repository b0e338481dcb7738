package org.gwreplay.gwf;

import java.util.List;

/**
 * An FrDetector: where an instrument is and how its arms point. The prefix (CHAR[2], like "H1")
 * may be shorter or empty: NUL bytes in the file mean "no character", as FrameL reads them.
 */
public record Detector(String name, String prefix, double longitude, double latitude, float elevation,
    float armXazimuth, float armYazimuth, float armXaltitude, float armYaltitude, float armXmidpoint,
    float armYmidpoint, int localTime, List<Vect> aux) {

  public Detector {
    if (prefix.length() > 2) {
      throw new IllegalArgumentException("detector prefix must be at most two characters, like H1: '" + prefix + "'");
    }
    aux = List.copyOf(aux);
  }
}
