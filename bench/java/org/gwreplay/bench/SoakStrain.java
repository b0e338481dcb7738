package org.gwreplay.bench;

import java.util.SplittableRandom;

/**
 * Synthetic strain for the soak: white noise plus a slow wander and a power line, at any sample
 * rate. Each GPS second of each detector is generated on its own from a seed, so the soak can
 * rebuild exactly what any output frame must hold without keeping hours of data in memory.
 * (DemoSource's strain is fixed at 16384 Hz; the soak uses a lower rate to replay hours fast.)
 */
final class SoakStrain {

  private final int rate;

  SoakStrain(int rate) {
    if (rate < 1) {
      throw new IllegalArgumentException("sample rate must be positive: " + rate);
    }
    this.rate = rate;
  }

  int rate() {
    return rate;
  }

  /** Channel name as in low-latency frames. */
  static String channel(String detector) {
    return detector + (detector.startsWith("V") ? ":Hrec_hoft" : ":GDS-CALIB_STRAIN");
  }

  /** The samples of GPS second [gps, gps + 1). */
  double[] second(String detector, long gps) {
    double[] h = new double[rate];
    fill(detector, gps, h, 0);
    return h;
  }

  /** The samples of [start, start + seconds), second after second. */
  double[] span(String detector, long start, int seconds) {
    double[] h = new double[seconds * rate];
    for (int s = 0; s < seconds; s++) {
      fill(detector, start + s, h, s * rate);
    }
    return h;
  }

  private void fill(String detector, long gps, double[] h, int at) {
    SplittableRandom random = new SplittableRandom(detector.hashCode() * 0x9E3779B97F4A7C15L + gps);
    // Phase of the 0.31 Hz wander at the whole second, kept exact so that seconds join smoothly.
    double wander0 = (0.31 * (gps % 1_000_000)) % 1.0;
    for (int i = 0; i < rate; i++) {
      double t = (double) i / rate;
      double u1 = 1.0 - random.nextDouble();
      double u2 = random.nextDouble();
      double gaussian = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
      h[at + i] = 1.0e-21 * gaussian
          + 3.0e-19 * Math.sin(2 * Math.PI * (wander0 + 0.31 * t))
          + 4.0e-21 * Math.sin(2 * Math.PI * 60 * t);
    }
  }
}
