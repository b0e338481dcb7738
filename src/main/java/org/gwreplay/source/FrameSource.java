package org.gwreplay.source;

import java.io.IOException;
import java.io.Serializable;
import java.util.Iterator;

/**
 * Where archived frame files come from: a Rucio data lake, a local directory, or the built-in
 * demo. A source is serialized into the pipeline and used on workers.
 *
 * <p>Listing is lazy: implementations ask their catalog for one chunk of GPS time at a time as
 * the iterator advances, never for a whole observing run at once.
 */
public interface FrameSource extends Serializable {

  /**
   * The files holding {@code detector}'s data that overlap [gpsStart, gpsEnd), in GPS order.
   * Time not covered by any file is a gap: the caller sees it as a hole between files. Catalog
   * failures surface as {@link java.io.UncheckedIOException} from the iterator.
   */
  Iterator<SourceFile> files(String detector, long gpsStart, long gpsEnd);

  /**
   * The complete bytes of one file, verified (size, checksum) where the catalog gives them.
   * Never returns a partial or corrupt file: throws instead, naming the file and the reason.
   */
  byte[] fetch(SourceFile file) throws IOException;

  /**
   * Failed attempts so far (retried, or failed over to another replica) of this instance, for
   * progress reports. Sources without retries report 0.
   */
  default long retries() {
    return 0;
  }

  /**
   * The source one detector's reader uses. Sources that keep live state per instance (a
   * session, its retry counts) return a fresh copy, so that each detector counts its own retries
   * on every runner (distributed runners deserialize a copy per reader anyway; the direct runner
   * would share one). Stateless sources return themselves.
   */
  default FrameSource forDetector(String detector) {
    return this;
  }

  /** What this source is, for logs and the plan; never includes a secret. */
  String describe();
}
