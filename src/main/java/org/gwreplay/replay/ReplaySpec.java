package org.gwreplay.replay;

import com.google.auto.value.AutoValue;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.gwreplay.gwf.Compression;
import org.gwreplay.gwf.Detectors;
import org.gwreplay.llhoft.OffTime;
import org.gwreplay.llhoft.StateVectors;
import org.gwreplay.source.FrameSource;
import org.gwreplay.time.SegmentList;

/**
 * What to replay and how: detectors, segments, frame duration, the replay clock, and how frames
 * are re-made on the way (channels, renames, shift, compression). Validated when built.
 */
@AutoValue
public abstract class ReplaySpec implements Serializable {

  /** Channels kept by default: the detector's own. */
  public static final String DEFAULT_CHANNELS = "{ifo}:*";

  public abstract FrameSource source();

  public abstract List<String> detectors();

  public abstract SegmentList segments();

  /** Output frame duration in seconds; independent of the source files' duration. */
  public abstract long frameDuration();

  public abstract ReplayClock clock();

  /** How far ahead of the replay clock frames are fetched and prepared, in seconds of data. */
  public abstract long lookaheadSeconds();

  /** Whole seconds added to every GPS time in the output files and names (shift-to-now). */
  public abstract long shiftSeconds();

  /**
   * The shift the output files get: {@link #shiftSeconds} plus the whole frames a clock that
   * starts when ready added by starting late (shift-to-now keeps names on the true GPS time).
   */
  public long outputShift() {
    return shiftSeconds() + clock().extraShiftSeconds();
  }

  /** Output tag ({@code {ifo}} replaced); empty keeps the source file's tag. */
  public abstract String outputTag();

  /** Channel name patterns to keep ({@code *} wildcard, {@code {ifo}} replaced). */
  public abstract List<String> channels();

  /** Channel renames, old name to new name ({@code {ifo}} replaced in both). */
  public abstract Map<String, String> renames();

  public abstract Compression compression();

  /**
   * Whether an unpaced replay may be cut into GPS shards read in parallel ({@link TimeShards}); off
   * for outputs that must receive each detector's frames in GPS order (a Kafka topic).
   */
  public abstract boolean timeSharded();

  /** Where each detector's read starts (replay time) when not at the first segment's start (a resumed replay). */
  public abstract Map<String, Long> startPositions();

  /**
   * How many times the segment list is replayed: 1 (the default), N, or {@link #LOOP_FOREVER}.
   * Pass k's frames come out at their data times plus {@code k * loopPeriod()} (and the shift).
   */
  public abstract long loopPasses();

  /** Passes of a loop that runs until the job is stopped. */
  public static final long LOOP_FOREVER = FramePlan.FOREVER;

  public boolean loops() {
    return loopPasses() != 1;
  }

  /** The length of one pass in seconds: the segment list's span rounded inwards to whole frames. */
  public long loopPeriod() {
    return FramePlan.period(segments(), frameDuration());
  }

  /**
   * The replay time (before the shift) at which the last pass ends; the segment list's end for
   * a single pass, Long.MAX_VALUE for a loop that never ends.
   */
  public long replayEnd() {
    return FramePlan.end(segments(), frameDuration(), loopPasses());
  }


  /** When missing frames fail the run; lenient unless set (the command line sets it). */
  public abstract DeliveryRule delivery();

  /** How state and DQ vectors are made: for frames without them (when asked), and for flagged off time. */
  public abstract StateVectors stateVectors();

  /** Whether frames that carry no state or DQ vector get them from {@link #stateVectors()}. */
  public abstract boolean synthesizeState();

  /** What time with no data in the source becomes: no files, or files flagged not observing. */
  public abstract OffTime offTime();

  /** The replay time (the data's own GPS time in the first pass) from which {@code detector}'s frames are read. */
  public long startPosition(String detector) {
    return startPositions().getOrDefault(detector, segments().start());
  }

  public abstract Builder toBuilder();

  public static Builder builder() {
    return new AutoValue_ReplaySpec.Builder()
        .setFrameDuration(1)
        .setClock(ReplayClock.unpaced())
        .setLookaheadSeconds(30)
        .setShiftSeconds(0)
        .setOutputTag("")
        .setChannels(List.of(DEFAULT_CHANNELS))
        .setRenames(Map.of())
        .setCompression(Compression.lowLatencyDefault())
        .setStartPositions(Map.of())
        .setLoopPasses(1)
        .setDelivery(DeliveryRule.LENIENT)
        .setTimeSharded(true)
        .setStateVectors(StateVectors.fromScience(null, Map.of()))
        .setSynthesizeState(false)
        .setOffTime(OffTime.GAP);
  }

  @AutoValue.Builder
  public abstract static class Builder {
    public abstract Builder setSource(FrameSource source);

    public abstract Builder setDetectors(List<String> detectors);

    public abstract Builder setSegments(SegmentList segments);

    public abstract Builder setFrameDuration(long seconds);

    public abstract Builder setClock(ReplayClock clock);

    public abstract Builder setLookaheadSeconds(long seconds);

    public abstract Builder setShiftSeconds(long seconds);

    public abstract Builder setOutputTag(String tag);

    public abstract Builder setChannels(List<String> patterns);

    public abstract Builder setRenames(Map<String, String> renames);

    public abstract Builder setCompression(Compression compression);

    public abstract Builder setStartPositions(Map<String, Long> positions);

    public abstract Builder setLoopPasses(long passes);

    public abstract Builder setDelivery(DeliveryRule rule);

    public abstract Builder setTimeSharded(boolean sharded);

    public abstract Builder setStateVectors(StateVectors vectors);

    public abstract Builder setSynthesizeState(boolean synthesize);

    public abstract Builder setOffTime(OffTime offTime);

    abstract ReplaySpec autoBuild();

    public ReplaySpec build() {
      ReplaySpec s = autoBuild();
      if (s.detectors().isEmpty()) {
        throw new IllegalArgumentException("no detectors given");
      }
      s.detectors().forEach(Detectors::site);
      if (s.frameDuration() <= 0) {
        throw new IllegalArgumentException("frame duration must be a positive number of seconds: " + s.frameDuration());
      }
      if (s.loopPasses() < 1) {
        throw new IllegalArgumentException("a loop makes at least one pass: " + s.loopPasses());
      }
      if (s.lookaheadSeconds() < 0) {
        throw new IllegalArgumentException("lookahead must not be negative: " + s.lookaheadSeconds());
      }
      if (!s.outputTag().isEmpty() && !s.outputTag().replace("{ifo}", "H1").matches("[A-Za-z0-9_.+]+")) {
        throw new IllegalArgumentException("tag must be letters, digits, '_', '.' or '+' (no hyphen): '" + s.outputTag() + "'");
      }
      if (s.segments().alignedInwards(s.frameDuration()).isEmpty()) {
        throw new IllegalArgumentException("no whole " + s.frameDuration() + "-s frame fits in " + s.segments()
            + " (frames are aligned to multiples of the frame duration)");
      }
      return s;
    }
  }

  /** A copy of this spec for one detector, as used by each split of the read. */
  ReplaySpec forDetector(String detector) {
    return toBuilder().setDetectors(List.of(detector)).setSource(source().forDetector(detector)).build();
  }
}
