package org.gwreplay.gwf;

import java.util.List;

/**
 * An FrProcData: processed data such as calibrated strain h(t). Type 1 is a time series, 2 a
 * frequency series; the samples are in {@link #data()}.
 */
public record ProcData(String name, String comment, int type, int subType, double timeOffset, double tRange,
    double fShift, float phase, double fRange, double bw, List<Double> auxParam, List<String> auxParamNames,
    List<Vect> vectors, List<Vect> aux, List<History> history) implements Channel {

  public static final int TIME_SERIES = 1;

  public ProcData {
    auxParam = List.copyOf(auxParam);
    auxParamNames = List.copyOf(auxParamNames);
    vectors = List.copyOf(vectors);
    aux = List.copyOf(aux);
    history = List.copyOf(history);
    if (auxParam.size() != auxParamNames.size()) {
      throw new IllegalArgumentException("FrProcData " + name + ": " + auxParam.size() + " aux parameters but "
          + auxParamNames.size() + " names");
    }
  }

  /** A time series of float64 samples (FR_VECT_8R) at {@code sampleRate} Hz, starting with the frame. */
  public static ProcData timeSeries(String channel, double sampleRate, double[] samples) {
    Vect v = Vect.ofDoubles(channel, samples, 1.0 / sampleRate, 0.0, "strain");
    return new ProcData(channel, "", TIME_SERIES, 0, 0, samples.length / sampleRate, 0, 0f, sampleRate / 2, 0,
        List.of(), List.of(), List.of(v), List.of(), List.of());
  }

  /** Samples per second of a time series (the inverse of its vector's spacing). */
  public double sampleRate() {
    double dx = data().dx();
    return dx > 0 ? 1.0 / dx : 0;
  }

  @Override
  public ProcData with(String newName, List<Vect> newVectors) {
    return new ProcData(newName, comment, type, subType, timeOffset, tRange, fShift, phase, fRange, bw, auxParam,
        auxParamNames, newVectors, aux, history);
  }

  ProcData withTRange(double seconds) {
    return new ProcData(name, comment, type, subType, timeOffset, seconds, fShift, phase, fRange, bw, auxParam,
        auxParamNames, vectors, aux, history);
  }
}
