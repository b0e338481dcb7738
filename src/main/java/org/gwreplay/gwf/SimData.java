package org.gwreplay.gwf;

import java.util.List;

/** An FrSimData: a simulated (injected) channel. */
public record SimData(String name, String comment, double sampleRate, double timeOffset, double fShift, float phase,
    List<Vect> vectors, List<Vect> input) implements Channel {

  public SimData {
    vectors = List.copyOf(vectors);
    input = List.copyOf(input);
  }

  @Override
  public SimData with(String newName, List<Vect> newVectors) {
    return new SimData(newName, comment, sampleRate, timeOffset, fShift, phase, newVectors, input);
  }
}
