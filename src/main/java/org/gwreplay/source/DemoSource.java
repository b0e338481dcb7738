package org.gwreplay.source;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.gwreplay.gwf.Compression;
import org.gwreplay.gwf.Detectors;
import org.gwreplay.gwf.Frame;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.gwf.GwfWriter;
import org.gwreplay.gwf.ProcData;
import org.gwreplay.llhoft.ChannelSet;
import org.gwreplay.llhoft.LlhoftBit;
import org.gwreplay.llhoft.Sites;
import org.gwreplay.llhoft.StateVectors;
import org.gwreplay.time.GpsTime;
import org.gwreplay.time.Segment;
import org.gwreplay.time.SegmentList;

/**
 * A built-in lake that needs no network: it synthesises strain frames for any detector and GPS
 * time, written as real GWF files by our codec. Each file holds coloured noise (seismic wander,
 * a power line and its harmonic, white noise) plus a binary-inspiral chirp that merges at a known
 * GPS time, arriving a few milliseconds apart at each site. The same GPS time always gives the
 * same bytes, so replays are repeatable.
 *
 * <p>Each frame carries the detector's llhoft channel set ({@link ChannelSet}): strain, the state
 * vector (observing, except in non-science spans; the hardware-injection bit cleared around the
 * chirp, as a real detector flags a hardware injection) and, for LIGO, the DQ vector; and the
 * site's FrDetector. In "off" spans the detector is down: the lake has no files there, as an
 * archive of a real detector has none.
 *
 * <p>Spec: {@code demo} or {@code demo:chirp=GPS,file=SECONDS,off=GPS+SECONDS,nonscience=GPS+SECONDS,
 * hwinj=BIT} (file duration of the synthetic archive files, default 4; {@code off} and
 * {@code nonscience} may be repeated; {@code hwinj} names the state bit the chirp clears, default
 * NO_CBC_HW_INJ).
 */
public final class DemoSource implements FrameSource {

  public static final int SAMPLE_RATE = 16384;
  static final double CHIRP_MASS_SECONDS = 10 * 4.925491e-6; // 10 solar masses, G M / c^3
  static final double CHIRP_START_HZ = 20;
  static final double CHIRP_END_HZ = 190;

  private final long chirpGps;
  private final long fileDuration;
  private final List<Segment> off;
  private final List<Segment> nonScience;
  private final LlhoftBit injectionBit;

  public DemoSource(long chirpGps, long fileDuration) {
    this(chirpGps, fileDuration, List.of(), List.of(), LlhoftBit.NO_CBC_HW_INJ);
  }

  /**
   * @param off spans with the detector down (no files)
   * @param nonScience spans with data but not observing
   * @param injectionBit the state bit cleared around the chirp
   */
  public DemoSource(long chirpGps, long fileDuration, List<Segment> off, List<Segment> nonScience, LlhoftBit injectionBit) {
    if (fileDuration <= 0 || fileDuration > 4096) {
      throw new IllegalArgumentException("demo file duration must be 1 to 4096 s: " + fileDuration);
    }
    if (injectionBit.vector() != LlhoftBit.Vector.STATE) {
      throw new IllegalArgumentException("demo hwinj=" + injectionBit + " is a DQ vector bit, not a state vector bit");
    }
    this.chirpGps = chirpGps;
    this.fileDuration = fileDuration;
    this.off = List.copyOf(off);
    this.nonScience = List.copyOf(nonScience);
    this.injectionBit = injectionBit;
  }

  /** Parses {@code demo[:chirp=GPS][,file=SECONDS]}; the chirp defaults to {@code defaultChirp}. */
  public static DemoSource parse(String spec, long defaultChirp) {
    long chirp = defaultChirp;
    long file = 4;
    List<Segment> off = new ArrayList<>();
    List<Segment> nonScience = new ArrayList<>();
    LlhoftBit hwinj = LlhoftBit.NO_CBC_HW_INJ;
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
          case "off" -> off.add(span(p[1].trim()));
          case "nonscience" -> nonScience.add(span(p[1].trim()));
          case "hwinj" -> hwinj = LlhoftBit.named(p[1]);
          default -> throw new IllegalArgumentException("unknown demo setting '" + p[0] + "' (known: chirp, file, off, nonscience, hwinj)");
        }
      } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
        throw new IllegalArgumentException("demo setting '" + kv + "' needs a whole number (chirp=1238166034) or a span GPS+SECONDS (off=1238166020+4)");
      }
    }
    return new DemoSource(chirp, file, off, nonScience, hwinj);
  }

  /** {@code GPS+SECONDS}: '+' rather than '-' so a span never reads as a negative number or a range. */
  private static Segment span(String value) {
    String[] p = value.split("\\+", 2);
    long start = Long.parseLong(p[0].trim());
    long seconds = Long.parseLong(p[1].trim());
    if (seconds <= 0) {
      throw new IllegalArgumentException("demo span '" + value + "' needs a positive number of seconds after '+'");
    }
    return new Segment(start, start + seconds);
  }

  public long chirpGps() {
    return chirpGps;
  }

  /** The strain channel of a detector, named as in low-latency frames. */
  public static String channel(String detector) {
    return ChannelSet.of(detector).strain();
  }

  @Override
  public Iterator<SourceFile> files(String detector, long gpsStart, long gpsEnd) {
    String site = Detectors.site(detector);
    long first = Math.floorDiv(gpsStart, fileDuration) * fileDuration;
    return new Iterator<>() {
      long next = first;
      final Deque<Segment> pieces = new ArrayDeque<>();

      @Override
      public boolean hasNext() {
        // A file slot wholly inside an off span gives no piece: look on to the next slot.
        while (pieces.isEmpty() && next < gpsEnd) {
          pieces.addAll(withoutOff(next, next + fileDuration));
          next += fileDuration;
        }
        return !pieces.isEmpty();
      }

      @Override
      public SourceFile next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Segment p = pieces.removeFirst();
        FrameFileName name = new FrameFileName(site, detector + "_llhoft", p.start(), p.duration());
        return new SourceFile(detector, name, "demo:" + detector, -1, null, null);
      }
    };
  }

  /** [start, end) less the off spans, as files split at their edges (real lakes have such short files). */
  private List<Segment> withoutOff(long start, long end) {
    return SegmentList.of(start, end).minus(SegmentList.of(off)).segments();
  }

  @Override
  public byte[] fetch(SourceFile file) {
    String detector = file.detector();
    long start = file.gpsStart();
    long seconds = file.name().duration();
    double[] h = strain(detector, start, (int) (seconds * SAMPLE_RATE));
    Frame.Builder b = Frame.builder(Sites.frameName(detector), GpsTime.ofSeconds(start), seconds)
        .addProcData(ProcData.timeSeries(channel(detector), SAMPLE_RATE, h));
    stateVectors(detector).vectors(detector, start, seconds).forEach(b::addProcData);
    Sites.detector(detector).ifPresent(b::addDetector);
    return GwfWriter.toBytes(List.of(b.build()), Compression.lowLatencyDefault());
  }

  /** The demo detector's state: observing but for the non-science spans, an injection around the chirp. */
  public StateVectors stateVectors(String detector) {
    return new StateVectors(null, nonScience, List.of(injection(detector)), Map.of(), injectionBit);
  }

  /**
   * The span a real detector would flag for this chirp as a hardware injection: from its entry
   * into the band (tau = 5/256 (pi f)^(-8/3) Mc^(-5/3) before merger at 20 Hz) to the merger,
   * widened by a second each side and to whole seconds.
   */
  public Segment injection(String detector) {
    double arrival = chirpGps + arrivalOffset(detector);
    double tau = 5.0 / 256.0 * Math.pow(Math.PI * CHIRP_START_HZ, -8.0 / 3.0) * Math.pow(CHIRP_MASS_SECONDS, -5.0 / 3.0);
    return new Segment(Math.max(0, (long) Math.floor(arrival - tau) - 1), Math.max(0, (long) Math.ceil(arrival) + 1));
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
    return "demo lake (synthetic " + SAMPLE_RATE + " Hz strain with state/DQ vectors, " + fileDuration
        + "-s files, chirp at GPS " + chirpGps + (off.isEmpty() ? "" : ", detector off " + off)
        + (nonScience.isEmpty() ? "" : ", not observing " + nonScience) + ")";
  }
}
