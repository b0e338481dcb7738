package org.gwreplay.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a reader watching the directory sees either nothing or the whole file:
 * a hidden temporary file in the same directory, fsync, then rename(2) into place.
 */
public final class AtomicFiles {

  /** Temporary files start with a dot and end like this, so watchers matching *.gwf skip them. */
  static final String TEMP_SUFFIX = ".tmp";

  private AtomicFiles() {}

  public static void write(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + TEMP_SUFFIX);
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    syncDirectory(dir);
  }

  /** Makes the rename itself durable; best effort where the file system cannot sync directories. */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems refuse to open or sync a directory; the rename is still atomic.
    }
  }

  /**
   * Removes temporary files left by a writer that died between write and rename. Only files older
   * than a minute go, so that a writer still at work in another worker keeps its own.
   */
  public static int removeStaleTemps(Path dir) throws IOException {
    long cutoff = System.currentTimeMillis() - 60_000;
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int n = 0;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, ".*" + TEMP_SUFFIX)) {
      for (Path p : ds) {
        if (Files.getLastModifiedTime(p).toMillis() < cutoff && Files.deleteIfExists(p)) {
          n++;
        }
      }
    }
    return n;
  }
}
