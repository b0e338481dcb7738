package org.gwreplay.gwf;

import java.nio.ByteOrder;
import org.gwreplay.gwf.FrameInput.Pointer;
import org.gwreplay.gwf.GwfReader.Format;
import org.gwreplay.gwf.GwfReader.Links;
import org.gwreplay.time.GpsTime;

/**
 * FrameH: a frame's header, its start, length and the first structure of each of its lists; the
 * frame itself ({@link Frame}) once its FrEndOfFrame has been read and the lists resolved.
 */
record FrameH(String name, int run, long frame, long dataQuality, GpsTime start, int leapS, int localTime, double dt,
    Lists lists) {

  static final Layout LAYOUT = Layout.of(Dictionary.FRAME_H).e("name", "STRING").e("run", "INT_4S")
      .e("frame", "INT_4U").e("dataQuality", "INT_4U").e("GTimeS", "INT_4U").e("GTimeN", "INT_4U")
      .e("ULeapS", "INT_2U").e("dt", "REAL_8").p("type", "FrVect").p("user", "FrVect").p("detectSim", "FrDetector")
      .p("detectProc", "FrDetector").p("history", "FrHistory").p("rawData", "FrRawData").p("procData", "FrProcData")
      .p("simData", "FrSimData").p("event", "FrEvent").p("simEvent", "FrSimEvent").p("summaryData", "FrSummary")
      .p("auxData", "FrVect").p("auxTable", "FrTable").chkSum();

  /** The first structure of each of a frame's lists (FrSummary and FrTable lists are not kept). */
  record Lists(Pointer type, Pointer user, Pointer detectSim, Pointer detectProc, Pointer history, Pointer rawData,
      Pointer procData, Pointer simData, Pointer event, Pointer simEvent, Pointer auxData) {}

  static FrameOutput write(ByteOrder order, Frame f, Lists l) {
    return new FrameOutput(order, LAYOUT).string(f.name()).i32(f.run()).i32(f.frameNumber()).i32(f.dataQuality())
        .i32(f.start().seconds()).i32(f.start().nanos()).u16(f.leapSeconds()).f64(f.duration()).pointer(l.type())
        .pointer(l.user()).pointer(l.detectSim()).pointer(l.detectProc()).pointer(l.history()).pointer(l.rawData())
        .pointer(l.procData()).pointer(l.simData()).pointer(l.event()).pointer(l.simEvent())
        .pointer(Pointer.NONE).pointer(l.auxData()).pointer(Pointer.NONE); // summaryData, auxTable
  }

  /** Version 4 has a local time (which its detectors take) and a pointer to a strain structure later dropped. */
  static FrameH read(FrameInput in, Format f) throws GwfFormatException {
    String name = in.string();
    int run = in.i32();
    long frame = in.u32();
    long dq = in.u32();
    long s = in.u32();
    long ns = in.u32();
    if (ns >= 1_000_000_000L) {
      throw in.error("GTimeN " + ns + " is not below one second");
    }
    int leap = in.u16();
    int localTime = f.version() < 5 ? in.i32() : 0;
    double dt = in.f64();
    if (!(dt > 0) || Double.isInfinite(dt)) {
      throw in.error("frame length dt " + dt + " is not positive");
    }
    Pointer type = in.pointer();
    Pointer user = in.pointer();
    Pointer detectSim = in.pointer();
    Pointer detectProc = in.pointer();
    Pointer history = in.pointer();
    Pointer raw = in.pointer();
    Pointer proc = in.pointer();
    if (f.version() < 5) {
      in.pointer(); // strain
    }
    Pointer sim = in.pointer();
    Pointer event = in.pointer();
    Pointer simEvent = in.pointer();
    in.pointer(); // summaryData
    Pointer aux = in.pointer();
    return new FrameH(name, run, frame, dq, new GpsTime(s, (int) ns), leap, localTime, dt,
        new Lists(type, user, detectSim, detectProc, history, raw, proc, sim, event, simEvent, aux));
  }

  /** The frame, its lists resolved. */
  Frame resolve(Links links) throws GwfFormatException {
    Frame.Builder b = Frame.builder(name, start, dt).run(run).frameNumber(frame).dataQuality(dataQuality)
        .leapSeconds(leapS);
    links.vects(lists.type()).forEach(b::addType);
    links.vects(lists.user()).forEach(b::addUser);
    links.vects(lists.auxData()).forEach(b::addAuxData);
    links.<Detector>chain(lists.detectSim(), "FrDetector").forEach(b::addDetectSim);
    links.<Detector>chain(lists.detectProc(), "FrDetector").forEach(b::addDetector);
    links.<History>chain(lists.history(), "FrHistory").forEach(b::addHistory);
    for (FrRawData raw : links.<FrRawData>chain(lists.rawData(), "FrRawData")) {
      b.rawDataName(raw.name());
      links.<AdcData>chain(raw.firstAdc(), "FrAdcData").forEach(b::addAdcData);
      links.<SerData>chain(raw.firstSer(), "FrSerData").forEach(b::addSerData);
    }
    links.<ProcData>chain(lists.procData(), "FrProcData").forEach(b::addProcData);
    links.<SimData>chain(lists.simData(), "FrSimData").forEach(b::addSimData);
    links.<Event>chain(lists.event(), "FrEvent").forEach(b::addEvent);
    links.<Event>chain(lists.simEvent(), "FrSimEvent").forEach(b::addEvent);
    return b.build();
  }
}
