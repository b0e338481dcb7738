package org.gwreplay.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.gwreplay.gwf.Detectors;
import org.gwreplay.gwf.Frame;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.gwf.Frames;
import org.gwreplay.gwf.GwfFormatException;
import org.gwreplay.gwf.GwfReader;
import org.gwreplay.gwf.GwfWriter;
import org.gwreplay.llhoft.OffFrames;
import org.gwreplay.llhoft.OffTime;
import org.gwreplay.source.SourceFile;
import org.gwreplay.time.GpsTime;
import org.gwreplay.time.Segment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one detector's archived source files into output frames, in GPS order: fetches the files
 * that cover each planned frame, decodes them, cuts (or joins) the frame out, keeps the chosen
 * channels, shifts times, and encodes the result. Time with no (or unusable) data comes out as a
 * gap with its reason; with {@code --off-time=flag}, time with no data in the source (the detector
 * off) comes out instead as a frame of zeros whose state vector says "not observing, no h(t)".
 * Blocking; run off the reader's thread.
 */
final class FrameAssembler {

  private static final Logger LOG = LoggerFactory.getLogger(FrameAssembler.class);

  private final ReplaySpec spec;
  private final String detector;
  private final FramePlan plan;
  private final Predicate<String> keep;
  private final UnaryOperator<String> rename;

  private final SourceCursor cursor;
  private final Map<FrameFileName, List<Frame>> decoded = new HashMap<>();
  private final Map<FrameFileName, String> unusable = new HashMap<>();
  /** Structures of the source that re-framing could not place, not yet reported (see {@link Frames#cutFiles}). */
  private final AtomicLong unplaced = new AtomicLong();
  /** Source files fetched, their bytes, and fetches that failed: read by the reader's thread for its metrics. */
  final java.util.concurrent.atomic.AtomicLong fetched = new java.util.concurrent.atomic.AtomicLong();
  final java.util.concurrent.atomic.AtomicLong fetchedBytes = new java.util.concurrent.atomic.AtomicLong();
  final java.util.concurrent.atomic.AtomicLong fetchFailures = new java.util.concurrent.atomic.AtomicLong();
  /** The last frame made from source data (before channel selection): the shape of flagged off frames. */
  private Frame template;
  private String templateTag;
  /** Start and end of the run of flagged off frames being made, for one log line per run. */
  private long flaggedFrom = -1;
  private long flaggedTo;

  FrameAssembler(ReplaySpec spec, String detector, long resumeFrom) {
    this.spec = spec;
    this.detector = detector;
    this.plan = new FramePlan(spec.segments(), spec.frameDuration(), spec.loopPasses(), resumeFrom);
    this.keep = channelFilter(spec.channels(), detector);
    this.rename = channelRenamer(spec.renames(), detector);
    this.cursor = new SourceCursor(spec.source(), detector, f -> {
      decoded.remove(f.name());
      unusable.remove(f.name());
    });
  }

  /** Structures that could not be placed since the last call; counted once (called from another thread). */
  long takeUnplaced() {
    return unplaced.getAndSet(0);
  }

  /** Start of the next frame to assemble (replay time), or {@link Long#MAX_VALUE} when done. */
  long position() {
    return plan.hasNext() ? plan.peek() : Long.MAX_VALUE;
  }

  /**
   * Fetches and decodes the source files of the next frame without assembling it, so that it is
   * ready when the clock starts (it is then made at once by {@link #next}). Failures are left for
   * {@link #next} to meet and report.
   */
  void warmUp() {
    if (!plan.hasNext()) {
      return;
    }
    long start = plan.peek() - plan.offset(); // the source is read in data time
    try {
      for (SourceFile f : cursor.covering(plan.segment(), start, start + spec.frameDuration())) {
        if (decode(f) == null) {
          return;
        }
      }
    } catch (RuntimeException e) {
      // next() asks again and turns the failure into a gap with its reason
    }
  }

  ReplayItem next() {
    ReplayItem item = assemble();
    if (!(item instanceof ReplayItem.Frame f && f.flaggedOff())) {
      logFlagged();
    }
    return item;
  }

  /** Logs the run of flagged off frames just ended (the summary's counters do not reach every runner). */
  private void logFlagged() {
    if (flaggedFrom >= 0) {
      LOG.warn("detector off {} {}-{} ({} s): no data in the source, written as frames flagged not observing",
          detector, flaggedFrom, flaggedTo, flaggedTo - flaggedFrom);
      flaggedFrom = -1;
    }
  }

  private ReplayItem assemble() {
    if (!plan.hasNext()) {
      return new ReplayItem.End();
    }
    Segment segment = plan.segment();
    // Items carry replay time (what the clock and windows see); the source is read in data time.
    long offset = plan.offset();
    long start = plan.next();
    long end = start + spec.frameDuration();
    try {
      List<SourceFile> chain = cursor.covering(segment, start - offset, end - offset);
      if (chain.isEmpty()) {
        return spec.offTime() == OffTime.FLAG ? flaggedOff(start, offset) : new Gap(detector, start, end, Delivery.NO_DATA);
      }
      List<List<Frame>> parts = new ArrayList<>();
      for (SourceFile f : chain) {
        List<Frame> frames = decode(f);
        if (frames == null) {
          return new Gap(detector, start, end, unusable.get(f.name()));
        }
        parts.add(frames);
      }
      return encode(parts, chain.get(0), start, offset);
    } catch (UncheckedIOException e) {
      // The catalog failed (after the source's own retries); the cursor lists afresh next time.
      return new Gap(detector, start, end, "catalog error: " + e.getCause().getMessage());
    } catch (IllegalArgumentException e) {
      return new Gap(detector, start, end, "cannot cut frame: " + e.getMessage());
    }
  }

  /** The file's frames, fetched once; null when it cannot be had (the reason is kept). */
  private List<Frame> decode(SourceFile f) {
    List<Frame> frames = decoded.get(f.name());
    if (frames != null || unusable.containsKey(f.name())) {
      return frames;
    }
    byte[] bytes;
    try {
      bytes = spec.source().fetch(f);
    } catch (IOException | RuntimeException e) {
      // Whatever went wrong with this one file, it is a gap with its reason, not the end of the replay.
      fetchFailures.incrementAndGet();
      unusable.put(f.name(), "cannot fetch " + f.name() + ": " + e.getMessage());
      return null;
    }
    fetched.incrementAndGet();
    fetchedBytes.addAndGet(bytes.length);
    try {
      frames = GwfReader.read(bytes);
      decoded.put(f.name(), frames);
      return frames;
    } catch (GwfFormatException e) {
      unusable.put(f.name(), "corrupt file " + f.name() + ": " + e.getMessage());
    } catch (RuntimeException e) {
      unusable.put(f.name(), "cannot decode " + f.name() + ": " + e.getMessage());
    }
    return null;
  }

  /** The frame at replay time {@code start}, cut from data time {@code start - offset}. */
  private ReplayItem encode(List<List<Frame>> parts, SourceFile first, long start, long offset) {
    long end = start + spec.frameDuration();
    Frames.Cut c = Frames.cutFiles(parts, GpsTime.ofSeconds(start - offset), GpsTime.ofSeconds(end - offset));
    if (!c.unplaced().isEmpty()) {
      unplaced.addAndGet(c.unplaced().size());
      LOG.warn("{} frame {}-{} (data time): {} structure(s) of the source not placed: {}", detector, start - offset,
          end - offset, c.unplaced().size(), String.join("; ", c.unplaced()));
    }
    Frame cut = c.frame();
    if (spec.synthesizeState()) {
      cut = spec.stateVectors().addTo(cut, detector); // from the science list, in data time
    }
    template = cut;
    templateTag = first.name().tag();
    return encode(cut, first.name().toString(), first.name().tag(), start, offset, false);
  }

  /** Encodes {@code frame} (data time) as the file at replay time {@code start}, {@code offset} after its data. */
  private ReplayItem encode(Frame frame, String from, String sourceTag, long start, long offset, boolean flagged) {
    long end = start + spec.frameDuration();
    Frame cut = frame.withChannels(keep, rename);
    if (cut.adcData().isEmpty() && cut.procData().isEmpty() && cut.simData().isEmpty()) {
      return new Gap(detector, start, end, "no channel matching " + spec.channels() + " in " + from);
    }
    // A later pass and the output shift both move every time in the frame, with the name.
    if (spec.outputShift() + offset != 0) {
      cut = cut.shift(spec.outputShift() + offset);
    }
    String tag = spec.outputTag().isEmpty() ? sourceTag : spec.outputTag().replace("{ifo}", detector);
    FrameFileName name = new FrameFileName(Detectors.site(detector), tag, start + spec.outputShift(), end - start);
    return new ReplayItem.Frame(new ReplayFrame(detector, name, start, GwfWriter.toBytes(List.of(cut), spec.compression())), flagged);
  }

  /** A frame flagged not observing for [start, end), which has no source data (see {@link OffFrames}). */
  private ReplayItem flaggedOff(long start, long offset) {
    long end = start + spec.frameDuration();
    if (flaggedFrom < 0 || flaggedTo != start) {
      logFlagged();
      flaggedFrom = start;
    }
    flaggedTo = end;
    Frame off = OffFrames.of(template, spec.stateVectors(), detector, start - offset, end - start);
    // The off frame has the template's shape and none of its samples, so it serves as the next
    // template: a cut frame's vectors share its source file's array, which can go now.
    template = off;
    String tag = templateTag == null ? detector + "_llhoft" : templateTag;
    return encode(off, "flagged off time", tag, start, offset, true);
  }

  static Predicate<String> channelFilter(List<String> patterns, String detector) {
    List<Pattern> compiled = new ArrayList<>();
    for (String p : patterns) {
      String glob = p.replace("{ifo}", detector);
      StringBuilder re = new StringBuilder();
      for (char c : glob.toCharArray()) {
        re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
      }
      compiled.add(Pattern.compile(re.toString()));
    }
    return name -> compiled.stream().anyMatch(p -> p.matcher(name).matches());
  }

  static UnaryOperator<String> channelRenamer(Map<String, String> renames, String detector) {
    Map<String, String> m = new HashMap<>();
    renames.forEach((k, v) -> m.put(k.replace("{ifo}", detector), v.replace("{ifo}", detector)));
    return name -> m.getOrDefault(name, name);
  }
}
