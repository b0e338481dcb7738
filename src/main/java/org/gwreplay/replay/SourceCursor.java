package org.gwreplay.replay;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.gwreplay.source.FrameSource;
import org.gwreplay.source.SourceFile;
import org.gwreplay.time.Segment;

/**
 * Walks one detector's source files alongside the frame plan: for each planned frame, the files
 * that together cover it, asking the source's lazy listing only for what the next frame needs and
 * forgetting files once frames have moved past them. Memory is bounded by the files overlapping
 * one frame, whatever the length of the replay.
 */
final class SourceCursor {

  private final FrameSource source;
  private final String detector;
  private final Consumer<SourceFile> onDrop;
  private Segment segment;
  private Iterator<SourceFile> files;
  private SourceFile next;
  /** Start of the last frame asked for; a frame before it begins a new pass of a loop. */
  private long lastStart = Long.MIN_VALUE;
  /** Files that may still cover upcoming frames, in GPS order. */
  private final List<SourceFile> pending = new ArrayList<>();

  /** @param onDrop told of each file that no later frame needs (to free what was kept for it) */
  SourceCursor(FrameSource source, String detector, Consumer<SourceFile> onDrop) {
    this.source = source;
    this.detector = detector;
    this.onDrop = onDrop;
  }

  /**
   * The files that cover [start, end) one after another, or an empty list when some of it has no
   * data. Frames must be asked for in GPS order; a frame before the previous one starts a new pass
   * of a looping replay, and the walk starts afresh (files kept for the old pass are let go). A catalog failure surfaces as the source's
   * {@link java.io.UncheckedIOException} when the files listed before it do not cover the frame;
   * the listing then restarts at the next frame that needs more files.
   */
  List<SourceFile> covering(Segment inSegment, long start, long end) {
    if (start < lastStart) {
      pending.forEach(onDrop);
      pending.clear();
      files = null;
      segment = null;
      next = null;
    }
    lastStart = start;
    pending.removeIf(f -> {
      boolean done = f.gpsEnd() <= start;
      if (done) {
        onDrop.accept(f);
      }
      return done;
    });
    if (files == null && inSegment.equals(segment)) {
      // The listing failed at an earlier frame: ask the catalog again only when a frame needs
      // more than the files already known, so an outage does not cost frames whose data is here.
      List<SourceFile> known = chain(start, end);
      if (!known.isEmpty()) {
        return known;
      }
    }
    if (files == null || !inSegment.equals(segment)) {
      segment = inSegment;
      files = source.files(detector, start, inSegment.end());
      next = null;
    }
    try {
      while (true) {
        if (next == null && files.hasNext()) {
          next = files.next();
        }
        if (next == null || next.gpsStart() >= end) {
          break;
        }
        // A listing restarted after a failure names again files already pending.
        if (next.gpsEnd() > start && !pending.contains(next)) {
          pending.add(next);
        }
        next = null;
      }
    } catch (RuntimeException e) {
      files = null; // the listing restarts at the next frame asked for
      // The catalog failed while looking past this frame's files (the listing reads one file
      // ahead, which may mean the next chunk). When the files already listed cover the frame,
      // a file listed later could only repeat time they hold: the frame is not lost to it.
      List<SourceFile> known = chain(start, end);
      if (!known.isEmpty()) {
        return known;
      }
      throw e;
    }
    return chain(start, end);
  }

  /** Pending files that cover [start, end) one after another, or an empty list when they leave a hole. */
  private List<SourceFile> chain(long start, long end) {
    List<SourceFile> chain = new ArrayList<>();
    long covered = start;
    while (covered < end) {
      SourceFile best = null;
      for (SourceFile f : pending) {
        if (f.gpsStart() <= covered && f.gpsEnd() > covered && (best == null || f.gpsEnd() > best.gpsEnd())) {
          best = f;
        }
      }
      if (best == null) {
        return List.of();
      }
      chain.add(best);
      covered = best.gpsEnd();
    }
    return chain;
  }
}
