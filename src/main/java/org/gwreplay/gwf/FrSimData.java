package org.gwreplay.gwf;

import java.nio.ByteOrder;
import org.gwreplay.gwf.FrameInput.Pointer;
import org.gwreplay.gwf.GwfReader.Format;
import org.gwreplay.gwf.GwfReader.Linked;
import org.gwreplay.gwf.GwfReader.Unresolved;

/** FrSimData: a simulated channel ({@link SimData}). */
final class FrSimData {

  static final Layout LAYOUT = Layout.of(Dictionary.FR_SIM_DATA).e("name", "STRING")
      .e("comment", "STRING").e("sampleRate", "REAL_8").e("timeOffset", "REAL_8").e("fShift", "REAL_8")
      .e("phase", "REAL_4").p("data", "FrVect").p("input", "FrVect").p("table", "FrTable").p("next", "FrSimData")
      .chkSum();

  private FrSimData() {}

  static FrameOutput write(ByteOrder order, SimData s, Pointer data, Pointer input, Pointer next) {
    return new FrameOutput(order, LAYOUT).string(s.name()).string(s.comment()).f64(s.sampleRate())
        .f64(s.timeOffset()).f64(s.fShift()).f32(s.phase()).pointer(data).pointer(input).pointer(Pointer.NONE)
        .pointer(next); // (table)
  }

  /**
   * Versions 4 and 5 have a REAL_4 sample rate and no offset, shift or phase yet; version 6 a
   * REAL_4 sample rate.
   */
  static Linked<Unresolved<SimData>> read(FrameInput in, Format f) throws GwfFormatException {
    String name = in.string();
    String comment = in.string();
    boolean old = f.version() <= 5;
    double sampleRate = f.version() <= 6 ? in.f32() : in.f64();
    double timeOffset = old ? 0.0 : in.f64();
    double fShift = old ? 0.0 : in.f64();
    float phase = old ? 0f : in.f32();
    Pointer data = in.pointer();
    Pointer input = in.pointer();
    in.pointer(); // table
    return new Linked<>(links -> new SimData(name, comment, sampleRate, timeOffset, fShift, phase, links.vects(data),
        links.vects(input)), in.pointer());
  }
}
