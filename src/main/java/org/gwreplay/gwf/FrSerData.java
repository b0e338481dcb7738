package org.gwreplay.gwf;

import java.nio.ByteOrder;
import org.gwreplay.gwf.FrameInput.Pointer;
import org.gwreplay.gwf.GwfReader.Format;
import org.gwreplay.gwf.GwfReader.Linked;
import org.gwreplay.gwf.GwfReader.Unresolved;

/** FrSerData: a slow channel of readings as text ({@link SerData}). */
final class FrSerData {

  static final Layout LAYOUT = Layout.of(Dictionary.FR_SER_DATA).e("name", "STRING")
      .e("timeSec", "INT_4U").e("timeNsec", "INT_4U").e("sampleRate", "REAL_8").e("data", "STRING")
      .p("serial", "FrVect").p("table", "FrTable").p("next", "FrSerData").chkSum();

  private FrSerData() {}

  static FrameOutput write(ByteOrder order, SerData s, Pointer serial, Pointer next) {
    return new FrameOutput(order, LAYOUT).string(s.name()).i32(s.timeSec()).i32(s.timeNsec()).f64(s.sampleRate())
        .string(s.data()).pointer(serial).pointer(Pointer.NONE).pointer(next); // (table)
  }

  /** Version 6 has a REAL_4 sample rate. */
  static Linked<Unresolved<SerData>> read(FrameInput in, Format f) throws GwfFormatException {
    String name = in.string();
    long timeSec = in.u32();
    long timeNsec = in.u32();
    double sampleRate = f.version() == 6 ? in.f32() : in.f64();
    String data = in.string();
    Pointer serial = in.pointer();
    in.pointer(); // table
    return new Linked<>(links -> new SerData(name, timeSec, timeNsec, sampleRate, data, links.vects(serial)),
        in.pointer());
  }
}
