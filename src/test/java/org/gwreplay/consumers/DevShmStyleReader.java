package org.gwreplay.consumers;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.gwreplay.gwf.Channel;
import org.gwreplay.gwf.Frame;
import org.gwreplay.gwf.GwfReader;
import org.gwreplay.time.GpsTime;

/**
 * Follows a directory the way sgn-ligo's DevShmSource does (CONSUMERS.md; no code of theirs): it
 * reacts to files closed after writing or moved in (inotify CLOSE_WRITE / MOVED_TO; Java's
 * WatchService on Linux is inotify, and a rename into the directory arrives as ENTRY_CREATE),
 * takes only {@code .gwf} names with exactly four {@code -} fields, and skips any file whose
 * start t0 is below its watermark: int(now) when it starts, then the end of the last file taken.
 * So a stream stamped with archive times is skipped whole; a now-stamped one is read.
 */
final class DevShmStyleReader implements AutoCloseable {

  record Taken(String name, long t0, boolean strainOk, boolean stateChecked, boolean stateOk, long millisAfterEnd) {}

  private final String ifo;
  private final Path dir;
  private final WatchService watch;
  private final Thread thread;
  private volatile long watermark;
  final List<Taken> taken = new CopyOnWriteArrayList<>();
  final List<String> skipped = new CopyOnWriteArrayList<>();
  final List<String> errors = new CopyOnWriteArrayList<>();
  /** Names created in the directory that are not frame files (the writer's temporary files). */
  final List<String> ignored = new CopyOnWriteArrayList<>();

  DevShmStyleReader(String ifo, Path dir) throws IOException {
    this.ifo = ifo;
    this.dir = dir;
    this.watermark = GpsTime.fromInstant(Instant.now()).seconds();
    this.watch = FileSystems.getDefault().newWatchService();
    dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
    this.thread = new Thread(this::run, "devshm-" + ifo);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  private void run() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        WatchKey key = watch.poll(100, TimeUnit.MILLISECONDS);
        if (key == null) {
          continue;
        }
        for (WatchEvent<?> e : key.pollEvents()) {
          if (e.context() instanceof Path p) {
            consider(p.getFileName().toString());
          }
        }
        key.reset();
      }
    } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
      // closed
    }
  }

  void consider(String name) {
    if (!name.endsWith(".gwf")) {
      ignored.add(name); // temporary files and anything else
      return;
    }
    String[] fields = name.substring(0, name.length() - 4).split("-");
    if (fields.length != 4) {
      skipped.add(name);
      return;
    }
    long t0;
    long duration;
    try {
      t0 = Long.parseLong(fields[2]);
      duration = Long.parseLong(fields[3]);
    } catch (NumberFormatException e) {
      skipped.add(name);
      return;
    }
    if (t0 < watermark) {
      skipped.add(name);
      return;
    }
    long after = java.time.Duration.between(GpsTime.ofSeconds(t0 + duration).toInstant(), Instant.now()).toMillis();
    try {
      Frame f = GwfReader.read(dir.resolve(name)).get(0);
      Optional<Channel> strain = StateVector.channel(f, StateVector.strainChannel(ifo));
      Optional<Channel> state = StateVector.channel(f, StateVector.stateChannel(ifo));
      taken.add(new Taken(name, t0, strain.isPresent() && strain.get().data().nData() == 16384L * duration,
          state.isPresent(), state.map(s -> StateVector.allValid(s, StateVector.mask(ifo))).orElse(false), after));
      watermark = t0 + duration;
    } catch (IOException | RuntimeException e) {
      errors.add(name + ": " + e.getMessage()); // a read error becomes a gap for DevShmSource
    }
  }

  @Override
  public void close() throws IOException {
    thread.interrupt();
    watch.close();
  }
}
