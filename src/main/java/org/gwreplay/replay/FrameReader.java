package org.gwreplay.replay;

import java.time.Instant;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.StringSet;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.gwreplay.time.GpsTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one detector's frames from its {@link Prefetcher}. The watermark is the replay clock,
 * held back to the earliest frame not yet emitted, so it never runs ahead of the data.
 */
final class FrameReader extends UnboundedSource.UnboundedReader<ReplayFrame> {

  private static final Logger LOG = LoggerFactory.getLogger(FrameReader.class);

  static final int MAX_GAPS_REPORTED = 200;

  /** Waits in {@link #advance} for the next item: see {@link #nextItem}. */
  static final long SHORT_WAIT_NANOS = 1_000_000;
  static final long LONG_WAIT_NANOS = 100_000_000;
  /** How long after a release the runner gets to pass it on (measured: a few ms on two busy cores). */
  static final long RELEASE_BURST_NANOS = 30_000_000;

  private final FrameReadSource source;
  private final ReplaySpec spec;
  private final String detector;
  private final long resumeFrom;
  private final Counter framesRead;
  private final Counter gapSeconds;
  private final Counter retries;
  private final Counter lostSeconds;
  private final Counter unplaced;
  private final Counter offFlaggedSeconds;
  private final StringSet gapReports;
  private final Counter filesFetched;
  private final Counter bytesFetched;
  private final Counter fetchFailures;
  private FrameAssembler assembler;
  /** The assembler's fetch counts already added to the metrics. */
  private long fetchedReported;
  private long bytesReported;
  private long failuresReported;
  private int gapsReported;
  private Prefetcher prefetcher;
  private ReplayFrame current;
  /** Everything starting before this has been emitted or reported. */
  private long emittedThrough;
  private boolean finished;
  private boolean failed;
  private Gap openGap;
  private Delivery delivery;
  private final long plannedSeconds;

  FrameReader(FrameReadSource source, long resumeFrom, Delivery delivery) {
    this.source = source;
    this.spec = source.spec();
    this.detector = spec.detectors().get(0);
    this.resumeFrom = resumeFrom;
    this.emittedThrough = resumeFrom;
    this.delivery = delivery;
    // Judged against the whole read: a re-created reader carries what went before in its checkpoint.
    this.plannedSeconds = FramePlan.plannedSeconds(spec.segments(), spec.frameDuration(), spec.startPosition(detector));
    this.framesRead = Metrics.counter(ReplayMetrics.NAMESPACE, ReplayMetrics.framesRead(detector));
    this.gapSeconds = Metrics.counter(ReplayMetrics.NAMESPACE, ReplayMetrics.gapSeconds(detector));
    this.retries = Metrics.counter(ReplayMetrics.NAMESPACE, ReplayMetrics.retries(detector));
    this.lostSeconds = Metrics.counter(ReplayMetrics.NAMESPACE, ReplayMetrics.lostSeconds(detector));
    this.unplaced = Metrics.counter(ReplayMetrics.NAMESPACE, ReplayMetrics.unplaced(detector));
    this.offFlaggedSeconds = Metrics.counter(ReplayMetrics.NAMESPACE, ReplayMetrics.offFlaggedSeconds(detector));
    this.gapReports = Metrics.stringSet(ReplayMetrics.NAMESPACE, ReplayMetrics.gaps(detector));
    this.filesFetched = Metrics.counter(ReplayMetrics.NAMESPACE, ReplayMetrics.filesFetched(detector));
    this.bytesFetched = Metrics.counter(ReplayMetrics.NAMESPACE, ReplayMetrics.bytesFetched(detector));
    this.fetchFailures = Metrics.counter(ReplayMetrics.NAMESPACE, ReplayMetrics.fetchFailures(detector));
  }

  @Override
  public boolean start() {
    Carry carried = source.adopt(resumeFrom);
    if (carried != null) {
      assembler = carried.assembler;
      prefetcher = carried.prefetcher;
      fetchedReported = carried.fetched;
      bytesReported = carried.bytes;
      failuresReported = carried.failures;
      gapsReported = carried.gaps;
    } else {
      assembler = new FrameAssembler(spec, detector, resumeFrom);
      prefetcher = new Prefetcher(assembler, spec, detector);
    }
    return advance();
  }

  @Override
  public boolean advance() {
    try {
      return read();
    } catch (RuntimeException e) {
      failed = true; // nothing of this read is worth carrying on
      throw e;
    }
  }

  private boolean read() {
    // The source counts on the prefetch thread; metrics are reported from the runner's.
    long fresh = source.unreportedRetries();
    if (fresh > 0) {
      retries.inc(fresh);
    }
    long lost = assembler.takeUnplaced();
    if (lost > 0) {
      unplaced.inc(lost);
    }
    reportFetches();
    ReplayItem item;
    while ((item = nextItem()) != null) {
      if (item instanceof ReplayItem.Frame f) {
        reportGap(null);
        current = f.frame().withPrevious(delivery.lastFrameStart());
        emittedThrough = current.dataEnd();
        framesRead.inc();
        delivery = delivery.withFrame(current.dataStart());
        if (f.flaggedOff()) {
          offFlaggedSeconds.inc(current.duration());
        }
        return true;
      }
      if (item instanceof Gap g) {
        reportGap(g);
        emittedThrough = g.end();
        delivery = delivery.withGap(g);
        if (Delivery.isLoss(g.reason())) {
          lostSeconds.inc(g.duration());
        }
        judge(false);
      } else {
        reportGap(null);
        judge(true);
        finished = true;
        // A checkpoint taken now must resume as finished: the end of the plan, not a sentinel.
        emittedThrough = spec.replayEnd();
        return false;
      }
    }
    return false;
  }

  /**
   * The next prepared item, waiting when none is ready, as KafkaIO's reader does: an advance that
   * returns at once makes the direct runner re-run its scheduler without pause (Beam issue #18070),
   * about a core busy through a whole live replay. Between releases the wait is long; it ends at
   * the replay clock's next whole second, and just after one it is short, so that the runner moves
   * the watermark and writes the released frames at once.
   */
  private ReplayItem nextItem() {
    ReplayItem item = prefetcher.poll();
    return item != null ? item : prefetcher.poll(idleWaitNanos(spec.clock(), Instant.now()));
  }

  static long idleWaitNanos(ReplayClock clock, Instant now) {
    if (!clock.isPaced() || !clock.started()) {
      return SHORT_WAIT_NANOS;
    }
    long second = clock.releasedThrough(now).seconds();
    long sinceRelease = java.time.Duration.between(clock.releaseTime(GpsTime.ofSeconds(second)), now).toNanos();
    if (sinceRelease < RELEASE_BURST_NANOS) {
      return SHORT_WAIT_NANOS;
    }
    long untilRelease = java.time.Duration.between(now, clock.releaseTime(GpsTime.ofSeconds(second + 1))).toNanos();
    return Math.max(0, Math.min(LONG_WAIT_NANOS, untilRelease));
  }

  /** Ends the run, with one line saying why, once this detector has failed to deliver. */
  private void judge(boolean atEnd) {
    String failure = spec.delivery().failure(detector, delivery, plannedSeconds, atEnd);
    if (failure != null) {
      reportGap(null);
      throw new ReplayFailedException(failure);
    }
  }

  /** Adds the fetches the prefetch thread made since the last call (metrics count on this thread only). */
  private void reportFetches() {
    long f = assembler.fetched.get();
    long b = assembler.fetchedBytes.get();
    long x = assembler.fetchFailures.get();
    if (f > fetchedReported) {
      filesFetched.inc(f - fetchedReported);
      fetchedReported = f;
    }
    if (b > bytesReported) {
      bytesFetched.inc(b - bytesReported);
      bytesReported = b;
    }
    if (x > failuresReported) {
      fetchFailures.inc(x - failuresReported);
      failuresReported = x;
    }
  }

  /** Merges consecutive gaps with the same reason into one report; null flushes. */
  private void reportGap(Gap g) {
    if (g != null) {
      gapSeconds.inc(g.end() - g.start());
      Gap merged = openGap == null ? null : openGap.mergedWith(g);
      if (merged != null) {
        openGap = merged;
        return;
      }
    }
    if (openGap != null) {
      LOG.warn("gap {}", openGap);
      // The reasons reach the summary and status file through the runner's metrics; bounded,
      // since a long run over a patchy lake can have thousands of gaps (the log has them all).
      if (gapsReported++ < MAX_GAPS_REPORTED) {
        gapReports.add(openGap.report());
      }
    }
    openGap = g;
  }

  @Override
  public ReplayFrame getCurrent() {
    if (current == null) {
      throw new NoSuchElementException();
    }
    return current;
  }

  @Override
  public org.joda.time.Instant getCurrentTimestamp() {
    return toBeam(GpsTime.ofSeconds(getCurrent().dataStart()));
  }

  @Override
  public org.joda.time.Instant getWatermark() {
    GpsTime clock = spec.clock().releasedThrough(Instant.now());
    if (finished) {
      // Everything is emitted, but the last frames must still wait for the clock.
      boolean due = clock == null || clock.seconds() >= spec.replayEnd();
      return due ? BoundedWindow.TIMESTAMP_MAX_VALUE : toBeam(clock);
    }
    long next = prefetcher == null ? emittedThrough : prefetcher.nextStart();
    long pending = Math.min(Math.max(emittedThrough, next), spec.replayEnd());
    GpsTime limit = GpsTime.ofSeconds(pending);
    if (clock != null && clock.isBefore(limit)) {
      limit = clock;
    }
    return toBeam(limit);
  }

  @Override
  public FramePosition getCheckpointMark() {
    return new FramePosition(emittedThrough, delivery);
  }

  @Override
  public FrameReadSource getCurrentSource() {
    return source;
  }

  @Override
  public void close() {
    reportGap(null);
    if (prefetcher == null) {
      return;
    }
    if (finished || failed) {
      prefetcher.close();
    } else {
      source.park(new Carry(emittedThrough, assembler, prefetcher, fetchedReported, bytesReported, failuresReported, gapsReported));
    }
  }

  /**
   * What a reader closed mid-read leaves for the next reader of its split, if that one resumes
   * where it stopped: the frames prepared ahead (the archive file fetched and decoded) and how
   * much of the fetching was already reported.
   */
  static final class Carry implements AutoCloseable {
    final long position;
    final FrameAssembler assembler;
    final Prefetcher prefetcher;
    final long fetched;
    final long bytes;
    final long failures;
    final int gaps;

    Carry(long position, FrameAssembler assembler, Prefetcher prefetcher, long fetched, long bytes, long failures, int gaps) {
      this.position = position;
      this.assembler = assembler;
      this.prefetcher = prefetcher;
      this.fetched = fetched;
      this.bytes = bytes;
      this.failures = failures;
      this.gaps = gaps;
    }

    @Override
    public void close() {
      prefetcher.close();
    }
  }

  static org.joda.time.Instant toBeam(GpsTime gps) {
    return new org.joda.time.Instant(gps.toInstant().toEpochMilli());
  }
}
