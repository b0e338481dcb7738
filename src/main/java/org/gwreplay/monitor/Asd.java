package org.gwreplay.monitor;

import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * Amplitude spectral density by Welch's method: Hann-windowed segments of about one second
 * (a power of two of samples, as the FFT needs), half overlapping, periodograms averaged.
 * One-sided, in units of the data per root hertz.
 */
final class Asd {

  record Spectrum(double[] frequencies, double[] asd) {}

  private Asd() {}

  static Spectrum welch(double[] x, double sampleRate) {
    int n = Integer.highestOneBit((int) Math.max(2, Math.min(x.length, Math.round(sampleRate))));
    if (x.length < n) {
      n = Integer.highestOneBit(x.length);
    }
    double[] window = new double[n];
    double norm = 0;
    for (int i = 0; i < n; i++) {
      window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
      norm += window[i] * window[i];
    }
    FastFourierTransformer fft = new FastFourierTransformer(DftNormalization.STANDARD);
    double[] psd = new double[n / 2 + 1];
    int segments = 0;
    for (int from = 0; from + n <= x.length; from += n / 2) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += x[from + i];
      }
      mean /= n;
      double[] seg = new double[n];
      for (int i = 0; i < n; i++) {
        seg[i] = (x[from + i] - mean) * window[i];
      }
      Complex[] f = fft.transform(seg, TransformType.FORWARD);
      for (int k = 0; k <= n / 2; k++) {
        double p = f[k].getReal() * f[k].getReal() + f[k].getImaginary() * f[k].getImaginary();
        psd[k] += (k == 0 || k == n / 2 ? 1 : 2) * p / (sampleRate * norm);
      }
      segments++;
    }
    double[] freq = new double[psd.length];
    double[] asd = new double[psd.length];
    for (int k = 0; k < psd.length; k++) {
      freq[k] = k * sampleRate / n;
      asd[k] = Math.sqrt(psd[k] / Math.max(1, segments));
    }
    return new Spectrum(freq, asd);
  }
}
