package org.gwreplay.sink;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Notices each {@code *.gwf} file as it appears in some directories, through the platform's file
 * watcher (inotify on Linux), the way low-latency pipelines notice new frames. A file replaced
 * by rename appears again, so re-written frames are seen too.
 */
public final class ArrivalWatcher implements AutoCloseable {

  private final WatchService watch;
  private final Map<WatchKey, Path> dirs = new LinkedHashMap<>();
  private final Map<Path, Instant> arrivals = Collections.synchronizedMap(new LinkedHashMap<>());
  private final BiConsumer<Path, Instant> listener;
  private final Thread thread;

  /** Keeps the first arrival time of every file (for tests and benchmarks of bounded length). */
  public ArrivalWatcher(List<Path> directories) throws IOException {
    this(directories, null);
  }

  /** Tells {@code listener} of every arrival, keeping nothing itself. */
  public ArrivalWatcher(List<Path> directories, BiConsumer<Path, Instant> listener) throws IOException {
    this.listener = listener;
    watch = FileSystems.getDefault().newWatchService();
    for (Path d : directories) {
      org.gwreplay.sink.SharedDirectory.createDirectory(d);
      dirs.put(d.register(watch, StandardWatchEventKinds.ENTRY_CREATE), d);
    }
    thread = new Thread(this::loop, "arrival-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    try {
      while (true) {
        WatchKey key = watch.take();
        Instant now = Instant.now();
        Path dir = dirs.get(key);
        for (WatchEvent<?> e : key.pollEvents()) {
          if (e.context() instanceof Path p && p.toString().endsWith(".gwf") && !p.toString().startsWith(".")) {
            if (listener != null) {
              listener.accept(dir.resolve(p), now);
            } else {
              arrivals.putIfAbsent(dir.resolve(p), now);
            }
          }
        }
        key.reset();
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed
    }
  }

  /** Arrival time of every file seen so far, in order of arrival. */
  public Map<Path, Instant> arrivals() {
    synchronized (arrivals) {
      return new LinkedHashMap<>(arrivals);
    }
  }

  @Override
  public void close() throws IOException {
    watch.close();
    thread.interrupt();
  }
}
