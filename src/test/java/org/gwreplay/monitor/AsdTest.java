package org.gwreplay.monitor;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The ASD's scale, checked against what theory says for white noise and a sinusoid. */
class AsdTest {

  @Test
  void whiteNoiseHasAFlatAsdOfSigmaTimesRootTwoOverRate() {
    double fs = 4096;
    double sigma = 3e-21;
    SplittableRandom r = new SplittableRandom(7);
    double[] x = new double[(int) fs * 8];
    for (int i = 0; i < x.length; i++) {
      // Gaussian by Box-Muller: the exact distribution does not matter, its variance does.
      x[i] = sigma * Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
    Asd.Spectrum s = Asd.welch(x, fs);
    assertThat(s.frequencies().length, equalTo(2049));
    assertThat(s.frequencies()[1], closeTo(1.0, 1e-12));
    double sum = 0;
    int n = 0;
    for (int k = 10; k < 2000; k++) {
      sum += s.asd()[k] * s.asd()[k];
      n++;
    }
    double expected = sigma * Math.sqrt(2 / fs);
    assertThat(Math.sqrt(sum / n) / expected, closeTo(1, 0.05));
  }

  @Test
  void aSinusoidPeaksAtItsFrequency() {
    double fs = 1024;
    double[] x = new double[(int) fs * 4];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.sin(2 * Math.PI * 60 * i / fs);
    }
    Asd.Spectrum s = Asd.welch(x, fs);
    int peak = 0;
    for (int k = 1; k < s.asd().length; k++) {
      peak = s.asd()[k] > s.asd()[peak] ? k : peak;
    }
    assertThat(s.frequencies()[peak], closeTo(60, 1e-9));
  }
}
