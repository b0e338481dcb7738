package org.gwreplay.consumers;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gwreplay.gwf.Channel;
import org.gwreplay.gwf.Frame;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.gwf.GwfReader;
import org.gwreplay.time.GpsTime;

/**
 * Follows one detector's stream the way PyCBC Live does (bin/pycbc_live with --frame-src IFO:glob
 * and --increment-update-cache, as CONSUMERS.md describes it; no code of theirs): the newest file
 * by ctime names the stream (observatory, tag, duration); from the start time on, the next file's
 * name is guessed as {@code {dir}/{obs}-{tag}-{gps}-{dur}.gwf}; the guess is polled every 0.1 s
 * until the GPS clock passes the block's end plus the timeout, then the block is zero-filled
 * ("frame is late, giving up"). A block counts as analysable when the strain channel holds a full
 * second of samples and, if the stream carries a state vector, every sample has the analysed bits.
 * Frames are read with this project's reader: PyCBC's own (FrameL via lalframe) cannot run here.
 */
final class PycbcLiveStyleReader {

  static final long POLL_MILLIS = 100;

  /** What happened to each block. */
  record Block(long gps, boolean late, boolean strainOk, boolean stateChecked, boolean stateOk, long millisAfterEnd) {}

  private final String ifo;
  private final Path dir;
  private final String glob;
  private final long timeoutSeconds;
  final List<Block> blocks = new ArrayList<>();
  /** ctimes of the files read, in GPS order: they must grow with GPS for the newest-by-ctime rule. */
  final List<FileTime> ctimes = new ArrayList<>();

  PycbcLiveStyleReader(String ifo, Path dir, String glob, long timeoutSeconds) {
    this.ifo = ifo;
    this.dir = dir;
    this.glob = glob;
    this.timeoutSeconds = timeoutSeconds;
  }

  static long gpsNow() {
    return GpsTime.fromInstant(Instant.now()).seconds();
  }

  /** The newest file matching the glob by ctime, as PyCBC Live's cache starts from. */
  Optional<Path> newestByCtime() throws IOException {
    Path best = null;
    FileTime bestTime = null;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
      for (Path p : ds) {
        FileTime t = ctime(p);
        if (bestTime == null || t.compareTo(bestTime) > 0) {
          best = p;
          bestTime = t;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  static FileTime ctime(Path p) throws IOException {
    return (FileTime) Files.getAttribute(p, "unix:ctime");
  }

  /** Reads {@code count} blocks from GPS {@code start} on, as the analysis would, in real time. */
  void follow(long start, int count) throws IOException, InterruptedException {
    FrameFileName pattern = FrameFileName.parse(newestByCtime()
        .orElseThrow(() -> new IOException("no file matches " + dir + "/" + glob)).getFileName().toString());
    long gps = Math.floorDiv(start, pattern.duration()) * pattern.duration();
    for (int i = 0; i < count; i++, gps += pattern.duration()) {
      Path guess = dir.resolve(pattern.withGps(gps, pattern.duration()).toString());
      long end = gps + pattern.duration();
      while (!Files.exists(guess) && gpsNow() <= end + timeoutSeconds) {
        Thread.sleep(POLL_MILLIS);
      }
      long after = java.time.Duration.between(GpsTime.ofSeconds(end).toInstant(), Instant.now()).toMillis();
      if (!Files.exists(guess)) {
        blocks.add(new Block(gps, true, false, false, false, after)); // zero-filled
        continue;
      }
      ctimes.add(ctime(guess));
      Frame f = GwfReader.read(guess).get(0);
      Optional<Channel> strain = StateVector.channel(f, StateVector.strainChannel(ifo));
      boolean strainOk = strain.isPresent() && f.start().equals(GpsTime.ofSeconds(gps))
          && strain.get().data().nData() == 16384L * pattern.duration();
      Optional<Channel> state = StateVector.channel(f, StateVector.stateChannel(ifo));
      boolean stateOk = state.map(s -> StateVector.allValid(s, StateVector.mask(ifo))).orElse(false);
      blocks.add(new Block(gps, false, strainOk, state.isPresent(), stateOk, after));
    }
  }
}
