package org.gwreplay.replay;

import java.util.Map;
import java.util.OptionalLong;

/**
 * Where a resumed replay continues, as read from what the interrupted run left in its target.
 *
 * @param positions per detector, the first frame still to write (detectors with nothing written are absent)
 * @param newestEnd the end of the newest frame already there, over all detectors: a resumed clock starts there
 */
public record ResumePoint(Map<String, Long> positions, OptionalLong newestEnd) {

  /** A fresh start. */
  public static final ResumePoint NONE = new ResumePoint(Map.of(), OptionalLong.empty());
}
