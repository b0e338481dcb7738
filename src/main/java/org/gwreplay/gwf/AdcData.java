package org.gwreplay.gwf;

import java.util.List;

/** An FrAdcData: a channel as digitised, with its calibration (bias, slope) and sample rate. */
public record AdcData(String name, String comment, long channelGroup, long channelNumber, long nBits, float bias,
    float slope, String units, double sampleRate, double timeOffset, double fShift, float phase, int dataValid,
    List<Vect> vectors, List<Vect> aux) implements Channel {

  public AdcData {
    vectors = List.copyOf(vectors);
    aux = List.copyOf(aux);
  }

  /** A 16-bit ADC channel of counts. */
  public static AdcData of(String channel, double sampleRate, Vect data) {
    return new AdcData(channel, "", 0, 0, 16, 0f, 1f, "counts", sampleRate, 0, 0, 0f, 0, List.of(data), List.of());
  }

  @Override
  public AdcData with(String newName, List<Vect> newVectors) {
    return new AdcData(newName, comment, channelGroup, channelNumber, nBits, bias, slope, units, sampleRate, timeOffset,
        fShift, phase, dataValid, newVectors, aux);
  }
}
