package org.gwreplay.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The replay's reader as a classic {@link UnboundedSource}, one split per detector (and GPS shard). It emits each
 * frame stamped with its GPS start and holds its watermark to the replay clock, which the Flink
 * runner forwards every {@code --autoWatermarkInterval} (a splittable DoFn's watermark would
 * only reach downstream when it finished). When the plan is exhausted the watermark goes to the
 * end of time and the read finishes, so finite replays end.
 */
public final class FrameReadSource extends UnboundedSource<ReplayFrame, FramePosition> {

  private final ReplaySpec spec;
  /**
   * The source's retries already counted in the metric. A runner may re-create readers on the
   * same split (the direct runner does so at random, from checkpoints) and they must not count
   * the same failures again; the count lives with the source object, and after deserialization
   * both start at 0.
   */
  private transient long retriesReported;
  /**
   * A closed reader's read-ahead, for the next reader of this split. The direct runner closes a
   * reader after about one bundle in twenty and makes a new one from its checkpoint; without this
   * each new reader fetched and decoded its current archive file again (measured: 2 to 10 extra
   * 256-s files in a 1024-s re-framing). Taken only by a reader resuming exactly there, and closed
   * if none comes soon: a runner that closes readers for good (Flink, at a stop) leaves no thread.
   */
  private transient FrameReader.Carry parked;

  static final long PARKED_SECONDS = 10;

  public FrameReadSource(ReplaySpec spec) {
    this.spec = spec;
  }

  ReplaySpec spec() {
    return spec;
  }

  /**
   * One split per detector; an unpaced replay's detectors are further cut into GPS shards so that
   * every slot the runner offers reads and writes (see {@link TimeShards}).
   */
  @Override
  public List<FrameReadSource> split(int desiredNumSplits, PipelineOptions options) {
    int perDetector = spec.clock().isPaced() || !spec.timeSharded() ? 1 : (int) Math.max(1, TimeShards.ceilDiv(desiredNumSplits, spec.detectors().size()));
    List<FrameReadSource> splits = new ArrayList<>();
    for (String d : spec.detectors()) {
      for (ReplaySpec shard : TimeShards.split(spec.forDetector(d), perDetector)) {
        splits.add(new FrameReadSource(shard));
      }
    }
    return splits;
  }

  @Override
  public UnboundedReader<ReplayFrame> createReader(PipelineOptions options, @Nullable FramePosition mark) {
    if (spec.detectors().size() != 1) {
      // Runners split before reading; a direct read of the unsplit source still works, one detector at a time is not needed.
      throw new IllegalStateException("read the split sources, one per detector");
    }
    long from = mark != null ? mark.next() : spec.startPosition(spec.detectors().get(0));
    Delivery delivery = mark != null && mark.delivery() != null ? mark.delivery() : Delivery.NONE;
    return new FrameReader(this, from, delivery);
  }

  void park(FrameReader.Carry carry) {
    FrameReader.Carry old = swap(carry);
    if (old != null) {
      old.close();
    }
    CompletableFuture.delayedExecutor(PARKED_SECONDS, TimeUnit.SECONDS).execute(() -> {
      synchronized (this) {
        if (parked != carry) {
          return; // taken, or replaced
        }
        parked = null;
      }
      carry.close();
    });
  }

  /** The read-ahead parked at {@code position}, or null (any other parked one is closed). */
  FrameReader.Carry adopt(long position) {
    FrameReader.Carry c = swap(null);
    if (c != null && c.position != position) {
      c.close();
      return null;
    }
    return c;
  }

  /** Parks {@code carry} (or nothing) and returns what was parked; closing happens outside the lock (it may wait on a download). */
  private synchronized FrameReader.Carry swap(FrameReader.Carry carry) {
    FrameReader.Carry old = parked;
    parked = carry;
    return old;
  }

  /** Retries of the source not yet reported, given its running total; marks them reported. */
  synchronized long unreportedRetries() {
    long total = spec.source().retries();
    long fresh = Math.max(0, total - retriesReported);
    retriesReported = Math.max(retriesReported, total);
    return fresh;
  }

  @Override
  public Coder<FramePosition> getCheckpointMarkCoder() {
    return SerializableCoder.of(FramePosition.class);
  }

  @Override
  public Coder<ReplayFrame> getOutputCoder() {
    return ReplayFrame.Coder.of();
  }

  @Override
  public boolean requiresDeduping() {
    return false;
  }
}
