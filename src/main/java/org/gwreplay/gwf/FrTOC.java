package org.gwreplay.gwf;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** FrTOC: the table of contents, where each frame and channel of the file begins; gathered as frames are written. */
final class FrTOC {

  static final Layout LAYOUT = Layout.of(Dictionary.FR_TOC).e("ULeapS", "INT_2S").e("nFrame", "INT_4U")
      .e("dataQuality", "INT_4U[nFrame]").e("GTimeS", "INT_4U[nFrame]").e("GTimeN", "INT_4U[nFrame]")
      .e("dt", "REAL_8[nFrame]").e("runs", "INT_4S[nFrame]").e("frame", "INT_4U[nFrame]")
      .e("positionH", "INT_8U[nFrame]").e("nFirstADC", "INT_8U[nFrame]").e("nFirstSer", "INT_8U[nFrame]")
      .e("nFirstTable", "INT_8U[nFrame]").e("nFirstMsg", "INT_8U[nFrame]").e("nSH", "INT_4U").e("SHid", "INT_2U[nSH]")
      .e("SHname", "STRING[nSH]").e("nDetector", "INT_4U").e("nameDetector", "STRING[nDetector]")
      .e("positionDetector", "INT_8U[nDetector]").e("nStatType", "INT_4U").e("nameStat", "STRING[nStatType]")
      .e("detector", "STRING[nStatType]").e("nStatInstance", "INT_4U[nStatType]").e("nTotalStat", "INT_4U")
      .e("tStart", "INT_4U[nTotalStat]").e("tEnd", "INT_4U[nTotalStat]").e("version", "INT_4U[nTotalStat]")
      .e("positionStat", "INT_8U[nTotalStat]").e("nADC", "INT_4U").e("name", "STRING[nADC]")
      .e("channelID", "INT_4U[nADC]").e("groupID", "INT_4U[nADC]").e("positionADC", "INT_8U[nADC][nFrame]")
      .e("nProc", "INT_4U").e("nameProc", "STRING[nProc]").e("positionProc", "INT_8U[nProc][nFrame]")
      .e("nSim", "INT_4U").e("nameSim", "STRING[nSim]").e("positionSim", "INT_8U[nSim][nFrame]").e("nSer", "INT_4U")
      .e("nameSer", "STRING[nSer]").e("positionSer", "INT_8U[nSer][nFrame]").e("nSummary", "INT_4U")
      .e("nameSum", "STRING[nSummary]").e("positionSum", "INT_8U[nSummary][nFrame]").e("nEventType", "INT_4U")
      .e("nameEvent", "STRING[nEventType]").e("nEvent", "INT_4U[nEventType]").e("nTotalEvent", "INT_4U")
      .e("GTimeSEvent", "INT_4U[nTotalEvent]").e("GTimeNEvent", "INT_4U[nTotalEvent]")
      .e("amplitudeEvent", "REAL_4[nTotalEvent]").e("positionEvent", "INT_8U[nTotalEvent]")
      .e("nSimEventType", "INT_4U").e("nameSimEvent", "STRING[nSimEventType]")
      .e("nSimEvent", "INT_4U[nSimEventType]").e("nTotalSEvent", "INT_4U").e("GTimeSSim", "INT_4U[nTotalSEvent]")
      .e("GTimeNSim", "INT_4U[nTotalSEvent]").e("amplitudeSimEvent", "REAL_4[nTotalSEvent]")
      .e("positionSimEvent", "INT_8U[nTotalSEvent]").chkSum();

  record EventEntry(Event event, long position) {}

  /** Where one frame's structures were written. */
  static final class FrameEntry {
    final Frame frame;
    long positionH;
    long firstAdc;
    long firstSer;
    final Map<String, Long> adc = new LinkedHashMap<>();
    final Map<String, long[]> adcIds = new LinkedHashMap<>();
    final Map<String, Long> ser = new LinkedHashMap<>();
    final Map<String, Long> proc = new LinkedHashMap<>();
    final Map<String, Long> sim = new LinkedHashMap<>();
    final List<EventEntry> events = new ArrayList<>();

    FrameEntry(Frame frame) {
      this.frame = frame;
    }
  }

  private final List<FrameEntry> frames = new ArrayList<>();
  private final Map<String, Long> detectors = new LinkedHashMap<>();

  FrameEntry frame(Frame f) {
    FrameEntry e = new FrameEntry(f);
    frames.add(e);
    return e;
  }

  int frames() {
    return frames.size();
  }

  void detector(String name, long position) {
    detectors.putIfAbsent(name, position);
  }

  /**
   * The table; its SH lists name the classes {@code described} so far, each once (FrTOC among
   * them: its dictionary entry precedes it), as the reference library's files do.
   */
  FrameOutput write(ByteOrder order, Set<Integer> described) {
    FrameOutput o = new FrameOutput(order, LAYOUT);
    o.u16(frames.isEmpty() ? 0 : frames.get(0).frame.leapSeconds()).i32(frames.size());
    frames.forEach(e -> o.i32(e.frame.dataQuality()));
    frames.forEach(e -> o.i32(e.frame.start().seconds()));
    frames.forEach(e -> o.i32(e.frame.start().nanos()));
    frames.forEach(e -> o.f64(e.frame.duration()));
    frames.forEach(e -> o.i32(e.frame.run()));
    frames.forEach(e -> o.i32(e.frame.frameNumber()));
    frames.forEach(e -> o.i64(e.positionH));
    frames.forEach(e -> o.i64(e.firstAdc));
    frames.forEach(e -> o.i64(e.firstSer));
    frames.forEach(e -> o.i64(0)); // nFirstTable
    frames.forEach(e -> o.i64(0)); // nFirstMsg
    List<Integer> sh = new ArrayList<>(described);
    o.i32(sh.size());
    sh.forEach(o::u16);
    sh.forEach(c -> o.string(Dictionary.name(c)));
    o.i32(detectors.size());
    detectors.keySet().forEach(o::string);
    detectors.values().forEach(o::i64);
    o.i32(0).i32(0); // nStatType, nTotalStat
    Map<String, long[]> adcIds = new LinkedHashMap<>();
    frames.forEach(e -> e.adcIds.forEach(adcIds::putIfAbsent));
    o.i32(adcIds.size());
    adcIds.keySet().forEach(o::string);
    adcIds.values().forEach(ids -> o.i32(ids[0]));
    adcIds.values().forEach(ids -> o.i32(ids[1]));
    adcIds.keySet().forEach(n -> frames.forEach(e -> o.i64(e.adc.getOrDefault(n, 0L))));
    channels(o, e -> e.proc);
    channels(o, e -> e.sim);
    channels(o, e -> e.ser);
    o.i32(0); // nSummary
    eventTables(o, false);
    eventTables(o, true);
    return o;
  }

  private void channels(FrameOutput o, Function<FrameEntry, Map<String, Long>> of) {
    Set<String> names = new LinkedHashSet<>();
    frames.forEach(e -> names.addAll(of.apply(e).keySet()));
    o.i32(names.size());
    names.forEach(o::string);
    names.forEach(n -> frames.forEach(e -> o.i64(of.apply(e).getOrDefault(n, 0L))));
  }

  private void eventTables(FrameOutput o, boolean simulated) {
    Map<String, List<EventEntry>> byName = new LinkedHashMap<>();
    frames.forEach(f -> f.events.stream().filter(x -> x.event().simulated() == simulated)
        .forEach(x -> byName.computeIfAbsent(x.event().name(), k -> new ArrayList<>()).add(x)));
    o.i32(byName.size());
    byName.keySet().forEach(o::string);
    byName.values().forEach(l -> o.i32(l.size()));
    List<EventEntry> all = new ArrayList<>();
    byName.values().forEach(all::addAll);
    o.i32(all.size());
    all.forEach(x -> o.i32(x.event().time().seconds()));
    all.forEach(x -> o.i32(x.event().time().nanos()));
    all.forEach(x -> o.f32(x.event().amplitude()));
    all.forEach(x -> o.i64(x.position()));
  }
}
