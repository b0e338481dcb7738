package org.gwreplay.gwf;

import java.nio.ByteOrder;
import java.util.List;
import org.gwreplay.gwf.FrameInput.Pointer;
import org.gwreplay.gwf.GwfReader.Format;
import org.gwreplay.gwf.GwfReader.Linked;
import org.gwreplay.gwf.GwfReader.Unresolved;

/** FrProcData: a processed channel, such as calibrated strain ({@link ProcData}). */
final class FrProcData {

  static final Layout LAYOUT = Layout.of(Dictionary.FR_PROC_DATA).e("name", "STRING")
      .e("comment", "STRING").e("type", "INT_2U").e("subType", "INT_2U").e("timeOffset", "REAL_8")
      .e("tRange", "REAL_8").e("fShift", "REAL_8").e("phase", "REAL_4").e("fRange", "REAL_8").e("BW", "REAL_8")
      .e("nAuxParam", "INT_2U").e("auxParam", "REAL_8[nAuxParam]").e("auxParamNames", "STRING[nAuxParam]")
      .p("data", "FrVect").p("aux", "FrVect").p("table", "FrTable").p("history", "FrHistory")
      .p("next", "FrProcData").chkSum();

  private FrProcData() {}

  static FrameOutput write(ByteOrder order, ProcData p, Pointer data, Pointer aux, Pointer history, Pointer next) {
    FrameOutput o = new FrameOutput(order, LAYOUT).string(p.name()).string(p.comment()).u16(p.type())
        .u16(p.subType()).f64(p.timeOffset()).f64(p.tRange()).f64(p.fShift()).f32(p.phase()).f64(p.fRange())
        .f64(p.bw()).u16(p.auxParam().size());
    p.auxParam().forEach(o::f64);
    p.auxParamNames().forEach(o::string);
    return o.pointer(data).pointer(aux).pointer(Pointer.NONE).pointer(history).pointer(next); // (table)
  }

  static Linked<Unresolved<ProcData>> read(FrameInput in, Format f) throws GwfFormatException {
    if (f.version() <= 5) {
      return readV4V5(in, f.version());
    }
    String name = in.string();
    String comment = in.string();
    int type = in.u16();
    int subType = in.u16();
    double timeOffset = in.f64();
    double tRange = in.f64();
    double fShift = in.f64();
    float phase = in.f32();
    double fRange = in.f64();
    double bw = in.f64();
    int nAux = in.u16();
    List<Double> aux = GwfReader.reals(in, nAux, false);
    List<String> auxNames = GwfReader.strings(in, nAux);
    Pointer data = in.pointer();
    Pointer auxV = in.pointer();
    in.pointer(); // table
    Pointer history = in.pointer();
    return new Linked<>(links -> new ProcData(name, comment, type, subType, timeOffset, tRange, fShift, phase, fRange,
        bw, aux, auxNames, links.vects(data), links.vects(auxV), links.chain(history, "FrHistory")), in.pointer());
  }

  /**
   * Versions 4 and 5: name, comment, sampleRate, time offset (seconds and nanoseconds), fShift,
   * (5: phase), data, aux, table, next. A processed channel was a time series then (it has a
   * sample rate): read as one, its rate given by its vector as in later versions.
   */
  private static Linked<Unresolved<ProcData>> readV4V5(FrameInput in, int version) throws GwfFormatException {
    String name = in.string();
    String comment = in.string();
    in.f64(); // sampleRate: the data vector's dx says the same
    double timeOffset = OldLayouts.seconds(in);
    double fShift = in.f64();
    float phase = version == 5 ? in.f32() : 0f;
    Pointer data = in.pointer();
    Pointer aux = in.pointer();
    in.pointer(); // table
    return new Linked<>(links -> new ProcData(name, comment, ProcData.TIME_SERIES, 0, timeOffset, 0.0, fShift, phase,
        0.0, 0.0, List.of(), List.of(), links.vects(data), links.vects(aux), List.of()), in.pointer());
  }
}
