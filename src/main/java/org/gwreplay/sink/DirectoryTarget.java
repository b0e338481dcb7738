package org.gwreplay.sink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gwreplay.replay.ResumePoint;
import org.gwreplay.replay.ReplayTarget;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.replay.ReplayClock;
import org.gwreplay.replay.ReplaySpec;
import org.gwreplay.time.SegmentList;

/** The default target: frame files in a {@link SharedDirectory}, written by {@link SharedVolumeSink}. */
public final class DirectoryTarget implements ReplayTarget {

  private final SharedDirectory directory;
  private final long retentionSeconds;
  /** Set by {@link #resume}: the files an interrupted run wrote are left as they are. */
  private boolean resumed;

  public DirectoryTarget(SharedDirectory directory, long retentionSeconds) {
    this.directory = directory;
    this.retentionSeconds = retentionSeconds;
  }

  public SharedDirectory directory() {
    return directory;
  }

  @Override
  public void check() {
    directory.checkWritable();
  }

  @Override
  public ResumePoint resume(List<String> detectors, String tag, SegmentList segments, long frameDuration, long passes) {
    resumed = true;
    return directory.resume(detectors, tag, segments, frameDuration, passes);
  }

  /** Only a paced replay: an unpaced one has nothing to wait for (windows would only hold frames in state). */
  @Override
  public boolean needsRelease(ReplayClock clock) {
    return clock.isPaced();
  }

  /** Files carry their GPS time in their names: they may be written in any order. */
  @Override
  public boolean allowsTimeSharding() {
    return true;
  }

  @Override
  public String sinkName() {
    return "SharedVolumeSink";
  }

  @Override
  public SharedVolumeSink sink(ReplaySpec spec) {
    return SharedVolumeSink.write()
        .to(directory.root().toString())
        .withLayout(directory.layout())
        .withRetentionSeconds(retentionSeconds)
        .withSkipExisting(resumed)
        .withLatenessAgainst(spec.clock());
  }

  @Override
  public Path defaultStatusFile() {
    return directory.defaultStatusFile();
  }

  /** Notices each file as it appears (inotify), as the pipelines reading the directory do. */
  @Override
  public AutoCloseable watch(ReplaySpec spec, Feed feed) throws IOException {
    Map<Path, String> detectorOf = new LinkedHashMap<>();
    spec.detectors().forEach(d -> detectorOf.put(directory.directoryFor(d), d));
    return new ArrivalWatcher(List.copyOf(detectorOf.keySet()), (file, when) -> {
      String detector = detectorOf.get(file.getParent());
      FrameFileName name = FrameFileName.tryParse(file.getFileName().toString());
      if (detector == null || name == null) {
        return;
      }
      long size;
      try {
        size = Files.size(file);
      } catch (IOException e) {
        size = 0; // already expired by retention
      }
      feed.frame(detector, file, name, size, when);
    });
  }

  @Override
  public String toString() {
    return directory.toString();
  }
}
