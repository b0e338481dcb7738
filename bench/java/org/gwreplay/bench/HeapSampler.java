package org.gwreplay.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Heap of the replay's JVM over a run: at each of a few marks it reads the heap in use, then
 * asks for a full collection and reads it again. The second figure is the live heap, the one
 * that must stay flat in a long replay; the first (with garbage) only shows how much headroom
 * the collector keeps. Between marks it polls the heap in use every second for the peak, and
 * the JVM's CPU time. One full collection per mark (ten in a run) barely disturbs pacing; it is
 * the price of reading the live heap rather than a sawtooth.
 */
final class HeapSampler implements AutoCloseable {

  record Mark(int percent, double elapsedSeconds, long gpsReplayed, long filesWritten, long usedBytes, long liveBytes) {}

  private final ReplayProcess replay;
  private final Instant start;
  private final Duration length;
  private final int marks;
  private final LongSupplier gpsReplayed;
  private final LongSupplier filesWritten;
  private final Consumer<Mark> onMark;
  private final List<Mark> taken = new ArrayList<>();
  private final Thread thread;
  private volatile long peakUsed;
  private volatile long cpuNanos;
  private volatile long maxHeap;

  /**
   * @param start wall time the replay clock starts
   * @param length wall time the replay lasts
   * @param marks how many marks over the run (the last just before its end)
   */
  HeapSampler(ReplayProcess replay, Instant start, Duration length, int marks, LongSupplier gpsReplayed,
      LongSupplier filesWritten, Consumer<Mark> onMark) {
    this.replay = replay;
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
      maxHeap = replay.heapMax();
      for (int k = 1; k <= marks; k++) {
        Instant due = start.plusNanos(length.toNanos() * k / marks);
        // The last mark comes just before the end, while the replay still holds all it holds.
        if (k == marks) {
          due = due.minusMillis(Math.min(2000, length.toMillis() / (4L * marks)));
        }
        while (Instant.now().isBefore(due)) {
          poll();
          Thread.sleep(Math.max(1, Math.min(1000, Duration.between(Instant.now(), due).toMillis())));
        }
        take(k * 100 / marks);
      }
      while (replay.isAlive()) {
        poll();
        Thread.sleep(1000);
      }
    } catch (InterruptedException | RuntimeException e) {
      // the replay ended (its JVM no longer answers) or the benchmark stopped sampling
    }
  }

  private void poll() {
    peakUsed = Math.max(peakUsed, replay.heapUsed());
    cpuNanos = replay.cpuNanos();
  }

  private void take(int percent) throws InterruptedException {
    long used = replay.heapUsed();
    peakUsed = Math.max(peakUsed, used);
    replay.fullGc();
    long live = replay.heapUsed();
    double elapsed = Duration.between(start, Instant.now()).toMillis() / 1000.0;
    Mark m = new Mark(percent, elapsed, gpsReplayed.getAsLong(), filesWritten.getAsLong(), used, live);
    synchronized (taken) {
      taken.add(m);
    }
    onMark.accept(m);
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
    return maxHeap;
  }

  /** CPU time of the replay's JVM as last seen (within a second of its end). */
  double cpuSeconds() {
    return cpuNanos / 1e9;
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
