package org.gwreplay.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.gwreplay.gwf.Detectors;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.replay.ReplayPlan;
import org.gwreplay.sink.SharedVolumeSink;
import org.gwreplay.time.SegmentList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an interrupted replay continues: for each detector, the first planned frame missing from
 * its output directory after the oldest one there (older ones were written and expired). Files
 * there are complete by construction (they appear by rename). Frames may have been written out
 * of order, so later ones can exist already: the resumed sink leaves those as they are.
 */
final class Resume {

  private static final Logger LOG = LoggerFactory.getLogger(Resume.class);

  private Resume() {}

  static Map<String, Long> positions(Path output, String layout, String tag, List<String> detectors,
      SegmentList segments, long frameDuration, long passes, boolean shifted) {
    if (shifted) {
      throw new IllegalArgumentException("--resume cannot be combined with --shift-to-now (which --preset turns on): the shift"
          + " would differ from the interrupted run's; resume with --shift-to-now=false, or start the shifted replay afresh");
    }
    Map<String, Long> positions = new LinkedHashMap<>();
    for (String d : detectors) {
      Path dir = SharedVolumeSink.directoryFor(output, layout, d);
      NavigableSet<Long> present = new TreeSet<>();
      for (FrameFileName n : framesOf(dir, d, tag, segments, ReplayPlan.replayEnd(segments, frameDuration, passes))) {
        if (n.duration() == frameDuration) {
          present.add(n.gpsStart());
        }
      }
      // A loop's files are named in replay time, which counts passes: the walk goes on across them.
      long next = ReplayPlan.firstMissing(segments, frameDuration, passes, present);
      long end = ReplayPlan.replayEnd(segments, frameDuration, passes);
      if (next == Long.MIN_VALUE) {
        LOG.info("resume: no frames of {} in {} yet; starting at the beginning", d, dir);
      } else if (next >= end) {
        LOG.info("resume: {} is already complete", d);
        positions.put(d, end);
      } else {
        LOG.info("resume: {} continues at GPS {}", d, next);
        positions.put(d, next);
      }
    }
    return positions;
  }

  /** The end of the newest frame of this replay already in the output, over all detectors. */
  static java.util.OptionalLong newestEnd(Path output, String layout, String tag, List<String> detectors, SegmentList segments,
      long frameDuration, long passes) {
    long end = ReplayPlan.replayEnd(segments, frameDuration, passes);
    return detectors.stream()
        .flatMap(d -> framesOf(SharedVolumeSink.directoryFor(output, layout, d), d, tag, segments, end).stream())
        .mapToLong(FrameFileName::gpsEnd)
        .max();
  }

  /**
   * The frame files in {@code dir} that this replay could have written: the detector's site, inside
   * the segments (or the later passes of a loop, up to {@code end}), and the output tag when one is
   * set (other streams may share the directory).
   */
  private static List<FrameFileName> framesOf(Path dir, String detector, String tag, SegmentList segments, long end) {
    List<FrameFileName> frames = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return frames;
    }
    String wantedTag = tag == null || tag.isEmpty() ? null : tag.replace("{ifo}", detector);
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.gwf")) {
      for (Path p : ds) {
        FrameFileName n = FrameFileName.tryParse(p.getFileName().toString());
        if (n != null && n.observatory().equals(Detectors.site(detector)) && (wantedTag == null || n.tag().equals(wantedTag))
            && n.gpsStart() >= segments.start() && n.gpsEnd() <= end) {
          frames.add(n);
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + dir + " to resume: " + e.getMessage());
    }
    return frames;
  }
}
