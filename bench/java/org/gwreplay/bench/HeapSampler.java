package org.gwreplay.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Heap of this JVM (which runs the replay) over a run: at each of a few marks it reads the heap
 * in use, then asks for a full collection and reads it again. The second figure is the live
 * heap, the one that must stay flat in a long replay; the first (with garbage) only shows how
 * much headroom the collector keeps. Between marks it polls the heap in use every second for the
 * peak. One full collection per mark (ten in a run) barely disturbs pacing; it is the price of
 * reading the live heap rather than a sawtooth.
 */
final class HeapSampler implements AutoCloseable {

  record Mark(int percent, double elapsedSeconds, long gpsReplayed, long filesWritten, long usedBytes, long liveBytes) {}

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Instant start;
  private final Duration length;
  private final int marks;
  private final LongSupplier gpsReplayed;
  private final LongSupplier filesWritten;
  private final java.util.function.Consumer<Mark> onMark;
  private final List<Mark> taken = new ArrayList<>();
  private final Thread thread;
  private volatile long peakUsed;

  /**
   * @param start wall time the replay clock starts
   * @param length wall time the replay lasts
   * @param marks how many marks over the run (the last at its end)
   */
  HeapSampler(Instant start, Duration length, int marks, LongSupplier gpsReplayed, LongSupplier filesWritten,
      java.util.function.Consumer<Mark> onMark) {
    this.start = start;
    this.length = length;
    this.marks = marks;
    this.gpsReplayed = gpsReplayed;
    this.filesWritten = filesWritten;
    this.onMark = onMark;
    this.thread = new Thread(this::run, "soak-heap-sampler");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    try {
      for (int k = 1; k <= marks; k++) {
        Instant due = start.plusNanos(length.toNanos() * k / marks);
        // The last mark comes just before the end, while the replay still holds all it holds.
        if (k == marks) {
          due = due.minusMillis(Math.min(2000, length.toMillis() / (4L * marks)));
        }
        while (Instant.now().isBefore(due)) {
          peakUsed = Math.max(peakUsed, memory.getHeapMemoryUsage().getUsed());
          Thread.sleep(Math.max(1, Math.min(1000, Duration.between(Instant.now(), due).toMillis())));
        }
        take(k * 100 / marks);
      }
    } catch (InterruptedException e) {
      // the replay ended first
    }
  }

  private void take(int percent) throws InterruptedException {
    long used = memory.getHeapMemoryUsage().getUsed();
    peakUsed = Math.max(peakUsed, used);
    fullGc();
    long live = memory.getHeapMemoryUsage().getUsed();
    double elapsed = Duration.between(start, Instant.now()).toMillis() / 1000.0;
    Mark m = new Mark(percent, elapsed, gpsReplayed.getAsLong(), filesWritten.getAsLong(), used, live);
    synchronized (taken) {
      taken.add(m);
    }
    onMark.accept(m);
  }

  /**
   * A full collection. System.gc() can be skipped while a thread holds a critical array (zlib
   * does, inflating and deflating frames), so it is asked again until a collector ran.
   */
  private static void fullGc() throws InterruptedException {
    long before = collections();
    for (int i = 0; i < 10 && collections() == before; i++) {
      System.gc();
      if (collections() == before) {
        Thread.sleep(20);
      }
    }
  }

  /** Collections of the whole heap so far (G1: "G1 Old Generation"; young collections left out). */
  private static long collections() {
    long n = 0;
    for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (!gc.getName().contains("Young")) {
        n += Math.max(0, gc.getCollectionCount());
      }
    }
    return n;
  }

  List<Mark> marks() {
    synchronized (taken) {
      return List.copyOf(taken);
    }
  }

  long peakUsedBytes() {
    return peakUsed;
  }

  long maxHeapBytes() {
    return memory.getHeapMemoryUsage().getMax();
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
