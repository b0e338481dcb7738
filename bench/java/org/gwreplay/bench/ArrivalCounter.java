package org.gwreplay.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.sink.ArrivalWatcher;

/**
 * Counts, through inotify, how many times a frame file appears for each detector and GPS second,
 * as a consumer of the shared volume would see them: a second that appears twice (the same name
 * renamed into place again, or another name for the same second) is a duplicate even if the
 * directory listing at the end shows one file. Counts live in one byte per second, allocated up
 * front, so counting does not itself grow the heap that the soak watches.
 */
final class ArrivalCounter implements AutoCloseable {

  private final long start;
  private final Map<String, byte[]> counts = new LinkedHashMap<>();
  private final AtomicLong total = new AtomicLong();
  private final AtomicLong unexpected = new AtomicLong();
  private final ArrivalWatcher watcher;

  /** Watches {@code output/<detector>} for the seconds [start, end). */
  ArrivalCounter(Path output, List<String> detectors, long start, long end) throws IOException {
    this.start = start;
    List<Path> dirs = new ArrayList<>();
    for (String d : detectors) {
      counts.put(d, new byte[Math.toIntExact(end - start)]);
      dirs.add(output.resolve(d));
    }
    watcher = new ArrivalWatcher(dirs, this::arrived);
  }

  private void arrived(Path file, Instant when) {
    total.incrementAndGet();
    byte[] c = counts.get(file.getParent().getFileName().toString());
    FrameFileName n = FrameFileName.tryParse(file.getFileName().toString());
    if (c == null || n == null || n.duration() != 1 || n.gpsStart() < start || n.gpsStart() - start >= c.length) {
      unexpected.incrementAndGet();
      return;
    }
    synchronized (c) {
      int i = (int) (n.gpsStart() - start);
      if (c[i] < Byte.MAX_VALUE) {
        c[i]++;
      }
    }
  }

  /** Files seen appearing so far. */
  long total() {
    return total.get();
  }

  /** Arrivals that are not a 1-s frame of a watched detector inside the run. */
  long unexpected() {
    return unexpected.get();
  }

  /** How many times each second of {@code detector} appeared (a copy). */
  byte[] counts(String detector) {
    byte[] c = counts.get(detector);
    synchronized (c) {
      return c.clone();
    }
  }

  @Override
  public void close() throws IOException {
    watcher.close();
  }
}
