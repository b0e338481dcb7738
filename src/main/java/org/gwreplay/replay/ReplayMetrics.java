package org.gwreplay.replay;

/**
 * The names of the Beam metrics a replay reports, in one place: the reader and the sinks write
 * them, the status file, the summary and the delivery check read them back by name (the runners
 * report them without their namespace). Per-detector metrics are {@code NAME_IFO} in
 * {@link #NAMESPACE}; the sinks' totals are in their own class's namespace.
 */
public final class ReplayMetrics {

  /** Namespace of the per-detector metrics. */
  public static final String NAMESPACE = "gwreplay";

  /** A sink's totals. */
  public static final String FILES_WRITTEN = "filesWritten";
  public static final String BYTES_WRITTEN = "bytesWritten";
  public static final String FILES_EXPIRED = "filesExpired";
  public static final String FRAMES_ALREADY_PUBLISHED = "framesAlreadyPublished";

  private static final String GAPS = "gaps_";

  private ReplayMetrics() {}

  /** The per-detector metric {@code name} of {@code detector}. */
  public static String perDetector(String name, String detector) {
    return name + "_" + detector;
  }

  /** Frames the reader emitted. */
  public static String framesRead(String detector) {
    return perDetector("framesRead", detector);
  }

  /** Data seconds with no frame because the source had none usable. */
  public static String gapSeconds(String detector) {
    return perDetector("gapSeconds", detector);
  }

  /** Data seconds lost to failures (not source gaps), judged by the delivery rule. */
  public static String lostSeconds(String detector) {
    return perDetector("lostSeconds", detector);
  }

  /** Failed source attempts that were retried or failed over. */
  public static String retries(String detector) {
    return perDetector("retries", detector);
  }

  /** Source structures that could not be placed in an output frame. */
  public static String unplaced(String detector) {
    return perDetector("unplaced", detector);
  }

  /** Detector-off seconds written as frames flagged not observing. */
  public static String offFlaggedSeconds(String detector) {
    return perDetector("offFlaggedSeconds", detector);
  }

  public static String filesFetched(String detector) {
    return perDetector("filesFetched", detector);
  }

  public static String bytesFetched(String detector) {
    return perDetector("bytesFetched", detector);
  }

  public static String fetchFailures(String detector) {
    return perDetector("fetchFailures", detector);
  }

  public static String filesWritten(String detector) {
    return perDetector(FILES_WRITTEN, detector);
  }

  public static String bytesWritten(String detector) {
    return perDetector(BYTES_WRITTEN, detector);
  }

  /**
   * Distribution: GPS end of each frame written; its max is the newest (a gauge would report the
   * last set, which for shards written in parallel need not be the newest).
   */
  public static String gpsWritten(String detector) {
    return perDetector("gpsWritten", detector);
  }

  /** Distribution: how late (ms) each paced frame was written after its release time. */
  public static String latenessMs(String detector) {
    return perDetector("latenessMs", detector);
  }

  /** String set: the reader's gap reports ({@link Gap#report()}). */
  public static String gaps(String detector) {
    return GAPS + detector;
  }

  /** The detector whose gap reports the string set {@code name} carries; null when it carries none. */
  public static String gapsDetector(String name) {
    return name.startsWith(GAPS) ? name.substring(GAPS.length()) : null;
  }
}
