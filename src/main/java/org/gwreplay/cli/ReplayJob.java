package org.gwreplay.cli;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.gwreplay.gwf.Compression;
import org.gwreplay.gwf.Detectors;
import org.gwreplay.replay.DeliveryRule;
import org.apache.beam.sdk.values.PCollection;
import org.gwreplay.monitor.MonitorAddress;
import org.gwreplay.monitor.MonitorServer;
import org.gwreplay.llhoft.DqStyle;
import org.gwreplay.llhoft.OffTime;
import org.gwreplay.llhoft.StateVectors;
import org.gwreplay.replay.ReadFrames;
import org.gwreplay.replay.ReplayFrame;
import org.gwreplay.replay.ReleaseFrames;
import org.gwreplay.replay.ReplayFrame;
import org.gwreplay.replay.ReplayClock;
import org.gwreplay.replay.ReplayMetrics;
import org.gwreplay.replay.ReplaySpec;
import org.gwreplay.sink.SharedVolumeSink;
import org.gwreplay.status.ReplayMonitor;
import org.gwreplay.status.RunMetrics;
import org.gwreplay.source.FrameSource;
import org.gwreplay.source.FrameSources;
import org.gwreplay.time.GpsTime;
import org.gwreplay.time.SegmentList;

/** A replay as the command line describes it: options checked, spec and pipeline built. */
public final class ReplayJob {

  private final ReplayOptions options;
  private final ReplaySpec spec;
  private final Path output;
  /** Set instead of {@code output} when the replay publishes to Kafka. */
  private final KafkaOutput kafka;

  private ReplayJob(ReplayOptions options, ReplaySpec spec, Path output, KafkaOutput kafka) {
    this.options = options;
    this.spec = spec;
    this.output = output;
    this.kafka = kafka;
  }

  /** Parses and validates; bad input throws IllegalArgumentException with a one-line message. */
  public static ReplayJob fromArgs(String[] args, Instant launch) {
    ReplayOptions o;
    String[] beamArgs = ParameterFile.expand(Arguments.normalize(args));
    try {
      o = PipelineOptionsFactory.fromArgs(beamArgs).as(ReplayOptions.class);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(beamMessage(e));
    }
    RunnerDefaults.apply(o, beamArgs);
    Presets.apply(o, beamArgs);
    return fromOptions(o, launch);
  }

  public static ReplayJob fromOptions(ReplayOptions o, Instant launch) {
    List<String> detectors = detectors(o.getDetectors());
    SegmentList segments = segments(o);
    if (o.getOutput() == null || o.getOutput().isBlank()) {
      throw new IllegalArgumentException("--output is required: the directory to replay into");
    }
    KafkaOutput kafka = KafkaOutput.isKafka(o.getOutput()) ? KafkaOutput.of(o, detectors) : null;
    Path output = kafka != null ? null : Paths.get(o.getOutput()).toAbsolutePath().normalize();
    if (Boolean.TRUE.equals(o.getDryRun())) {
      // nothing is written: no output checks
    } else if (kafka != null) {
      kafka.check();
    } else {
      SharedVolumeSink.checkWritable(output);
    }
    checkTag(o.getTag(), detectors);
    FrameSource source = FrameSources.create(o.getSource(), segments.start(), o);

    long frameDuration = o.getFrameDuration();
    if (frameDuration <= 0) {
      throw new IllegalArgumentException("--frame-duration must be a positive whole number of seconds: " + frameDuration);
    }
    double speed = ReplayClock.parseSpeed(o.getSpeed());
    Duration latency = seconds("--latency", o.getLatency());
    Duration startDelay = seconds("--start-delay", RunnerDefaults.startDelay(o));
    long passes = loopPasses(o.getLoop());
    if (kafka != null && Boolean.TRUE.equals(o.getResume())) {
      kafka.resume(segments, frameDuration, passes, Boolean.TRUE.equals(o.getShiftToNow()));
    }
    Map<String, Long> positions = kafka != null ? kafka.positions()
        : Boolean.TRUE.equals(o.getResume()) ? Resume.positions(output, o.getLayout(), o.getTag(), detectors, segments,
            o.getFrameDuration(), passes, Boolean.TRUE.equals(o.getShiftToNow()))
        : Map.of();
    // A resumed clock starts after the newest frame already written, so frames re-attempted
    // before it (holes, source gaps) are due at once rather than re-walked at live pace.
    long anchor = kafka != null ? kafka.newestEnd().orElse(segments.start())
        : Boolean.TRUE.equals(o.getResume())
            ? Resume.newestEnd(output, o.getLayout(), o.getTag(), detectors, segments, frameDuration, passes).orElse(segments.start())
        : segments.start();
    GpsTime t0 = o.getAnchorGps() == null ? GpsTime.ofSeconds(anchor) : gps("--anchor-gps", o.getAnchorGps());
    Instant w0 = o.getAnchorWall() == null ? launch.plus(startDelay) : instant(o.getAnchorWall());
    long shift = 0;
    if (Boolean.TRUE.equals(o.getShiftToNow())) {
      // Whole frames, so shifted frames stay aligned; the clock then shows the shifted GPS at its real UTC.
      long target = GpsTime.fromInstant(launch.plus(startDelay)).seconds() + 1;
      shift = Math.floorDiv(target - t0.seconds() + frameDuration - 1, frameDuration) * frameDuration;
      if (o.getAnchorWall() == null) {
        w0 = t0.plusSeconds(shift).toInstant();
      }
    }
    // Unless told when, the clock starts once every detector's first frame is ready (and not before
    // the start delay), so the first frame is on time however long the lake takes to answer.
    ReplayClock clock = Double.isInfinite(speed) ? ReplayClock.unpaced()
        : o.getAnchorWall() != null ? ReplayClock.paced(t0, w0, speed, latency)
        : ReplayClock.startingWhenReady(t0, w0, speed, latency, detectors.size(),
            Boolean.TRUE.equals(o.getShiftToNow()) ? frameDuration : 0);
    if (o.getLookahead() < 0) {
      throw new IllegalArgumentException("--lookahead must not be negative: " + o.getLookahead());
    }
    if (o.getRetention() < 0) {
      throw new IllegalArgumentException("--retention must not be negative: " + o.getRetention());
    }
    if (o.getMonitor() != null && !o.getMonitor().isBlank()) {
      MonitorAddress.parse(o.getMonitor());
    }
    if (o.getHealthMaxLag() == null || o.getHealthMaxLag() <= 0) {
      throw new IllegalArgumentException("--health-max-lag must be a positive number of seconds: " + o.getHealthMaxLag());
    }
    SegmentList science = blank(o.getSynthesizeState()) ? null : scienceSegments(o.getSynthesizeState());
    StateVectors vectors = StateVectors.fromScience(science, DqStyle.parse(o.getDqStyle()));
    OffTime offTime = OffTime.parse(o.getOffTime());
    ReplaySpec spec = ReplaySpec.builder()
        .setSource(source)
        .setDetectors(detectors)
        .setSegments(segments)
        .setFrameDuration(frameDuration)
        .setClock(clock)
        .setLookaheadSeconds(o.getLookahead())
        .setShiftSeconds(shift)
        .setOutputTag(o.getTag())
        .setChannels(list(o.getChannels()))
        .setRenames(renames(o.getRename()))
        .setCompression(o.getCompression().isBlank() ? Compression.lowLatencyDefault() : compression(o.getCompression()))
        .setStartPositions(positions)
        .setLoopPasses(passes)
        .setDelivery(delivery(o))
        .setTimeSharded(kafka == null)
        .setStateVectors(vectors)
        .setSynthesizeState(science != null)
        .setOffTime(offTime)
        .build();
    SharedVolumeSink.write().withLayout(o.getLayout());
    if (o.getJobName() == null || o.getJobName().startsWith("replayjob-")) {
      o.setJobName("gwreplay-" + String.join("", detectors).toLowerCase() + "-" + segments.start() + "-" + segments.end());
    }
    return new ReplayJob(o, spec, output, kafka);
  }

  public boolean isDryRun() {
    return Boolean.TRUE.equals(options.getDryRun());
  }

  public Path output() {
    return output;
  }

  public String layout() {
    return options.getLayout();
  }

  /** The status file, or null when the user asked for none. */
  public Path statusFile() {
    String f = options.getStatusFile();
    if ((f == null || f.isBlank()) && kafka != null) {
      return null; // no directory to put it beside: only where the user asks
    }
    if (f == null || f.isBlank()) {
      return ReplayMonitor.defaultStatusFile(output);
    }
    return f.equals("none") ? null : Paths.get(f).toAbsolutePath();
  }

  /** A monitor for this replay, fed by the running pipeline's metrics when the runner reports them. */
  public ReplayMonitor monitor(Supplier<RunMetrics> metrics) {
    ReplayMonitor m = new ReplayMonitor(spec, output, options.getLayout(), statusFile(), metrics);
    return kafka == null ? m : m.arrivalsFrom(kafka.toString(), a -> kafka.watch(a, spec.frameDuration()));
  }

  public ReplaySpec spec() {
    return spec;
  }

  /** The --monitor web server over {@code monitor}'s status, or null when not asked for. */
  public MonitorServer monitorServer(ReplayMonitor monitor) {
    String at = options.getMonitor();
    if (at == null || at.isBlank()) {
      return null;
    }
    return new MonitorServer(MonitorAddress.parse(at), monitor, output, options.getLayout(), options.getHealthMaxLag());
  }

  public PipelineOptions options() {
    return options;
  }

  /**
   * Builds the pipeline: read (paced by the replay clock) -> release -> shared-volume sink. An
   * unpaced replay has nothing to wait for: its frames go straight to the sink as they are made
   * (windows would only hold them in state and cost timers), shard by shard in parallel.
   */
  public Pipeline pipeline() {
    Pipeline p = Pipeline.create(options);
    PCollection<ReplayFrame> frames = p.apply("ReadFrames", ReadFrames.of(spec));
    // A topic is read in order by consumers, and resumed at its first hole: it keeps the release step.
    if (spec.clock().isPaced() || kafka != null) {
      frames = frames.apply("ReleaseFrames", ReleaseFrames.create());
    }
    if (kafka != null) {
      frames.apply("KafkaSink", kafka.sink(spec.clock()));
      return p;
    }
    frames.apply("SharedVolumeSink", SharedVolumeSink.write()
            .to(output.toString())
            .withLayout(options.getLayout())
            .withRetentionSeconds(options.getRetention())
            .withSkipExisting(Boolean.TRUE.equals(options.getResume()))
            .withLatenessAgainst(spec.clock()));
    return p;
  }

  /**
   * Why the finished run failed to deliver, judged over all of each detector's reads (an unpaced
   * run reads a detector in several GPS shards, which cannot judge that alone); null when it did
   * not, or when the runner did not report the readers' metrics.
   */
  public String deliveryFailure(RunMetrics run) {
    Map<String, Long> c = run.counters();
    if (c.isEmpty()) {
      return null;
    }
    for (String d : spec.detectors()) {
      // Judged only from the reader's own counters: some runners (Flink) do not report a source's metrics.
      if (!c.containsKey(ReplayMetrics.framesRead(d)) && !c.containsKey(ReplayMetrics.gapSeconds(d))) {
        continue;
      }
      long planned = org.gwreplay.replay.DeliveryRule.plannedSeconds(spec, d);
      List<org.gwreplay.replay.Gap> gaps = run.gaps().getOrDefault(d, List.of());
      String reason = gaps.stream().map(org.gwreplay.replay.Gap::reason).filter(org.gwreplay.replay.Delivery::isLoss)
          .findFirst().orElse(gaps.isEmpty() ? null : gaps.get(0).reason());
      String failure = spec.delivery().afterRun(d, c.getOrDefault(ReplayMetrics.framesRead(d), 0L),
          c.getOrDefault(ReplayMetrics.lostSeconds(d), 0L), planned, reason);
      if (failure != null) {
        return failure;
      }
    }
    return null;
  }

  public String describe() {
    long frames = spec.segments().livetime() / spec.frameDuration();
    return String.format("replaying %s for %s, GPS %s (%d s, ~%d frames of %d s per detector) from %s into %s; clock: %s",
        String.join(",", spec.detectors()), spec.segments(), spec.segments(), spec.segments().livetime(), frames,
        spec.frameDuration(), spec.source().describe(), kafka != null ? kafka : output, spec.clock())
        + (spec.shiftSeconds() != 0 ? "; shifted by +" + spec.shiftSeconds() + " s" : "")
        + (!spec.loops() ? "" : spec.loopPasses() == ReplaySpec.LOOP_FOREVER
            ? "; looping forever every " + spec.loopPeriod() + " s (stop with a signal)"
            : "; looping " + spec.loopPasses() + " passes of " + spec.loopPeriod() + " s");
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
  static long loopPasses(String value) {
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
  static void checkTag(String tag, List<String> detectors) {
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

  private static List<String> list(String value) {
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

  /** Beam's own parse errors, reworded for the hyphenated command line. */
  private static String beamMessage(IllegalArgumentException e) {
    String m = String.valueOf(e.getMessage());
    java.util.regex.Matcher missing = java.util.regex.Pattern.compile("missing a property named '([^']+)'").matcher(m);
    if (missing.find()) {
      return "unknown option --" + Arguments.hyphenated(missing.group(1)) + " (see --help)";
    }
    return m.lines().findFirst().orElse(m);
  }
}
