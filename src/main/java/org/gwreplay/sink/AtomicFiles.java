package org.gwreplay.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Writes files so that a reader watching the directory sees either nothing or the whole file:
 * a hidden temporary file in the same directory, fsync, then rename(2) into place.
 */
public final class AtomicFiles {

  /** Temporary files start with a dot and end like this, so watchers matching *.gwf skip them. */
  static final String TEMP_SUFFIX = ".tmp";

  private AtomicFiles() {}

  public static void write(Path target, byte[] bytes) throws IOException {
    Path temp = writeTemp(target, bytes, true);
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    syncDirectory(target.toAbsolutePath().getParent());
  }

  /** The bytes in a new hidden temporary file beside {@code target}, fsynced if asked; none is left on failure. */
  private static Path writeTemp(Path target, byte[] bytes, boolean sync) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + TEMP_SUFFIX);
    try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      if (sync) {
        ch.force(true);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    return temp;
  }

  /**
   * Files written one by one and made visible together, for batch replays: each goes to its hidden
   * temporary file as it comes; {@link #commit} fsyncs them all, renames them into place and syncs
   * each directory once. A visible file is still a whole and durable one, but the disk flushes
   * once a batch rather than twice a file (a file's fsync, then its directory's, was most of a batch
   * re-framing's wall time). Not thread-safe: one a worker.
   */
  public static final class Batch implements AutoCloseable {
    private static final int SYNC_THREADS = 16;

    /**
     * The threads that fsync a commit's files, made on demand. Not static: threads that outlive a
     * Flink job pin its class loader, and a session cluster running job after job then runs out of
     * metaspace. Idle ones end after a few seconds, and {@link #close} ends them all.
     */
    private ThreadPoolExecutor syncers;

    /** Target to its temporary file, in the order written. */
    private final Map<Path, Path> pending = new LinkedHashMap<>();

    /** Directory to whether it is on a file system in memory, asked once each. */
    private final Map<Path, Boolean> inMemory = new HashMap<>();

    /**
     * On tmpfs and ramfs (/dev/shm, where low-latency consumers read) fsync has nothing to do, yet
     * handing each file to a thread to open and sync it cost a re-framing as much as its renames.
     */
    private boolean inMemory(Path dir) {
      Boolean known = inMemory.get(dir);
      if (known == null) {
        try {
          String type = Files.getFileStore(dir).type();
          known = type.equals("tmpfs") || type.equals("ramfs");
          inMemory.put(dir, known);
        } catch (IOException e) {
          return false; // sync as usual, and ask again next time (the directory may be made again)
        }
      }
      return known;
    }

    /** Writes {@code bytes} for {@code target}; a second write of the same target before the commit replaces the first. */
    public void write(Path target, byte[] bytes) throws IOException {
      Path temp = writeTemp(target, bytes, false);
      Path earlier = pending.put(target.toAbsolutePath(), temp);
      if (earlier != null) {
        Files.deleteIfExists(earlier);
      }
    }

    /** Files written and not yet committed. */
    public int size() {
      return pending.size();
    }

    /**
     * Makes every file written since the last commit durable, then visible, and returns them in the
     * order written. On failure the rest are removed; the error names the file.
     */
    public List<Path> commit() throws IOException {
      List<Path> done = new ArrayList<>();
      Path at = null;
      try {
        Map<Path, Path> onDisk = new LinkedHashMap<>(pending);
        onDisk.keySet().removeIf(target -> inMemory(target.getParent()));
        syncAll(onDisk);
        for (Iterator<Map.Entry<Path, Path>> it = pending.entrySet().iterator(); it.hasNext(); ) {
          Map.Entry<Path, Path> e = it.next();
          at = e.getKey();
          Files.move(e.getValue(), at, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          it.remove();
          done.add(at);
        }
      } catch (NoSuchFileException e) {
        abort();
        throw at == null ? e : removed(at, e); // at is null when the fsyncs failed: they named the file
      } catch (IOException | RuntimeException e) {
        abort();
        throw e;
      } finally {
        // Renames done before a failure are durable too: each of those files is whole and fsynced.
        done.stream().map(Path::getParent).distinct().filter(d -> !inMemory(d)).forEach(AtomicFiles::syncDirectory);
      }
      return done;
    }

    /** The error for a temporary file that vanished before its rename, naming the file it was to become. */
    private static NoSuchFileException removed(Path target, NoSuchFileException cause) {
      NoSuchFileException named = new NoSuchFileException(target.toString(), null,
          "removed before it was renamed into place (was its directory deleted?)");
      named.initCause(cause);
      return named;
    }

    /**
     * fsyncs side by side: the file system then flushes them in shared journal commits (2048 files
     * of 131 kB on this project's 2-core test machine: 1.7-2.7 s one after another, 0.8-1.8 s
     * sixteen at a time; its disk is noisy).
     */
    private void syncAll(Map<Path, Path> targetToTemp) throws IOException {
      if (syncers == null) {
        syncers = new ThreadPoolExecutor(SYNC_THREADS, SYNC_THREADS, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "gwreplay-fsync");
          t.setDaemon(true);
          return t;
        });
        syncers.allowCoreThreadTimeOut(true);
      }
      List<Future<?>> syncs = new ArrayList<>();
      for (Map.Entry<Path, Path> e : targetToTemp.entrySet()) {
        syncs.add(syncers.submit(() -> {
          try (FileChannel ch = FileChannel.open(e.getValue(), StandardOpenOption.WRITE)) {
            ch.force(true);
          } catch (NoSuchFileException gone) {
            throw removed(e.getKey(), gone);
          } catch (IOException failed) {
            // fsync's own error (EIO, ENOSPC on NFS) names no file: say which.
            throw new IOException(e.getKey() + ": cannot make it durable: " + failed.getMessage(), failed);
          }
          return null;
        }));
      }
      IOException failed = null;
      for (Future<?> f : syncs) {
        try {
          f.get();
        } catch (ExecutionException e) {
          if (failed == null) {
            failed = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while syncing frame files");
        }
      }
      if (failed != null) {
        throw failed;
      }
    }

    /** Removes what is not committed, then ends the fsync threads; the batch can still be used. */
    @Override
    public void close() {
      abort();
      if (syncers != null) {
        syncers.shutdownNow();
        syncers = null;
      }
    }

    /** Removes the files written since the last commit; none becomes visible. */
    public void abort() {
      for (Path temp : pending.values()) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // Left for removeStaleTemps: it is hidden, and matches no reader's pattern.
        }
      }
      pending.clear();
    }
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
