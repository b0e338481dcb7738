package org.gwreplay.gwf;

import java.nio.ByteOrder;
import java.util.List;
import org.gwreplay.gwf.FrameInput.Pointer;
import org.gwreplay.gwf.GwfReader.Format;
import org.gwreplay.gwf.GwfReader.Linked;
import org.gwreplay.gwf.GwfReader.Unresolved;
import org.gwreplay.time.GpsTime;

/**
 * FrEvent and FrSimEvent: a found or a simulated event ({@link Event}). The two structures are
 * one but for the fields a simulated event lacks (status, probability, statistics).
 */
final class FrEvent {

  static final Layout EVENT = Layout.of(Dictionary.FR_EVENT).e("name", "STRING").e("comment", "STRING")
      .e("inputs", "STRING").e("GTimeS", "INT_4U").e("GTimeN", "INT_4U").e("timeBefore", "REAL_4")
      .e("timeAfter", "REAL_4").e("eventStatus", "INT_4U").e("amplitude", "REAL_4").e("probability", "REAL_4")
      .e("statistics", "STRING").e("nParam", "INT_2U").e("parameters", "REAL_8[nParam]")
      .e("parameterNames", "STRING[nParam]").p("data", "FrVect").p("table", "FrTable").p("next", "FrEvent")
      .chkSum();
  static final Layout SIM_EVENT = Layout.of(Dictionary.FR_SIM_EVENT).e("name", "STRING")
      .e("comment", "STRING").e("inputs", "STRING").e("GTimeS", "INT_4U").e("GTimeN", "INT_4U")
      .e("timeBefore", "REAL_4").e("timeAfter", "REAL_4").e("amplitude", "REAL_4").e("nParam", "INT_2U")
      .e("parameters", "REAL_8[nParam]").e("parameterNames", "STRING[nParam]").p("data", "FrVect")
      .p("table", "FrTable").p("next", "FrSimEvent").chkSum();

  private FrEvent() {}

  static Layout layout(boolean simulated) {
    return simulated ? SIM_EVENT : EVENT;
  }

  static FrameOutput write(ByteOrder order, Event e, Pointer data, Pointer next) {
    FrameOutput o = new FrameOutput(order, layout(e.simulated())).string(e.name()).string(e.comment())
        .string(e.inputs()).i32(e.time().seconds()).i32(e.time().nanos()).f32(e.timeBefore()).f32(e.timeAfter());
    if (!e.simulated()) {
      o.i32(e.eventStatus());
    }
    o.f32(e.amplitude());
    if (!e.simulated()) {
      o.f32(e.probability()).string(e.statistics());
    }
    o.u16(e.parameters().size());
    e.parameters().forEach(o::f64);
    e.parameterNames().forEach(o::string);
    return o.pointer(data).pointer(Pointer.NONE).pointer(next); // (table)
  }

  /** Parameters came with version 5 for FrEvent and version 6 for FrSimEvent; version 6 has them as REAL_4. */
  static Linked<Unresolved<Event>> read(FrameInput in, Format f, boolean simulated) throws GwfFormatException {
    String name = in.string();
    String comment = in.string();
    String inputs = in.string();
    long s = in.u32();
    long ns = in.u32();
    if (ns >= 1_000_000_000L) {
      throw in.error("GTimeN " + ns + " is not below one second");
    }
    float before = in.f32();
    float after = in.f32();
    long status = simulated ? 0 : in.u32();
    float amplitude = in.f32();
    float probability = simulated ? 0 : in.f32();
    String statistics = simulated ? "" : in.string();
    int n = f.version() < 5 || (simulated && f.version() == 5) ? 0 : in.u16();
    List<Double> params = GwfReader.reals(in, n, f.version() == 6);
    List<String> names = GwfReader.strings(in, n);
    Pointer data = in.pointer();
    in.pointer(); // table
    GpsTime time = new GpsTime(s, (int) ns);
    return new Linked<>(links -> new Event(simulated, name, comment, inputs, time, before, after, status, amplitude,
        probability, statistics, params, names, links.vects(data)), in.pointer());
  }
}
