package org.gwreplay.replay;

import java.io.Serializable;

/**
 * When a replay has failed to deliver, so that a script or a Kubernetes Job does not take a run
 * that wrote nothing for success. Without {@code allowGaps}, a detector fails the run:
 * <ul>
 *   <li>as soon as more than {@code maxMissing} of its planned data time is lost (missing for a
 *       reason other than "no data in the source"): the run can no longer succeed;
 *   <li>as soon as its first {@link #FIRST_LOSSES} frames are all lost with none delivered
 *       (a catalog that cannot be logged into, storage that never answers): no point waiting;
 *   <li>at its end, when it delivered no frame at all, whatever the reason.
 * </ul>
 * Source gaps ("no data in the source") are how live data looks when a detector is off: they
 * never count as lost, but a detector with nothing at all to replay still fails.
 *
 * <p>An unpaced replay reads each detector in GPS shards ({@link TimeShards}); a shard judges its
 * losses against the whole detector's planned time ({@code detectorSeconds}), only the first
 * shard applies the rule on the first frames, and whether a detector delivered nothing at all is
 * judged once the run is done, over all its shards ({@link #undelivered}).
 */
public record DeliveryRule(boolean allowGaps, double maxMissing, long detectorSeconds, boolean laterShard)
    implements Serializable {

  static final int FIRST_LOSSES = 3;

  /** The command line's default: fail on more than a tenth lost. */
  public static final double DEFAULT_MAX_MISSING = 0.1;

  /** Never fails the run for missing frames. */
  public static final DeliveryRule LENIENT = new DeliveryRule(true, 1.0);

  public DeliveryRule(boolean allowGaps, double maxMissing) {
    this(allowGaps, maxMissing, 0, false);
  }

  /** The rule for one GPS shard of a detector whose whole read plans {@code detectorSeconds}. */
  DeliveryRule forShard(long detectorSeconds, boolean first) {
    return new DeliveryRule(allowGaps, maxMissing, detectorSeconds, !first);
  }

  public DeliveryRule {
    if (!(maxMissing >= 0 && maxMissing <= 1)) {
      throw new IllegalArgumentException("--max-missing must be a share between 0 and 1 (e.g. 0.1 for 10%), not " + maxMissing);
    }
  }

  /**
   * Why the replay of {@code detector} has failed, as one line naming what failed and what to
   * check; null while it has not.
   *
   * @param plannedSeconds data time this read was to replay
   * @param finished whether the read has come to the end of its plan
   */
  String failure(String detector, Delivery d, long plannedSeconds, boolean finished) {
    if (allowGaps) {
      return null;
    }
    boolean shard = detectorSeconds > 0;
    if (shard) {
      plannedSeconds = detectorSeconds;
    }
    if (d.lostSeconds() > maxMissing * plannedSeconds) {
      return String.format("%s: %d of %d s of data could not be replayed, more than the %s allowed by --max-missing (first: %s)%s",
          detector, d.lostSeconds(), plannedSeconds, percent(maxMissing), d.reason(), hint(d.reason()));
    }
    if (d.frames() == 0 && d.lostFrames() >= FIRST_LOSSES && !laterShard) {
      return String.format("%s: none of the first %d frames could be replayed (first: %s)%s", detector, d.lostFrames(), d.reason(),
          hint(d.reason()));
    }
    if (finished && d.frames() == 0 && plannedSeconds > 0 && !shard) {
      return undelivered(detector, d.reason());
    }
    return null;
  }

  /**
   * The failure, judged when the run is done, of a detector whose shards together delivered
   * {@code frames} frames and lost {@code lostSeconds} of {@code plannedSeconds}; null if none.
   */
  public String afterRun(String detector, long frames, long lostSeconds, long plannedSeconds, String reason) {
    if (allowGaps || plannedSeconds <= 0) {
      return null;
    }
    if (lostSeconds > maxMissing * plannedSeconds) {
      return String.format("%s: %d of %d s of data could not be replayed, more than the %s allowed by --max-missing (first: %s)%s",
          detector, lostSeconds, plannedSeconds, percent(maxMissing), reason, hint(reason));
    }
    return frames == 0 ? undelivered(detector, reason) : null;
  }

  /** The failure of a detector that delivered no frame at all; null when gaps are allowed. */
  public String undelivered(String detector, String reason) {
    if (allowGaps) {
      return null;
    }
    String why = reason == null ? "nothing was read" : reason;
    return String.format("%s: no frame was replayed (%s)%s", detector, why, hint(why));
  }

  /** Data seconds of {@code detector}'s whole planned read. */
  public static long plannedSeconds(ReplaySpec spec, String detector) {
    return FramePlan.plannedSeconds(spec.segments(), spec.frameDuration(), spec.startPosition(detector));
  }

  private static String percent(double share) {
    return java.math.BigDecimal.valueOf(share * 100).stripTrailingZeros().toPlainString() + "%";
  }

  /** What to check, from the kind of failure. */
  static String hint(String reason) {
    String check;
    if (reason == null) {
      check = "check --source and the GPS range";
    } else if (reason.startsWith("catalog error")) {
      check = "check the catalog's address, auth settings and credentials (rucio_host, auth_host, auth_type in rucio.cfg) and the network";
    } else if (reason.startsWith("cannot fetch")) {
      check = "check the storage serving the replicas and the network (the catalog answered)";
    } else if (reason.startsWith("corrupt file")) {
      check = "the source files are damaged";
    } else if (reason.startsWith("no channel matching")) {
      check = "check --channels against the channels of the source files (gwreplay inspect FILE)";
    } else if (reason.equals(Delivery.NO_DATA)) {
      check = "check --source, --detectors and the GPS range";
    } else {
      check = "see the log";
    }
    return "; " + check + " (--allow-gaps lets such a run go on)";
  }
}
