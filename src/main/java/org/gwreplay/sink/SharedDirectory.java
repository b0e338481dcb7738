package org.gwreplay.sink;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.gwreplay.replay.ResumePoint;
import org.gwreplay.gwf.Detectors;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.replay.ReplayPlan;
import org.gwreplay.time.SegmentList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shared volume as the replay, its resume, its verification and its monitor see it: a root
 * directory with one sub-directory per detector ({@code <root>/<layout>/}), holding that
 * detector's frame files named {@code OBS-TAG-GPSSTART-DURATION.gwf}. Files there are complete by
 * construction (they appear by rename), so a listing is what consumers see.
 */
public final class SharedDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(SharedDirectory.class);

  /** Default sub-directory per detector: {@code <root>/H1/}. */
  public static final String DEFAULT_LAYOUT = "{ifo}";

  private final Path root;
  private final String layout;

  private SharedDirectory(Path root, String layout) {
    this.root = root;
    this.layout = layout;
  }

  /** @param layout sub-directory pattern below {@code root}: {@code {ifo}} (H1) and {@code {site}} (H) are replaced */
  public static SharedDirectory of(Path root, String layout) {
    checkLayout(layout);
    return new SharedDirectory(root.toAbsolutePath().normalize(), layout);
  }

  public Path root() {
    return root;
  }

  public String layout() {
    return layout;
  }

  /** The directory a detector's files go to. */
  public Path directoryFor(String detector) {
    return directoryFor(root, layout, detector);
  }

  /** The directory a detector's files go to below {@code root} (for the sink's workers, which hold strings). */
  public static Path directoryFor(Path root, String layout, String detector) {
    String sub = layout.replace("{ifo}", detector).replace("{site}", Detectors.site(detector));
    return sub.isEmpty() ? root : root.resolve(sub);
  }

  /** Fails with a one-line message unless {@code layout} stays below the root. */
  public static void checkLayout(String layout) {
    Path p = Paths.get(layout.replace("{ifo}", "H1").replace("{site}", "H"));
    if (p.isAbsolute() || layout.contains("..")) {
      throw new IllegalArgumentException("layout must be a relative sub-directory without '..': '" + layout + "'");
    }
  }

  /** The status file's default place: beside the root, named after it. */
  public Path defaultStatusFile() {
    Path parent = root.getParent();
    return (parent == null ? root : parent).resolve(root.getFileName() + ".status.json");
  }

  /** A frame file found in a detector's directory. */
  public record FrameFile(Path path, FrameFileName name) {}

  /**
   * The frame files of {@code detector}'s site in its directory, in no particular order; none when
   * the directory does not exist. Other sites' files (several detectors may share it) and
   * names that are not frame file names are left out.
   */
  public List<FrameFile> frames(String detector) throws IOException {
    Path dir = directoryFor(detector);
    String site = Detectors.site(detector);
    List<FrameFile> frames = new ArrayList<>();
    for (FrameFile f : list(dir)) {
      if (f.name().observatory().equals(site)) {
        frames.add(f);
      }
    }
    return frames;
  }

  /** Every frame file in {@code dir}, any site; none when it does not exist (not made yet, or removed under us). */
  public static List<FrameFile> list(Path dir) throws IOException {
    List<FrameFile> files = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return files;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.gwf")) {
      for (Path p : ds) {
        FrameFileName n = FrameFileName.tryParse(p.getFileName().toString());
        if (n != null) {
          files.add(new FrameFile(p, n));
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    }
    return files;
  }

  /**
   * Deletes the files of {@code written}'s stream (same observatory and tag) whose data ended more
   * than {@code retention} seconds before the newest file of that stream in {@code dir}. Measured
   * from the newest rather than from {@code written}, so frames written out of order also expire.
   */
  public static int expire(Path dir, FrameFileName written, long retention) throws IOException {
    List<FrameFile> stream = new ArrayList<>();
    long newestEnd = written.gpsEnd();
    for (FrameFile f : list(dir)) {
      if (f.name().observatory().equals(written.observatory()) && f.name().tag().equals(written.tag())) {
        stream.add(f);
        newestEnd = Math.max(newestEnd, f.name().gpsEnd());
      }
    }
    int n = 0;
    for (FrameFile f : stream) {
      if (f.name().gpsEnd() <= newestEnd - retention && Files.deleteIfExists(f.path())) {
        n++;
      }
    }
    return n;
  }

  /**
   * Where an interrupted replay continues: for each detector, the first planned frame missing
   * from its directory after the oldest one there (older ones were written and expired). Frames
   * may have been written out of order, so later ones can exist already: the resumed sink leaves
   * those as they are. The clock resumes after the newest frame there, over all detectors.
   *
   * @param tag the output tag ({@code {ifo}} replaced per detector), or null/empty for any: other
   *     streams may share the directory
   */
  public ResumePoint resume(List<String> detectors, String tag, SegmentList segments, long frameDuration, long passes) {
    Map<String, Long> positions = new LinkedHashMap<>();
    // A loop's files are named in replay time, which counts passes: the walk goes on across them.
    long end = ReplayPlan.replayEnd(segments, frameDuration, passes);
    OptionalLong newestEnd = OptionalLong.empty();
    for (String d : detectors) {
      NavigableSet<Long> present = new TreeSet<>();
      for (FrameFileName n : replayed(d, tag, segments, end)) {
        newestEnd = OptionalLong.of(Math.max(newestEnd.orElse(Long.MIN_VALUE), n.gpsEnd()));
        if (n.duration() == frameDuration) {
          present.add(n.gpsStart());
        }
      }
      long next = ReplayPlan.firstMissing(segments, frameDuration, passes, present);
      if (next == Long.MIN_VALUE) {
        LOG.info("resume: no frames of {} in {} yet; starting at the beginning", d, directoryFor(d));
      } else if (next >= end) {
        LOG.info("resume: {} is already complete", d);
        positions.put(d, end);
      } else {
        LOG.info("resume: {} continues at GPS {}", d, next);
        positions.put(d, next);
      }
    }
    return new ResumePoint(positions, newestEnd);
  }

  /** The names of {@code detector}'s files this replay could have written: its tag, inside the segments up to {@code end}. */
  private List<FrameFileName> replayed(String detector, String tag, SegmentList segments, long end) {
    String wantedTag = tag == null || tag.isEmpty() ? null : tag.replace("{ifo}", detector);
    List<FrameFileName> names = new ArrayList<>();
    try {
      for (FrameFile f : frames(detector)) {
        FrameFileName n = f.name();
        if ((wantedTag == null || n.tag().equals(wantedTag)) && n.gpsStart() >= segments.start() && n.gpsEnd() <= end) {
          names.add(n);
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + directoryFor(detector) + " to resume: " + e.getMessage());
    }
    return names;
  }

  /**
   * Checks up front that the root can be created and written, so a bad path fails before the
   * replay starts rather than at the first release.
   */
  public void checkWritable() {
    checkWritable(root);
  }

  /** As {@link #checkWritable()}, for a directory written by other means (the Kafka consumer). */
  public static void checkWritable(Path dir) {
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".gwreplay-probe", AtomicFiles.TEMP_SUFFIX);
      Files.delete(probe);
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException("output directory " + dir + " is not writable (permission denied)");
    } catch (IOException | SecurityException e) {
      throw new IllegalArgumentException("output directory " + dir + " is not writable: " + e.getMessage());
    }
  }

  /** Creates a directory (and its parents), failing with a message that says what is wrong. */
  public static void createDirectory(Path dir) throws IOException {
    try {
      Files.createDirectories(dir);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw new IOException("cannot write into " + dir + ": something that is not a directory is in the way");
    } catch (IOException e) {
      String why = e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null ? fse.getReason() : e.toString();
      throw new IOException("cannot create the output directory " + dir + ": " + why);
    }
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
