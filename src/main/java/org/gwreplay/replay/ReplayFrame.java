package org.gwreplay.replay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BigEndianLongCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.gwreplay.gwf.FrameFileName;

/**
 * One output frame file, ready to be released: the detector it belongs to, its name (which carries
 * the GPS span, shifted if the replay is shifted) and the complete GWF bytes.
 *
 * @param dataStart GPS start of the frame in replay time (before any shift): its event time. The
 *     source data's own time in the first pass of a loop (or with no loop); pass k adds k loop periods.
 * @param previousStart replay-time start of the detector's frame before this one in the replay, or
 *     {@link #NONE} for the first: the sink writes a frame only after that one, so files appear in
 *     GPS order even when several come due at once and the runner hands them over in any order
 */
public record ReplayFrame(String detector, FrameFileName name, long dataStart, byte[] gwf, long previousStart) {

  public static final long NONE = Long.MIN_VALUE;

  public ReplayFrame(String detector, FrameFileName name, long dataStart, byte[] gwf) {
    this(detector, name, dataStart, gwf, NONE);
  }

  ReplayFrame withPrevious(long start) {
    return new ReplayFrame(detector, name, dataStart, gwf, start);
  }

  public long duration() {
    return name.duration();
  }

  public long dataEnd() {
    return dataStart + name.duration();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReplayFrame f && f.detector.equals(detector) && f.name.equals(name)
        && f.dataStart == dataStart && f.previousStart == previousStart && Arrays.equals(f.gwf, gwf);
  }

  /**
   * From the name and data start alone: runners hash elements (the direct runner on every step),
   * and hashing megabytes of frame bytes cost 13 % of a batch replay's CPU. Equal frames have equal
   * names, so this agrees with {@link #equals}.
   */
  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Long.hashCode(dataStart);
  }

  @Override
  public String toString() {
    return detector + " " + name + " (" + gwf.length + " bytes)";
  }

  /** Compact coder: detector, name, data start, bytes, previous frame's start. */
  public static final class Coder extends AtomicCoder<ReplayFrame> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(ReplayFrame f, OutputStream out) throws IOException {
      StringUtf8Coder.of().encode(f.detector, out);
      StringUtf8Coder.of().encode(f.name.toString(), out);
      VarLongCoder.of().encode(f.dataStart, out);
      ByteArrayCoder.of().encode(f.gwf, out);
      BigEndianLongCoder.of().encode(f.previousStart, out);
    }

    @Override
    public ReplayFrame decode(InputStream in) throws IOException {
      return new ReplayFrame(StringUtf8Coder.of().decode(in),
          FrameFileName.parse(StringUtf8Coder.of().decode(in)),
          VarLongCoder.of().decode(in), ByteArrayCoder.of().decode(in), BigEndianLongCoder.of().decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
