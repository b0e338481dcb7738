package org.gwreplay.sink;

import com.google.auto.value.AutoValue;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.replay.ReplayClock;
import org.gwreplay.replay.ReplayFrame;
import org.gwreplay.time.GpsTime;
import org.gwreplay.source.Detectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes released frames into a shared directory the way live low-latency data arrives: each
 * file appears whole (hidden temp file, fsync, rename), in {@code <output>/<layout>/}, and files
 * whose data ended more than the retention span before the newest are deleted.
 *
 * <pre>{@code
 * frames.apply(SharedVolumeSink.write().to("/dev/shm/llhoft").withRetentionSeconds(300));
 * }</pre>
 */
@AutoValue
public abstract class SharedVolumeSink extends PTransform<PCollection<ReplayFrame>, PDone> {

  /** Default sub-directory per detector: {@code <output>/H1/}. */
  public static final String DEFAULT_LAYOUT = "{ifo}";
  public static final long DEFAULT_RETENTION_SECONDS = 300;

  abstract String output();

  abstract String layout();

  /** Seconds of data kept behind the newest file; 0 keeps everything. */
  abstract long retentionSeconds();

  /** Leave a frame file that already exists as it is (a resumed replay wrote it before). */
  abstract boolean skipExisting();

  /** The replay clock, to measure each release's lateness as a metric; null for none. */
  abstract @org.checkerframework.checker.nullness.qual.Nullable ReplayClock clock();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setOutput(String output);

    abstract Builder setLayout(String layout);

    abstract Builder setRetentionSeconds(long seconds);

    abstract Builder setSkipExisting(boolean skip);

    abstract Builder setClock(ReplayClock clock);

    abstract SharedVolumeSink build();
  }

  public static SharedVolumeSink write() {
    return new AutoValue_SharedVolumeSink.Builder()
        .setOutput("")
        .setLayout(DEFAULT_LAYOUT)
        .setRetentionSeconds(DEFAULT_RETENTION_SECONDS)
        .setSkipExisting(false)
        .setClock(null)
        .build();
  }

  public SharedVolumeSink to(String output) {
    return toBuilder().setOutput(output).build();
  }

  /** Sub-directory pattern below the output: {@code {ifo}} (H1) and {@code {site}} (H) are replaced. */
  public SharedVolumeSink withLayout(String layout) {
    validateLayout(layout);
    return toBuilder().setLayout(layout).build();
  }

  public SharedVolumeSink withRetentionSeconds(long seconds) {
    if (seconds < 0) {
      throw new IllegalArgumentException("retention must not be negative: " + seconds);
    }
    return toBuilder().setRetentionSeconds(seconds).build();
  }

  /**
   * Leaves files that already exist untouched; for resumed replays, whose frames have the same
   * names and bytes as the ones the interrupted run wrote.
   */
  public SharedVolumeSink withSkipExisting(boolean skip) {
    return toBuilder().setSkipExisting(skip).build();
  }

  /** Reports, as Beam metrics, how late after its scheduled release each file was written. */
  public SharedVolumeSink withLatenessAgainst(ReplayClock clock) {
    return toBuilder().setClock(clock).build();
  }

  /** The directory a detector's files go to. */
  public static Path directoryFor(Path output, String layout, String detector) {
    String sub = layout.replace("{ifo}", detector).replace("{site}", Detectors.site(detector));
    return sub.isEmpty() ? output : output.resolve(sub);
  }

  static void validateLayout(String layout) {
    Path p = Paths.get(layout.replace("{ifo}", "H1").replace("{site}", "H"));
    if (p.isAbsolute() || layout.contains("..")) {
      throw new IllegalArgumentException("layout must be a relative sub-directory without '..': '" + layout + "'");
    }
  }

  /**
   * Checks up front that the output directory can be created and written, so a bad path fails
   * before the replay starts rather than at the first release.
   */
  public static void checkWritable(Path output) {
    try {
      Files.createDirectories(output);
      Path probe = Files.createTempFile(output, ".gwreplay-probe", AtomicFiles.TEMP_SUFFIX);
      Files.delete(probe);
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException("output directory " + output + " is not writable (permission denied)");
    } catch (IOException | SecurityException e) {
      throw new IllegalArgumentException("output directory " + output + " is not writable: " + e.getMessage());
    }
  }

  @Override
  public PDone expand(PCollection<ReplayFrame> frames) {
    if (output().isEmpty()) {
      throw new IllegalArgumentException("SharedVolumeSink needs an output directory: .to(dir)");
    }
    frames.apply("WriteFrameFiles", ParDo.of(new WriteFn(output(), layout(), retentionSeconds(), skipExisting(), clock())));
    return PDone.in(frames.getPipeline());
  }

  static final class WriteFn extends DoFn<ReplayFrame, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(SharedVolumeSink.class);

    private final String output;
    private final String layout;
    private final long retentionSeconds;
    private final boolean skipExisting;
    private final ReplayClock clock;
    private final Counter written = Metrics.counter(SharedVolumeSink.class, "filesWritten");
    private final Counter bytes = Metrics.counter(SharedVolumeSink.class, "bytesWritten");
    private final Counter expired = Metrics.counter(SharedVolumeSink.class, "filesExpired");

    WriteFn(String output, String layout, long retentionSeconds, boolean skipExisting, ReplayClock clock) {
      this.output = output;
      this.layout = layout;
      this.retentionSeconds = retentionSeconds;
      this.skipExisting = skipExisting;
      this.clock = clock;
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
        Files.createDirectories(dir);
        AtomicFiles.removeStaleTemps(dir);
      }
      MADE.add(dir);
    }

    @ProcessElement
    public void process(@Element ReplayFrame frame) throws IOException {
      Path dir = directoryFor(Paths.get(output), layout, frame.detector());
      ensureDirectory(dir, frame);
      // The name was built by our codec from a parsed FrameFileName: it is a bare file name.
      Path target = dir.resolve(frame.name().toString());
      if (skipExisting && Files.exists(target)) {
        return;
      }
      try {
        try {
          AtomicFiles.write(target, frame.gwf());
        } catch (NoSuchFileException e) {
          // The directory vanished between the check and the write: make it again, write once more.
          ensureDirectory(dir, frame);
          AtomicFiles.write(target, frame.gwf());
        }
      } catch (IOException e) {
        // A full disk or a read-only volume: say which file and why, once, and stop the replay;
        // nothing partial is left behind (the temporary file is removed), so --resume can follow.
        String why = e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null ? fse.getReason() : e.getMessage();
        throw new IOException("cannot write " + target + ": " + why);
      }
      written.inc();
      bytes.inc(frame.gwf().length);
      Metrics.counter("gwreplay", "filesWritten_" + frame.detector()).inc();
      Metrics.counter("gwreplay", "bytesWritten_" + frame.detector()).inc(frame.gwf().length);
      Metrics.gauge("gwreplay", "gpsWritten_" + frame.detector()).set(frame.name().gpsEnd());
      if (clock != null && clock.isPaced()) {
        long late = java.time.Duration.between(clock.releaseTime(GpsTime.ofSeconds(frame.dataEnd())), java.time.Instant.now()).toMillis();
        Metrics.distribution("gwreplay", "latenessMs_" + frame.detector()).update(late);
      }
      LOG.debug("wrote {}", target);
      if (retentionSeconds > 0) {
        expired.inc(expire(dir, frame.name(), retentionSeconds));
      }
    }
  }

  /**
   * Deletes the files of {@code written}'s stream (same observatory and tag) whose data ended more
   * than {@code retention} seconds before the newest file of that stream in {@code dir}. Measured
   * from the newest rather than from {@code written}, so frames written out of order also expire.
   */
  public static int expire(Path dir, FrameFileName written, long retention) throws IOException {
    java.util.List<Path> stream = new java.util.ArrayList<>();
    long newestEnd = written.gpsEnd();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.gwf")) {
      for (Path p : ds) {
        FrameFileName f = FrameFileName.tryParse(p.getFileName().toString());
        if (f != null && f.observatory().equals(written.observatory()) && f.tag().equals(written.tag())) {
          stream.add(p);
          newestEnd = Math.max(newestEnd, f.gpsEnd());
        }
      }
    } catch (NoSuchFileException e) {
      return 0; // removed under us: nothing left to expire, and the next write makes it again
    }
    int n = 0;
    for (Path p : stream) {
      if (FrameFileName.parse(p.getFileName().toString()).gpsEnd() <= newestEnd - retention && Files.deleteIfExists(p)) {
        n++;
      }
    }
    return n;
  }
}
