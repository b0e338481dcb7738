package org.gwreplay.replay;

import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.gwreplay.time.GpsTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a detector's {@link FrameAssembler} on a background thread, ahead of the replay clock by
 * at most the lookahead, so that fetching from the lake never stalls the reader. The thread
 * waits on the clock (a timed wait until the next frame is inside the lookahead), never spins.
 */
final class Prefetcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Prefetcher.class);
  /** Unpaced replays only bound memory: this many prepared items at most. */
  private static final int UNPACED_QUEUE = 8;
  /** How long readers ready first wait for the others before the clock starts anyway. */
  static final java.time.Duration READY_WAIT = java.time.Duration.ofSeconds(30);

  private final FrameAssembler assembler;
  private final ReplayClock clock;
  private final long lookaheadSeconds;
  private final BlockingQueue<ReplayItem> queue;
  private final Thread thread;
  private final String name;
  /** Start of the item being prepared; published after the previous item is queued. */
  private volatile long working;
  private volatile Throwable failure;

  Prefetcher(FrameAssembler assembler, ReplaySpec spec, String name) {
    this.assembler = assembler;
    this.clock = spec.clock();
    this.lookaheadSeconds = spec.lookaheadSeconds();
    int capacity = clock.isPaced()
        ? (int) Math.min(10_000, Math.max(2, 2 + lookaheadSeconds / spec.frameDuration()))
        : UNPACED_QUEUE;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.working = assembler.position();
    this.name = name;
    this.thread = new Thread(this::run, "gwreplay-prefetch-" + name);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  private void run() {
    try {
      if (!clock.started()) {
        // The clock starts when the first frames are ready, so the first one is on time; it is
        // assembled once the clock has started, since a late start may move the shift-to-now.
        assembler.warmUp();
        clock.ready(name, READY_WAIT);
      }
      while (true) {
        long next = assembler.position();
        working = next;
        if (next != Long.MAX_VALUE) {
          awaitLookahead(next);
        }
        ReplayItem item = assembler.next();
        queue.put(item);
        if (item instanceof ReplayItem.End) {
          working = Long.MAX_VALUE;
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable t) {
      LOG.error("frame preparation failed: {}", t.toString());
      failure = t;
    }
  }

  /** Sleeps until GPS {@code start} lies within the lookahead of the replay clock. */
  private void awaitLookahead(long start) throws InterruptedException {
    if (!clock.isPaced()) {
      return;
    }
    Instant due = clock.releaseTime(GpsTime.ofSeconds(start - lookaheadSeconds));
    long waitMillis;
    while ((waitMillis = due.toEpochMilli() - System.currentTimeMillis()) > 0) {
      TimeUnit.MILLISECONDS.sleep(waitMillis);
    }
  }

  /** The next prepared item, or null if none is ready yet. */
  ReplayItem poll() {
    rethrow();
    return queue.poll();
  }

  /** The next prepared item, waiting at most {@code timeoutNanos} for one; null if none came. */
  ReplayItem poll(long timeoutNanos) {
    rethrow();
    try {
      return timeoutNanos <= 0 ? queue.poll() : queue.poll(timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /**
   * Start of the earliest item not yet taken by {@link #poll}: nothing earlier can still come, so
   * the watermark may not pass it.
   */
  long nextStart() {
    long w = working; // read before peeking: an item queued in between is then seen by peek
    ReplayItem head = queue.peek();
    return head != null ? head.start() : w;
  }

  private void rethrow() {
    if (failure != null) {
      throw new IllegalStateException("frame preparation failed: " + failure, failure);
    }
  }

  @Override
  public void close() {
    thread.interrupt();
    try {
      // A download under way ends at its own timeout; wait a little so a closed reader leaves no work behind.
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
