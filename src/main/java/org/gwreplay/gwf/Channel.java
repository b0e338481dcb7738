package org.gwreplay.gwf;

import java.util.List;

/** What ADC, processed and simulated channels share: a name and vectors of samples. */
public sealed interface Channel permits AdcData, ProcData, SimData {

  String name();

  double timeOffset();

  /** The data vectors (usually one). */
  List<Vect> vectors();

  /** The first data vector. */
  default Vect data() {
    if (vectors().isEmpty()) {
      throw new IllegalStateException("channel " + name() + " has no data vector");
    }
    return vectors().get(0);
  }

  /** The same channel under another name with other vectors. */
  Channel with(String newName, List<Vect> newVectors);
}
