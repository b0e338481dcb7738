package org.gwreplay.source;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.gwreplay.gwf.Compression;
import org.gwreplay.gwf.Frame;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.gwf.GwfWriter;
import org.gwreplay.gwf.ProcData;
import org.gwreplay.time.GpsTime;

/**
 * A built-in lake that needs no network: it synthesises strain frames for any detector and GPS
 * time, written as real GWF files by our codec. Each file holds coloured noise (seismic wander,
 * a power line and its harmonic, white noise) plus a binary-inspiral chirp that merges at a known
 * GPS time, arriving a few milliseconds apart at each site. The same GPS time always gives the
 * same bytes, so replays are repeatable.
 *
 * <p>Spec: {@code demo} or {@code demo:chirp=GPS,file=SECONDS} (file duration of the synthetic
 * archive files; default 4).
 */
public final class DemoSource implements FrameSource {

  public static final int SAMPLE_RATE = 16384;
  static final double CHIRP_MASS_SECONDS = 10 * 4.925491e-6; // 10 solar masses, G M / c^3
  static final double CHIRP_START_HZ = 20;
  static final double CHIRP_END_HZ = 190;

  private final long chirpGps;
  private final long fileDuration;

  public DemoSource(long chirpGps, long fileDuration) {
    if (fileDuration <= 0 || fileDuration > 4096) {
      throw new IllegalArgumentException("demo file duration must be 1 to 4096 s: " + fileDuration);
    }
    this.chirpGps = chirpGps;
    this.fileDuration = fileDuration;
  }

  /** Parses {@code demo[:chirp=GPS][,file=SECONDS]}; the chirp defaults to {@code defaultChirp}. */
  public static DemoSource parse(String spec, long defaultChirp) {
    long chirp = defaultChirp;
    long file = 4;
    String rest = spec.equals("demo") ? "" : spec.substring("demo:".length());
    for (String kv : rest.split(",")) {
      if (kv.isBlank()) {
        continue;
      }
      String[] p = kv.split("=", 2);
      try {
        switch (p[0].trim()) {
          case "chirp" -> chirp = Long.parseLong(p[1].trim());
          case "file" -> file = Long.parseLong(p[1].trim());
          default -> throw new IllegalArgumentException("unknown demo setting '" + p[0] + "' (known: chirp, file)");
        }
      } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
        throw new IllegalArgumentException("demo setting '" + kv + "' needs a whole number, e.g. chirp=1238166034");
      }
    }
    return new DemoSource(chirp, file);
  }

  public long chirpGps() {
    return chirpGps;
  }

  /** The strain channel of a detector, named as in low-latency frames. */
  public static String channel(String detector) {
    return detector.startsWith("V") ? detector + ":Hrec_hoft_16384Hz" : detector + ":GDS-CALIB_STRAIN";
  }

  @Override
  public Iterator<SourceFile> files(String detector, long gpsStart, long gpsEnd) {
    String site = Detectors.site(detector);
    long first = Math.floorDiv(gpsStart, fileDuration) * fileDuration;
    return new Iterator<>() {
      long next = first;

      @Override
      public boolean hasNext() {
        return next < gpsEnd;
      }

      @Override
      public SourceFile next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        FrameFileName name = new FrameFileName(site, detector + "_llhoft", next, fileDuration);
        next += fileDuration;
        return new SourceFile(detector, name, "demo:" + detector, -1, null, null);
      }
    };
  }

  @Override
  public byte[] fetch(SourceFile file) {
    String detector = file.detector();
    long start = file.gpsStart();
    double[] h = strain(detector, start, (int) (file.name().duration() * SAMPLE_RATE));
    Frame frame = Frame.builder(frameName(detector), GpsTime.ofSeconds(start), file.name().duration())
        .addProcData(ProcData.timeSeries(channel(detector), SAMPLE_RATE, h))
        .build();
    return GwfWriter.toBytes(java.util.List.of(frame), Compression.lowLatencyDefault());
  }

  private static String frameName(String detector) {
    return switch (Detectors.site(detector)) {
      case "H" -> "LHO";
      case "L" -> "LLO";
      case "V" -> "Virgo";
      case "K" -> "KAGRA";
      default -> detector;
    };
  }

  /** {@code n} samples of demo strain for {@code detector} starting at GPS second {@code start}. */
  public double[] strain(String detector, long start, int n) {
    SplittableRandom random = new SplittableRandom(detector.hashCode() * 0x9E3779B97F4A7C15L ^ start);
    double arrival = chirpGps + arrivalOffset(detector);
    double[] h = new double[n];
    for (int i = 0; i < n; i++) {
      double local = (double) i / SAMPLE_RATE; // seconds since the file start
      double t = start + local;
      h[i] = 1.0e-21 * gaussian(random)
          + 3.0e-19 * Math.sin(phase(0.31, start, local))
          + 1.0e-19 * Math.sin(phase(1.7, start, local) + 1.0)
          + 4.0e-21 * Math.sin(phase(detector.startsWith("V") ? 50 : 60, start, local))
          + 1.0e-21 * Math.sin(phase(detector.startsWith("V") ? 100 : 120, start, local))
          + chirp(arrival - t);
    }
    return h;
  }

  /** 2 pi f t for t = start + local, exact in the whole seconds so that files join smoothly. */
  private static double phase(double f, long start, double local) {
    double cycles = (f * (start % 1_000_000)) % 1.0 + f * local;
    return 2 * Math.PI * cycles;
  }

  /** Light-travel offsets of the chirp's arrival: a source over the sky, not a real localisation. */
  static double arrivalOffset(String detector) {
    return switch (detector) {
      case "L1" -> -0.0071;
      case "V1" -> 0.0123;
      case "K1" -> 0.0189;
      default -> 0.0;
    };
  }

  /**
   * Leading-order (Newtonian) inspiral strain at {@code tau} seconds before merger: frequency
   * f = (1/pi) (5 / (256 tau))^(3/8) Mc^(-5/8), phase -2 (tau / (5 Mc))^(5/8), amplitude ~ f^(2/3).
   */
  static double chirp(double tau) {
    if (tau <= 0) {
      return 0;
    }
    double f = Math.pow(5.0 / (256.0 * tau), 3.0 / 8.0) * Math.pow(CHIRP_MASS_SECONDS, -5.0 / 8.0) / Math.PI;
    if (f < CHIRP_START_HZ || f > CHIRP_END_HZ) {
      return 0;
    }
    double phi = -2.0 * Math.pow(tau / (5.0 * CHIRP_MASS_SECONDS), 5.0 / 8.0);
    double taper = Math.min(1.0, (f - CHIRP_START_HZ) / 5.0);
    return 2.0e-21 * taper * Math.pow(f / CHIRP_START_HZ, 2.0 / 3.0) * Math.cos(phi);
  }

  private static double gaussian(SplittableRandom r) {
    // Box-Muller; SplittableRandom has no nextGaussian of its own on Java 17.
    double u1 = 1.0 - r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  @Override
  public String describe() {
    return "demo lake (synthetic " + SAMPLE_RATE + " Hz strain, " + fileDuration + "-s files, chirp at GPS " + chirpGps + ")";
  }
}
