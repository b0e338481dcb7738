package org.gwreplay.gwf;

import java.util.List;

/** An FrSerData: a slow channel recorded as text (station keeping), at one GPS time. */
public record SerData(String name, long timeSec, long timeNsec, double sampleRate, String data, List<Vect> serial) {

  public SerData {
    serial = List.copyOf(serial);
  }
}
