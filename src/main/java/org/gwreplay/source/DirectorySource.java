package org.gwreplay.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.gwreplay.gwf.Detectors;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.gwf.GwfReader;

/**
 * Frame files in a local directory (and its sub-directories, e.g. one per detector), found by
 * their {@code OBS-TAG-GPSSTART-DURATION.gwf} names: a file serves a detector when its
 * observatory letters include the detector's site. Spec: {@code dir:/path/to/frames}.
 *
 * <p>The tree is scanned one chunk of GPS time at a time as the replay advances, keeping only the
 * names in that chunk.
 */
public final class DirectorySource implements FrameSource {

  /** GPS seconds of file starts gathered per directory scan. */
  static final long CHUNK_SECONDS = 4096;
  private static final int MAX_DEPTH = 3;

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DirectorySource.class);

  private final String root;
  /** Whether a file named against the convention was reported (once per source object). */
  private transient volatile boolean warnedName;

  public DirectorySource(String root) {
    this.root = root;
  }

  public static DirectorySource parse(String spec) {
    String path = spec.startsWith("dir:") ? spec.substring("dir:".length()) : "";
    if (path.isBlank()) {
      throw new IllegalArgumentException("dir: needs a directory, e.g. dir:/data/frames");
    }
    Path p = Paths.get(path);
    if (!Files.isDirectory(p)) {
      throw new IllegalArgumentException("source directory " + path + " does not exist or is not a directory");
    }
    if (!Files.isReadable(p)) {
      throw new IllegalArgumentException("source directory " + path + " is not readable");
    }
    return new DirectorySource(p.toAbsolutePath().normalize().toString());
  }

  @Override
  public Iterator<SourceFile> files(String detector, long gpsStart, long gpsEnd) {
    String site = Detectors.site(detector);
    return new Iterator<>() {
      private final Deque<SourceFile> ready = new ArrayDeque<>();
      /** Next chunk covers file starts in [scanned, scanned + CHUNK); the first also takes earlier overlapping files. */
      private long scanned = gpsStart;
      private boolean first = true;

      @Override
      public boolean hasNext() {
        while (ready.isEmpty() && scanned < gpsEnd) {
          long lo = first ? Long.MIN_VALUE : scanned;
          long hi = Math.min(gpsEnd, scanned + CHUNK_SECONDS);
          ready.addAll(scan(detector, site, lo, hi, gpsStart));
          first = false;
          scanned = hi;
        }
        return !ready.isEmpty();
      }

      @Override
      public SourceFile next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return ready.poll();
      }
    };
  }

  /** Files of {@code site} starting in [lo, hi) and ending after {@code notBefore}, in GPS order. */
  private List<SourceFile> scan(String detector, String site, long lo, long hi, long notBefore) {
    List<SourceFile> found = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(Paths.get(root), MAX_DEPTH)) {
      paths.forEach(p -> {
        FrameFileName n = FrameFileName.tryParse(p.getFileName().toString());
        if (n == null && p.getFileName().toString().endsWith(".gwf") && !warnedName) {
          // Not a silent skip: a tag with '-' (five fields or more) is the usual cause.
          warnedName = true;
          LOG.warn("{} is not used: frame file names must be OBS-TAG-GPSSTART-DURATION.gwf, exactly four '-' fields"
              + " (a tag may not hold '-'); other such files in {} are skipped too", p, root);
        }
        if (n != null && n.observatory().contains(site) && n.gpsStart() >= lo && n.gpsStart() < hi
            && n.gpsEnd() > notBefore && Files.isRegularFile(p)) {
          found.add(new SourceFile(detector, n, p.toString(), sizeOf(p), null, null));
        }
      });
    } catch (IOException | UncheckedIOException e) {
      throw new UncheckedIOException("cannot list " + root, e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
    }
    found.sort(Comparator.comparingLong(SourceFile::gpsStart).thenComparing(f -> f.name().toString()));
    return found;
  }

  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public byte[] fetch(SourceFile file) throws IOException {
    Path p = Paths.get(file.locator());
    if (!p.toAbsolutePath().normalize().startsWith(root)) {
      throw new IOException("refusing to read " + file.locator() + ": outside " + root);
    }
    byte[] bytes = GwfReader.fileBytes(p);
    if (file.bytes() >= 0 && bytes.length != file.bytes()) {
      throw new IOException(file.name() + " changed while being read: " + bytes.length + " bytes, listed " + file.bytes());
    }
    return bytes;
  }

  @Override
  public String describe() {
    return "directory " + root;
  }
}
