package org.gwreplay.monitor;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.gwreplay.gwf.Channel;
import org.gwreplay.gwf.Detectors;
import org.gwreplay.gwf.Frame;
import org.gwreplay.gwf.GwfReader;
import org.gwreplay.sink.SharedDirectory;

/**
 * What the newest frames of one detector in the output hold, read back with our codec as a
 * consumer would: the last few seconds of strain, and the state-vector bits of the newest frame.
 */
record FramePreview(String detector, String newestFile, String strainChannel, double sampleRate, double gpsStart,
    double[] strain, String stateChannel, Long stateValue) {

  /** Strain seconds read for the plots (newest consecutive files). */
  static final int SECONDS = 4;

  /** The newest files of {@code detector} in {@code dir}, newest first. */
  static List<Path> newest(Path dir, String detector, int max) throws IOException {
    String site = Detectors.site(detector);
    return SharedDirectory.list(dir).stream()
        .filter(f -> !f.path().getFileName().toString().startsWith(".") && f.name().observatory().contains(site))
        .sorted(Comparator.comparingLong((SharedDirectory.FrameFile f) -> f.name().gpsStart()).reversed())
        .limit(max).map(SharedDirectory.FrameFile::path).toList();
  }

  /** Reads the newest frames; null when the detector has no file yet. */
  static FramePreview read(Path dir, String detector) throws IOException {
    List<Path> files = newest(dir, detector, SECONDS);
    if (files.isEmpty()) {
      return null;
    }
    List<Frame> frames = new ArrayList<>();
    for (Path f : files) {
      try {
        frames.addAll(0, GwfReader.read(f));
      } catch (NoSuchFileException e) {
        break; // expired by retention while we read: use what we have
      }
      if (frames.stream().mapToDouble(Frame::duration).sum() >= SECONDS) {
        break;
      }
    }
    if (frames.isEmpty()) {
      return null;
    }
    Frame newest = frames.get(frames.size() - 1);
    Channel strain = strainChannel(newest, detector);
    String strainName = strain == null ? null : strain.name();
    double rate = strain == null ? 0 : 1 / strain.data().dx();
    double start = 0;
    List<double[]> parts = new ArrayList<>();
    // Only consecutive frames: a gap would make a plot that joins across it.
    for (int i = frames.size() - 1; i >= 0 && strainName != null; i--) {
      Frame f = frames.get(i);
      Channel c = f.channels().stream().filter(ch -> ch.name().equals(strainName)).findFirst().orElse(null);
      if (c == null || (!parts.isEmpty() && Math.abs(secs(f.end()) - start) > 1e-6)) {
        break;
      }
      parts.add(0, c.data().toDoubles());
      start = secs(f.start()) + c.timeOffset();
    }
    double[] samples = parts.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
    Channel state = stateChannel(newest, detector);
    Long value = null;
    if (state != null) {
      double[] v = state.data().toDoubles();
      value = v.length == 0 ? null : (long) v[v.length - 1];
    }
    return new FramePreview(detector, files.get(0).getFileName().toString(), strainName, rate, start, samples,
        state == null ? null : state.name(), value);
  }

  /**
   * The detector's strain: among its own channels (named {@code IFO:...}, else all, for files
   * from several sites), one named like h(t), else the fastest.
   */
  static Channel strainChannel(Frame f, String detector) {
    Channel own = strainAmong(f.channels().stream().filter(c -> c.name().startsWith(detector + ":")).toList());
    return own != null ? own : strainAmong(f.channels());
  }

  private static Channel strainAmong(List<Channel> channels) {
    Channel fastest = null;
    for (Channel c : channels) {
      if (c.vectors().isEmpty() || c.data().dx() <= 0) {
        continue;
      }
      String n = c.name().toUpperCase(Locale.ROOT);
      if (n.contains("STRAIN") || n.contains("HOFT") || n.contains("HREC")) {
        return c;
      }
      if (fastest == null || c.data().dx() < fastest.data().dx()) {
        fastest = c;
      }
    }
    return fastest;
  }

  /** The state channel consumers gate on ({IFO}:GDS-CALIB_STATE_VECTOR, V1:DQ_ANALYSIS_STATE_VECTOR, ...), or null. */
  static Channel stateChannel(Frame f, String detector) {
    Channel any = null;
    for (Channel c : f.channels()) {
      String n = c.name().toUpperCase(Locale.ROOT);
      if (c.vectors().isEmpty() || (c.name().contains(":") && !c.name().startsWith(detector + ":"))) {
        continue;
      }
      if (n.endsWith("GDS-CALIB_STATE_VECTOR") || n.endsWith("DQ_ANALYSIS_STATE_VECTOR")) {
        return c;
      }
      if (n.endsWith("STATE_VECTOR") && any == null) {
        any = c;
      }
    }
    return any;
  }

  /** Names of the set bits of a state value, as the consumers read them (LIGO-T1400584 bit meanings where known). */
  static List<String> bitNames(String detector, long value) {
    List<String> out = new ArrayList<>();
    for (int b = 0; b < 32; b++) {
      if ((value & (1L << b)) != 0) {
        out.add(bitName(detector, b));
      }
    }
    return out;
  }

  static String bitName(String detector, int bit) {
    return org.gwreplay.llhoft.LlhoftBit.stateBitName(detector, bit);
  }

  /** The strain's amplitude spectral density. */
  Asd.Spectrum asd() {
    return strain.length == 0 ? null : Asd.welch(strain, sampleRate);
  }

  private static double secs(org.gwreplay.time.GpsTime t) {
    return t.seconds() + t.nanos() / 1e9;
  }
}
