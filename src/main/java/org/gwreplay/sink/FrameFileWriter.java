package org.gwreplay.sink;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.replay.ReplayClock;
import org.gwreplay.replay.ReplayFrame;
import org.gwreplay.replay.ReplayMetrics;
import org.gwreplay.time.GpsTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one frame's file into its detector's directory below the output, counts it, and turns the
 * retention ring: what both of the sink's DoFns do with a frame once they have chosen to write it.
 *
 * <p>Its own small object, and the DoFns' only field besides their state specs, because the direct
 * runner serialises and deserialises a ParDo's DoFn twice for every bundle (ten frames of an unpaced
 * replay: {@code ParDoEvaluatorFactory.forApplication} translating the step to its proto); the
 * counters are static for the same reason.
 */
final class FrameFileWriter implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final Logger LOG = LoggerFactory.getLogger(SharedVolumeSink.class);
  private static final Counter WRITTEN = Metrics.counter(SharedVolumeSink.class, ReplayMetrics.FILES_WRITTEN);
  private static final Counter BYTES = Metrics.counter(SharedVolumeSink.class, ReplayMetrics.BYTES_WRITTEN);
  private static final Counter EXPIRED = Metrics.counter(SharedVolumeSink.class, ReplayMetrics.FILES_EXPIRED);

  private final String output;
  private final String layout;
  private final long retentionSeconds;
  private final boolean skipExisting;
  /** Paced replays' clock, to measure each file's lateness against; null for none. */
  private final ReplayClock clock;

  FrameFileWriter(String output, String layout, long retentionSeconds, boolean skipExisting, ReplayClock clock) {
    this.output = output;
    this.layout = layout;
    this.retentionSeconds = retentionSeconds;
    this.skipExisting = skipExisting;
    this.clock = clock;
  }

  String output() {
    return output;
  }

  /**
   * Directories written into by this process, to tell a first creation from a removal: shared by
   * the DoFn's instances, since the runner hands frames of one directory to any of them.
   */
  private static final Set<Path> MADE = ConcurrentHashMap.newKeySet();

  /**
   * Creates the detector's directory when it is missing. When it existed earlier in this run, an
   * operator (or a cleanup job) removed it: it is made again, with a warning, and the replay goes
   * on; the files that were in it are gone, the ones still to come are not lost.
   */
  private void ensureDirectory(Path dir, ReplayFrame frame) throws IOException {
    if (!Files.isDirectory(dir)) {
      if (MADE.contains(dir)) {
        LOG.warn("{} was removed during the replay; made it again, writing on from {}", dir, frame.name());
      }
      SharedDirectory.createDirectory(dir);
      AtomicFiles.removeStaleTemps(dir);
    }
    MADE.add(dir);
  }

  void write(ReplayFrame frame) throws IOException {
    write(frame, null);
  }

  /**
   * Writes a frame's file, visible at once, or with {@code batch} when the batch commits (the
   * metrics count it now: a batch that fails to commit fails the run).
   */
  void write(ReplayFrame frame, AtomicFiles.Batch batch) throws IOException {
    Path dir = SharedDirectory.directoryFor(Paths.get(output), layout, frame.detector());
    ensureDirectory(dir, frame);
    // The name was built by our codec from a parsed FrameFileName: it is a bare file name.
    Path target = dir.resolve(frame.name().toString());
    if (skipExisting && Files.exists(target)) {
      return;
    }
    try {
      try {
        put(target, frame.gwf(), batch);
      } catch (NoSuchFileException e) {
        // The directory vanished between the check and the write: make it again, write once more.
        ensureDirectory(dir, frame);
        put(target, frame.gwf(), batch);
      }
    } catch (IOException e) {
      // A full disk or a read-only volume: say which file and why, once, and stop the replay;
      // nothing partial is left behind (the temporary file is removed), so --resume can follow.
      throw new IOException("cannot write " + target + ": " + reason(e));
    }
    WRITTEN.inc();
    BYTES.inc(frame.gwf().length);
    Metrics.counter(ReplayMetrics.NAMESPACE, ReplayMetrics.filesWritten(frame.detector())).inc();
    Metrics.counter(ReplayMetrics.NAMESPACE, ReplayMetrics.bytesWritten(frame.detector())).inc(frame.gwf().length);
    Metrics.distribution(ReplayMetrics.NAMESPACE, ReplayMetrics.gpsWritten(frame.detector())).update(frame.name().gpsEnd());
    if (clock != null) {
      long late = java.time.Duration.between(clock.releaseTime(GpsTime.ofSeconds(frame.dataEnd())), java.time.Instant.now()).toMillis();
      Metrics.distribution(ReplayMetrics.NAMESPACE, ReplayMetrics.latenessMs(frame.detector())).update(late);
    }
    LOG.debug("wrote {}", target);
    if (batch == null) {
      expire(dir, frame.name());
    }
  }

  /** Deletes the files of {@code newest}'s stream in {@code dir} that ended more than the retention before it. */
  void expire(Path dir, FrameFileName newest) throws IOException {
    if (retentionSeconds > 0) {
      EXPIRED.inc(SharedDirectory.expire(dir, newest, retentionSeconds));
    }
  }

  private static void put(Path target, byte[] bytes, AtomicFiles.Batch batch) throws IOException {
    if (batch == null) {
      AtomicFiles.write(target, bytes);
    } else {
      batch.write(target, bytes);
    }
  }

  private static String reason(IOException e) {
    return e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null ? fse.getReason() : e.getMessage();
  }
}
