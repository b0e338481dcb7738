package org.gwreplay.cli;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.gwreplay.kafka.KafkaSettings;
import org.gwreplay.kafka.KafkaTarget;
import org.gwreplay.kafka.KafkaUrl;
import org.gwreplay.monitor.MonitorServer;
import org.gwreplay.replay.Replay;
import org.gwreplay.replay.ReplayClock;
import org.gwreplay.replay.ReplayMetrics;
import org.gwreplay.replay.ReplaySpec;
import org.gwreplay.sink.DirectoryTarget;
import org.gwreplay.replay.ReplayTarget;
import org.gwreplay.replay.ResumePoint;
import org.gwreplay.sink.SharedDirectory;
import org.gwreplay.source.FrameSources;
import org.gwreplay.status.ReplayMonitor;
import org.gwreplay.status.RunMetrics;

/** A replay as the command line describes it: options checked, then its spec and target, then its pipeline. */
public final class ReplayJob {

  private final ReplayOptions options;
  private final CheckedOptions checked;
  private final ReplaySpec spec;
  private final ReplayTarget target;

  private ReplayJob(ReplayOptions options, CheckedOptions checked, ReplaySpec spec, ReplayTarget target) {
    this.options = options;
    this.checked = checked;
    this.spec = spec;
    this.target = target;
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
    CheckedOptions c = CheckedOptions.of(o);
    ReplayTarget target = KafkaUrl.isKafka(o.getOutput())
        ? KafkaTarget.of(KafkaUrl.parse(o.getOutput()), KafkaSettings.of(o.getKafkaConfig(), o.getKafkaProperty()),
            o.getKafkaPartBytes(), c.detectors())
        : new DirectoryTarget(SharedDirectory.of(Paths.get(o.getOutput()), o.getLayout()), c.retentionSeconds());
    if (!Boolean.TRUE.equals(o.getDryRun())) { // nothing is written: no output checks
      target.check();
    }
    ResumePoint resumed = c.resume()
        ? target.resume(c.detectors(), c.tag(), c.segments(), c.frameDuration(), c.loopPasses()) : ResumePoint.NONE;
    // A resumed clock starts after the newest frame already written, so frames re-attempted
    // before it (holes, source gaps) are due at once rather than re-walked at live pace.
    ReplayClock.Anchored clock = c.clock().anchor(resumed.newestEnd().orElse(c.segments().start()), launch,
        c.frameDuration(), c.detectors().size());
    ReplaySpec spec = ReplaySpec.builder()
        .setSource(FrameSources.create(o.getSource(), c.segments().start(), o))
        .setDetectors(c.detectors())
        .setSegments(c.segments())
        .setFrameDuration(c.frameDuration())
        .setClock(clock.clock())
        .setLookaheadSeconds(c.lookaheadSeconds())
        .setShiftSeconds(clock.shiftSeconds())
        .setOutputTag(c.tag())
        .setChannels(c.channels())
        .setRenames(c.renames())
        .setCompression(c.compression())
        .setStartPositions(resumed.positions())
        .setLoopPasses(c.loopPasses())
        .setDelivery(c.delivery())
        .setTimeSharded(target.allowsTimeSharding())
        .setStateVectors(c.stateVectors())
        .setSynthesizeState(c.science() != null)
        .setOffTime(c.offTime())
        .build();
    if (o.getJobName() == null || o.getJobName().startsWith("replayjob-")) {
      o.setJobName("gwreplay-" + String.join("", c.detectors()).toLowerCase() + "-" + c.segments().start() + "-" + c.segments().end());
    }
    return new ReplayJob(o, c, spec, target);
  }

  public boolean isDryRun() {
    return Boolean.TRUE.equals(options.getDryRun());
  }

  /** The shared directory replayed into, or null when the target is not one (Kafka). */
  public SharedDirectory directory() {
    return target instanceof DirectoryTarget d ? d.directory() : null;
  }

  /** The status file: where --status-file says, else the target's default (none for Kafka); null for none. */
  public Path statusFile() {
    String f = options.getStatusFile();
    if (f == null || f.isBlank()) {
      return target.defaultStatusFile();
    }
    return f.equals("none") ? null : Paths.get(f).toAbsolutePath();
  }

  /** A monitor for this replay, fed by the running pipeline's metrics when the runner reports them. */
  public ReplayMonitor monitor(Supplier<RunMetrics> metrics) {
    return new ReplayMonitor(spec, target.toString(), target, statusFile(), metrics);
  }

  public ReplaySpec spec() {
    return spec;
  }

  /** The --monitor web server over {@code monitor}'s status, or null when not asked for. */
  public MonitorServer monitorServer(ReplayMonitor monitor) {
    return checked.monitor() == null ? null
        : new MonitorServer(checked.monitor(), monitor, directory(), checked.healthMaxLagSeconds());
  }

  public PipelineOptions options() {
    return options;
  }

  /** Builds the pipeline: read (paced by the replay clock) -> release when the target needs it -> the target's sink. */
  public Pipeline pipeline() {
    return Replay.of(spec).to(target).pipeline(options);
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
    return String.format("replaying %s for GPS %s (%d s, ~%d frames of %d s per detector) from %s into %s; clock: %s",
        String.join(",", spec.detectors()), spec.segments(), spec.segments().livetime(), frames,
        spec.frameDuration(), spec.source().describe(), target, spec.clock())
        + (spec.shiftSeconds() != 0 ? "; shifted by +" + spec.shiftSeconds() + " s" : "")
        + (!spec.loops() ? "" : spec.loopPasses() == ReplaySpec.LOOP_FOREVER
            ? "; looping forever every " + spec.loopPeriod() + " s (stop with a signal)"
            : "; looping " + spec.loopPasses() + " passes of " + spec.loopPeriod() + " s");
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
