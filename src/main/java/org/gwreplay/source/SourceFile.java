package org.gwreplay.source;

import java.io.Serializable;
import org.gwreplay.gwf.FrameFileName;

/**
 * One archived frame file as a catalog knows it.
 *
 * @param detector the detector whose data is wanted from it (e.g. {@code H1})
 * @param name the file's name, which carries its GPS span
 * @param locator where {@link FrameSource#fetch} finds it (a path, a DID, ...); source-specific
 * @param bytes size in bytes, or -1 when unknown
 * @param adler32 eight lower-case hex digits, or null when unknown
 * @param md5 32 lower-case hex digits, or null when unknown
 */
public record SourceFile(String detector, FrameFileName name, String locator, long bytes,
    String adler32, String md5) implements Serializable {

  public long gpsStart() {
    return name.gpsStart();
  }

  public long gpsEnd() {
    return name.gpsEnd();
  }
}
