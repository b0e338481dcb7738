package org.gwreplay.replay;

import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.gwreplay.time.SegmentList;

/**
 * Where a replay's released frames go (a shared directory, Kafka topics), with everything the
 * replay needs to know of it: the checks before the run, where a resumed run continues, the
 * pipeline's last step, and how the monitor sees frames arrive ({@link ArrivalSource#watch}).
 */
public interface ReplayTarget extends ArrivalSource {

  /** Checks before the run that the target can be written (a dry run skips this); one-line IAE when not. */
  void check();

  /**
   * Reads what an interrupted run left, so the sink leaves it alone, and says where each detector
   * continues. Called, when at all, before {@link #sink}.
   *
   * @param tag the output tag ({@code {ifo}} per detector), or null/empty for the default
   */
  ResumePoint resume(List<String> detectors, String tag, SegmentList segments, long frameDuration, long passes);

  /** Whether frames pass the release step (windows firing in GPS order) before the sink under {@code clock}. */
  boolean needsRelease(ReplayClock clock);

  /** Whether a detector may be read in GPS shards side by side, its frames reaching the sink out of order. */
  boolean allowsTimeSharding();

  /** The pipeline step's name for {@link #sink} (kept stable: runners key their state by it). */
  String sinkName();

  /** The pipeline's last step: writes each released frame. */
  PTransform<PCollection<ReplayFrame>, PDone> sink(ReplaySpec spec);

  /** Where the status file goes unless told; null for none. */
  Path defaultStatusFile();

  /** Where the frames go, as the log and the status name it. */
  @Override
  String toString();
}
