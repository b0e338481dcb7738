package org.gwreplay.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.gwreplay.gwf.FrameFileName;

/** Tells of each frame as a reader of a replay's target sees it arrive whole (for the monitor). */
public interface ArrivalSource {

  /** Told of each frame as it arrives, on the source's thread. */
  interface Feed {
    /** @param file where it is, or null when the target is not a directory */
    void frame(String detector, Path file, FrameFileName name, long bytes, Instant when);
  }

  /** Starts telling {@code feed} of {@code spec}'s arrivals until the answer is closed. */
  AutoCloseable watch(ReplaySpec spec, Feed feed) throws IOException;
}
