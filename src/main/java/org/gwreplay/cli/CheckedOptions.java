package org.gwreplay.cli;

import java.math.BigDecimal;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gwreplay.gwf.Compression;
import org.gwreplay.gwf.Detectors;
import org.gwreplay.llhoft.DqStyle;
import org.gwreplay.llhoft.OffTime;
import org.gwreplay.llhoft.StateVectors;
import org.gwreplay.monitor.MonitorAddress;
import org.gwreplay.replay.DeliveryRule;
import org.gwreplay.replay.ReplayClock;
import org.gwreplay.replay.ReplaySpec;
import org.gwreplay.time.GpsTime;
import org.gwreplay.time.SegmentList;

/**
 * A replay's options, each checked once and turned into the type the replay uses, with the
 * defaults that depend on other options (the runner's start delay, the default compression).
 * Bad input throws IllegalArgumentException with a one-line message naming the option. What
 * needs the outside world (the output, the source) is checked by its own part.
 *
 * @param monitor the --monitor address, or null for no web server
 * @param science the science segments of --synthesize-state, or null to keep the source's state vectors
 */
record CheckedOptions(
    List<String> detectors,
    SegmentList segments,
    long frameDuration,
    long loopPasses,
    ReplayClock.Settings clock,
    boolean resume,
    long lookaheadSeconds,
    long retentionSeconds,
    MonitorAddress monitor,
    long healthMaxLagSeconds,
    String tag,
    List<String> channels,
    Map<String, String> renames,
    Compression compression,
    DeliveryRule delivery,
    SegmentList science,
    StateVectors stateVectors,
    OffTime offTime) {

  static CheckedOptions of(ReplayOptions o) {
    List<String> detectors = detectors(o.getDetectors());
    SegmentList segments = segments(o);
    if (o.getOutput() == null || o.getOutput().isBlank()) {
      throw new IllegalArgumentException("--output is required: the directory to replay into");
    }
    checkTag(o.getTag(), detectors);
    long frameDuration = o.getFrameDuration();
    if (frameDuration <= 0) {
      throw new IllegalArgumentException("--frame-duration must be a positive whole number of seconds: " + frameDuration);
    }
    boolean shiftToNow = Boolean.TRUE.equals(o.getShiftToNow());
    ReplayClock.Settings clock = new ReplayClock.Settings(ReplayClock.parseSpeed(o.getSpeed()),
        seconds("--latency", o.getLatency()),
        o.getAnchorGps() == null ? null : gps("--anchor-gps", o.getAnchorGps()),
        o.getAnchorWall() == null ? null : instant(o.getAnchorWall()),
        seconds("--start-delay", RunnerDefaults.startDelay(o)), shiftToNow);
    long passes = loopPasses(o.getLoop());
    boolean resume = Boolean.TRUE.equals(o.getResume());
    if (resume && shiftToNow) {
      throw new IllegalArgumentException("--resume cannot be combined with --shift-to-now (which --preset turns on): the shift"
          + " would differ from the interrupted run's; resume with --shift-to-now=false, or start the shifted replay afresh");
    }
    if (o.getLookahead() < 0) {
      throw new IllegalArgumentException("--lookahead must not be negative: " + o.getLookahead());
    }
    if (o.getRetention() < 0) {
      throw new IllegalArgumentException("--retention must not be negative: " + o.getRetention());
    }
    MonitorAddress monitor = blank(o.getMonitor()) ? null : MonitorAddress.parse(o.getMonitor());
    if (o.getHealthMaxLag() == null || o.getHealthMaxLag() <= 0) {
      throw new IllegalArgumentException("--health-max-lag must be a positive number of seconds: " + o.getHealthMaxLag());
    }
    SegmentList science = blank(o.getSynthesizeState()) ? null : scienceSegments(o.getSynthesizeState());
    StateVectors vectors = StateVectors.fromScience(science, DqStyle.parse(o.getDqStyle()));
    OffTime offTime = OffTime.parse(o.getOffTime());
    return new CheckedOptions(detectors, segments, frameDuration, passes, clock, resume, o.getLookahead(), o.getRetention(),
        monitor, o.getHealthMaxLag(), o.getTag(), list(o.getChannels()), renames(o.getRename()),
        o.getCompression().isBlank() ? Compression.lowLatencyDefault() : compression(o.getCompression()), delivery(o),
        science, vectors, offTime);
  }

  private static List<String> detectors(String value) {
    List<String> out = new ArrayList<>();
    for (String d : list(value)) {
      if (!Detectors.isKnown(d)) {
        throw new IllegalArgumentException("unknown detector '" + d + "' (known: " + String.join(", ", Detectors.known()) + ")");
      }
      if (!out.contains(d)) {
        out.add(d);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("--detectors is empty: name at least one, e.g. H1,L1,V1");
    }
    return out;
  }

  /** {@code --loop}: absent is one pass, {@code forever} (or a bare --loop) until stopped, N passes. */
  private static long loopPasses(String value) {
    if (value == null || value.trim().equalsIgnoreCase("false")) {
      return 1; // also 'loop: false' in a parameter file
    }
    String v = value.trim();
    if (v.isEmpty() || v.equalsIgnoreCase("forever") || v.equalsIgnoreCase("true")) {
      return ReplaySpec.LOOP_FOREVER;
    }
    try {
      long n = Long.parseLong(v);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--loop takes a number of passes (1 or more) or 'forever', not '" + value + "'");
  }

  private static SegmentList segments(ReplayOptions o) {
    GpsTime start = o.getGpsStart() == null ? null : gps("--gps-start", o.getGpsStart());
    GpsTime end = o.getGpsEnd() == null ? null : gps("--gps-end", o.getGpsEnd());
    if (start != null && end != null && !end.isAfter(start)) {
      throw new IllegalArgumentException("--gps-end (" + end + ") must be after --gps-start (" + start + ")");
    }
    if (o.getSegments() == null) {
      if (start == null || end == null) {
        throw new IllegalArgumentException("give --gps-start and --gps-end (or --segments=FILE)");
      }
      return SegmentList.of(start.seconds() + (start.nanos() > 0 ? 1 : 0), end.seconds());
    }
    SegmentList list = o.getSegments().strip().startsWith("[")
        ? SegmentList.parse(o.getSegments()) : SegmentList.read(Paths.get(o.getSegments()));
    if (start == null && end == null) {
      return list;
    }
    long lo = start == null ? Long.MIN_VALUE : start.seconds();
    long hi = end == null ? Long.MAX_VALUE : end.seconds();
    return list.intersect(lo, hi).orElseThrow(
        () -> new IllegalArgumentException("no segment of " + o.getSegments() + " overlaps the GPS range given"));
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  /** The science segments of --synthesize-state, a file or an inline JSON list. */
  private static SegmentList scienceSegments(String value) {
    try {
      return value.strip().startsWith("[") ? SegmentList.parse(value) : SegmentList.read(Paths.get(value));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--synthesize-state: " + e.getMessage());
    }
  }

  private static GpsTime gps(String option, String value) {
    try {
      GpsTime t = GpsTime.parse(value);
      if (t.seconds() < 0) {
        throw new IllegalArgumentException("negative");
      }
      return t;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " must be a GPS time in seconds (e.g. 1238166018), not '" + value + "'");
    }
  }

  private static Duration seconds(String option, String value) {
    try {
      BigDecimal s = new BigDecimal(value.trim());
      if (s.signum() < 0) {
        throw new NumberFormatException();
      }
      return Duration.ofNanos(s.movePointRight(9).longValueExact());
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(option + " must be a non-negative number of seconds, not '" + value + "'");
    }
  }

  private static Instant instant(String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--anchor-wall must be an ISO-8601 UTC time such as 2026-11-25T12:00:00Z, not '" + value + "'");
    }
  }

  /**
   * Names are OBS-TAG-GPSSTART-DURATION.gwf, four fields split at '-', which consumers parse so
   * (DevShmSource needs exactly four): a tag holding '-', as given or once {ifo} is replaced,
   * would make names they cannot read.
   */
  private static void checkTag(String tag, List<String> detectors) {
    if (tag == null || tag.isEmpty()) {
      return;
    }
    for (String d : detectors) {
      String expanded = tag.replace("{ifo}", d);
      if (!expanded.matches("[A-Za-z0-9_.+]+")) { // as FrameFileName allows
        String example = expanded.replaceAll("[^A-Za-z0-9_.+]", "_");
        throw new IllegalArgumentException("--tag '" + tag + "'" + (expanded.equals(tag) ? "" : " (" + expanded + " for " + d + ")")
            + " may hold only letters, digits, '_', '.' and '+': file names are OBS-TAG-GPSSTART-DURATION.gwf with exactly four"
            + " '-' fields (try --tag=" + example + ")");
      }
    }
  }

  private static DeliveryRule delivery(ReplayOptions o) {
    double share;
    try {
      share = Double.parseDouble(o.getMaxMissing().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--max-missing must be a share between 0 and 1 (e.g. 0.1 for 10%), not '" + o.getMaxMissing() + "'");
    }
    return new DeliveryRule(Boolean.TRUE.equals(o.getAllowGaps()), share);
  }

  private static Compression compression(String value) {
    try {
      return Compression.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--compression: " + e.getMessage());
    }
  }

  /** A comma-separated option as its trimmed, non-empty items. */
  static List<String> list(String value) {
    return Arrays.stream(value == null ? new String[0] : value.split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static Map<String, String> renames(String value) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String pair : list(value)) {
      String[] p = pair.split("=", 2);
      if (p.length != 2 || p[0].isBlank() || p[1].isBlank()) {
        throw new IllegalArgumentException("--rename takes OLD=NEW pairs, not '" + pair + "'");
      }
      m.put(p[0].trim(), p[1].trim());
    }
    return m;
  }
}
