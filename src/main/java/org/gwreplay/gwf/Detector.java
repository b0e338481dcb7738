package org.gwreplay.gwf;

import java.util.List;

/** An FrDetector: where an instrument is and how its arms point. */
public record Detector(String name, String prefix, double longitude, double latitude, float elevation,
    float armXazimuth, float armYazimuth, float armXaltitude, float armYaltitude, float armXmidpoint,
    float armYmidpoint, int localTime, List<Vect> aux) {

  public Detector {
    if (prefix.length() != 2) {
      throw new IllegalArgumentException("detector prefix must be two characters, like H1: '" + prefix + "'");
    }
    aux = List.copyOf(aux);
  }
}
