package org.gwreplay.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.gwreplay.gwf.Detectors;
import org.gwreplay.gwf.Frame;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.gwf.GwfFormatException;
import org.gwreplay.gwf.GwfReader;
import org.gwreplay.sink.AtomicFiles;
import org.gwreplay.sink.SharedDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving end, as kafka2frame: frames read back from each detector's topic, checked with our
 * codec (structure and file checksums, GPS time against the event id), written whole into the
 * shared volume ({@code OUTPUT/<layout>/OBS-TAG-GPS-DUR.gwf}, by rename) and expired after the
 * retention span. Every frame that cannot be written is counted and logged as lost, with why;
 * frames that come after a newer one, or long after the broker took them, are counted late.
 */
public final class FrameConsumer implements FrameStream.Listener {

  private static final Logger LOG = LoggerFactory.getLogger(FrameConsumer.class);

  /** Per-topic counts, as the summary shows them. */
  public static final class Counts {
    public long written;
    public long bytes;
    public long late;
    public long duplicates;
    /** Messages that were not frame parts, frames given up incomplete, frames that failed the checks. */
    public long lost;
    long newestEnd = Long.MIN_VALUE;
    /** GPS start -> duration of the frames written (the newest 100 000), to find the ones never seen. */
    final java.util.TreeMap<Long, Long> spans = new java.util.TreeMap<>();

    /** Frames never seen between the oldest and the newest written one (a producer gap, or lost on the way). */
    public long missing() {
      long n = 0;
      Map.Entry<Long, Long> prev = null;
      for (Map.Entry<Long, Long> e : spans.entrySet()) {
        if (prev != null && e.getKey() > prev.getKey() + prev.getValue()) {
          n += (e.getKey() - prev.getKey() - prev.getValue()) / prev.getValue();
        }
        prev = e;
      }
      return n;
    }
    final java.util.Set<Long> seen = Collections.newSetFromMap(new java.util.LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, Boolean> e) {
        return size() > 100_000;
      }
    });
    final List<Long> transitMs = new ArrayList<>();
  }

  private final Map<String, String> detectorOf;
  private final Path output;
  private final String layout;
  private final String tagPattern;
  private final long retention;
  private final long lateAfterMs;
  private final Map<String, Counts> counts = new LinkedHashMap<>();

  /**
   * @param topics detector -> topic
   * @param tagPattern the file names' tag, {ifo} allowed (kafka2frame's per-topic tag)
   */
  public FrameConsumer(Map<String, String> topics, Path output, String layout, String tagPattern, long retention, long lateAfterMs) {
    this.detectorOf = new LinkedHashMap<>();
    topics.forEach((d, t) -> detectorOf.put(t, d));
    this.output = output;
    this.layout = layout;
    this.tagPattern = tagPattern;
    this.retention = retention;
    this.lateAfterMs = lateAfterMs;
    topics.values().forEach(t -> counts.put(t, new Counts()));
  }

  /** Reads until {@code stop} says so; the stream is closed at the end and leftovers reported. */
  public void run(FrameStream stream, BooleanSupplier stop) {
    try {
      while (!stop.getAsBoolean() && stream.poll(Duration.ofMillis(200))) {
        // each poll calls back
      }
      stream.finish();
    } finally {
      stream.closeNow();
    }
  }

  public Map<String, Counts> counts() {
    return counts;
  }

  public long totalWritten() {
    synchronized (counts) {
      return counts.values().stream().mapToLong(c -> c.written).sum();
    }
  }

  @Override
  public void frame(String topic, PartAssembler.Frame f, long brokerTime) {
    String detector = detectorOf.get(topic);
    Counts c = counts.get(topic);
    String problem;
    FrameFileName name = null;
    try {
      List<Frame> frames = GwfReader.read(f.bytes());
      if (frames.isEmpty()) {
        throw new GwfFormatException("FrameH", 0, "the file holds no frame");
      }
      Frame first = frames.get(0);
      long start = first.start().seconds();
      double seconds = (frames.get(frames.size() - 1).end().totalNanos() - first.start().totalNanos()) / 1e9;
      long dur = Math.round(seconds);
      if (first.start().nanos() != 0 || Math.abs(seconds - dur) > 1e-6 || dur <= 0) {
        problem = "the frame spans GPS " + first.start() + " + " + seconds + " s, not whole seconds";
      } else if (start != f.evtId()) {
        problem = "evt_id says GPS " + f.evtId() + " but the frame starts at " + start;
      } else {
        name = new FrameFileName(Detectors.site(detector), tagPattern.replace("{ifo}", detector).replace("{IFO}", detector), start, dur);
        problem = null;
      }
    } catch (GwfFormatException e) {
      problem = "not a valid frame file: " + e.getMessage();
    } catch (RuntimeException e) {
      problem = "cannot read the frame: " + e;
    }
    synchronized (counts) {
      if (problem != null) {
        c.lost++;
        LOG.warn("{}: frame at GPS {} lost: {}", topic, f.evtId(), problem);
        return;
      }
      if (!c.seen.add(name.gpsStart())) {
        c.duplicates++;
        LOG.info("{}: {} came again (a restarted producer); kept the first", topic, name);
        return;
      }
    }
    Path dir = SharedDirectory.directoryFor(output, layout, detector);
    Path target = dir.resolve(name.toString());
    try {
      Files.createDirectories(dir);
      AtomicFiles.write(target, f.bytes());
      if (retention > 0) {
        SharedDirectory.expire(dir, name, retention);
      }
    } catch (IOException e) {
      // The volume is full or gone: that is the consumer failing, not a frame lost in transit.
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
    long transit = System.currentTimeMillis() - brokerTime;
    synchronized (counts) {
      c.written++;
      c.spans.put(name.gpsStart(), name.duration());
      if (c.spans.size() > 100_000) {
        c.spans.pollFirstEntry();
      }
      c.bytes += f.bytes().length;
      if (c.transitMs.size() < 1_000_000) {
        c.transitMs.add(transit);
      }
      boolean outOfOrder = c.newestEnd != Long.MIN_VALUE && name.gpsEnd() <= c.newestEnd;
      if (outOfOrder || transit > lateAfterMs) {
        c.late++;
        LOG.warn("{}: {} is late ({})", topic, name, outOfOrder ? "a newer frame was written before it" : transit + " ms after the broker took it");
      }
      if (c.newestEnd != Long.MIN_VALUE && name.gpsStart() > c.newestEnd) {
        // Counted missing in the summary unless it comes later (then it is counted late).
        LOG.info("{}: nothing yet for GPS {}-{}", topic, c.newestEnd, name.gpsStart());
      }
      c.newestEnd = Math.max(c.newestEnd, name.gpsEnd());
    }
    LOG.debug("wrote {}", target);
  }

  @Override
  public void notAPart(String topic, long offset, String reason) {
    synchronized (counts) {
      counts.get(topic).lost++;
    }
    LOG.warn("{} offset {}: not a frame part, skipped and counted lost: {}", topic, offset, reason);
  }

  @Override
  public void incomplete(String topic, PartAssembler.Incomplete i) {
    synchronized (counts) {
      counts.get(topic).lost++;
    }
    LOG.warn("{}: frame at GPS {} lost: only {} of its {} parts came (part_id {})", topic, i.evtId(), i.received(), i.total(), i.partId());
  }

  /** One line per topic: what was written, late, lost, missing, and the broker-to-file time. */
  public String summary() {
    StringBuilder b = new StringBuilder();
    synchronized (counts) {
      for (Map.Entry<String, Counts> e : counts.entrySet()) {
        Counts c = e.getValue();
        List<Long> t = new ArrayList<>(c.transitMs);
        Collections.sort(t);
        b.append(String.format("%s (%s): %d frames written (%d bytes), %d late, %d lost, %d missing, %d duplicates; broker to file p50/p99/max %d/%d/%d ms%n",
            e.getKey(), detectorOf.get(e.getKey()), c.written, c.bytes, c.late, c.lost, c.missing(), c.duplicates,
            pct(t, 0.5), pct(t, 0.99), t.isEmpty() ? 0 : t.get(t.size() - 1)));
      }
    }
    return b.toString();
  }

  private static long pct(List<Long> sorted, double q) {
    return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.max(0, Math.ceil(q * sorted.size()) - 1)));
  }
}
