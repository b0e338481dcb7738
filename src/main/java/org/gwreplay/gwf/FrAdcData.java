package org.gwreplay.gwf;

import java.nio.ByteOrder;
import org.gwreplay.gwf.FrameInput.Pointer;
import org.gwreplay.gwf.GwfReader.Format;
import org.gwreplay.gwf.GwfReader.Linked;
import org.gwreplay.gwf.GwfReader.Unresolved;

/** FrAdcData: a channel as digitized ({@link AdcData}). */
final class FrAdcData {

  static final Layout LAYOUT = Layout.of(Dictionary.FR_ADC_DATA).e("name", "STRING")
      .e("comment", "STRING").e("channelGroup", "INT_4U").e("channelNumber", "INT_4U").e("nBits", "INT_4U")
      .e("bias", "REAL_4").e("slope", "REAL_4").e("units", "STRING").e("sampleRate", "REAL_8")
      .e("timeOffset", "REAL_8").e("fShift", "REAL_8").e("phase", "REAL_4").e("dataValid", "INT_2U")
      .p("data", "FrVect").p("aux", "FrVect").p("next", "FrAdcData").chkSum();

  private FrAdcData() {}

  static FrameOutput write(ByteOrder order, AdcData a, Pointer data, Pointer aux, Pointer next) {
    return new FrameOutput(order, LAYOUT).string(a.name()).string(a.comment()).i32(a.channelGroup())
        .i32(a.channelNumber()).i32(a.nBits()).f32(a.bias()).f32(a.slope()).string(a.units()).f64(a.sampleRate())
        .f64(a.timeOffset()).f64(a.fShift()).f32(a.phase()).u16(a.dataValid()).pointer(data).pointer(aux)
        .pointer(next);
  }

  /** Versions 4 and 5 give the time offset as seconds and nanoseconds; version 4 has no phase. */
  static Linked<Unresolved<AdcData>> read(FrameInput in, Format f) throws GwfFormatException {
    String name = in.string();
    String comment = in.string();
    long channelGroup = in.u32();
    long channelNumber = in.u32();
    long nBits = in.u32();
    float bias = in.f32();
    float slope = in.f32();
    String units = in.string();
    double sampleRate = in.f64();
    double timeOffset = f.version() <= 5 ? OldLayouts.seconds(in) : in.f64();
    double fShift = in.f64();
    float phase = f.version() == 4 ? 0f : in.f32();
    int dataValid = in.u16();
    Pointer data = in.pointer();
    Pointer aux = in.pointer();
    return new Linked<>(links -> new AdcData(name, comment, channelGroup, channelNumber, nBits, bias, slope, units,
        sampleRate, timeOffset, fShift, phase, dataValid, links.vects(data), links.vects(aux)), in.pointer());
  }
}
