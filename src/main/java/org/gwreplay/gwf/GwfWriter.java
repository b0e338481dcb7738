package org.gwreplay.gwf;

import static org.gwreplay.gwf.Dictionary.FRAME_H;
import static org.gwreplay.gwf.Dictionary.FR_ADC_DATA;
import static org.gwreplay.gwf.Dictionary.FR_DETECTOR;
import static org.gwreplay.gwf.Dictionary.FR_END_OF_FILE;
import static org.gwreplay.gwf.Dictionary.FR_END_OF_FRAME;
import static org.gwreplay.gwf.Dictionary.FR_EVENT;
import static org.gwreplay.gwf.Dictionary.FR_HISTORY;
import static org.gwreplay.gwf.Dictionary.FR_PROC_DATA;
import static org.gwreplay.gwf.Dictionary.FR_RAW_DATA;
import static org.gwreplay.gwf.Dictionary.FR_SER_DATA;
import static org.gwreplay.gwf.Dictionary.FR_SE;
import static org.gwreplay.gwf.Dictionary.FR_SH;
import static org.gwreplay.gwf.Dictionary.FR_SIM_DATA;
import static org.gwreplay.gwf.Dictionary.FR_SIM_EVENT;
import static org.gwreplay.gwf.Dictionary.FR_TOC;
import static org.gwreplay.gwf.Dictionary.FR_VECT;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes frame files of format version 8 (LIGO-T970130), little-endian: the file header, for
 * each frame its structures (each class described by FrSH/FrSE before its first use, every
 * structure checksummed), then a table of contents (FrTOC) and FrEndOfFile with the header and
 * file checksums. Output is deterministic: the same frames give the same bytes.
 *
 * <pre>{@code
 * try (GwfWriter w = new GwfWriter(out, Compression.GZIP)) {
 *   w.write(frame);
 * }
 * }</pre>
 */
public final class GwfWriter implements Closeable {

  private final OutputStream out;
  private final Compression compression;
  private final Crc fileCrc = new Crc();
  private long offset;
  private int headerCrc;
  private boolean closed;
  private final Map<Integer, Long> nextInstance = new HashMap<>();
  private final Set<Integer> described = new LinkedHashSet<>();
  private int shCount;
  private final Toc toc = new Toc();
  private final ByteOrder order;

  public GwfWriter(OutputStream out, Compression compression) {
    this(out, compression, ByteOrder.LITTLE_ENDIAN);
  }

  /** Writes in the given byte order (big-endian files are what big-endian machines wrote). */
  GwfWriter(OutputStream out, Compression compression, ByteOrder order) {
    this.out = out;
    this.compression = compression;
    this.order = order;
  }

  private FrameOutput o() {
    return new FrameOutput(order);
  }

  /** A whole file holding {@code frames}, as bytes. */
  public static byte[] toBytes(List<Frame> frames, Compression compression) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(64 * 1024);
    try (GwfWriter w = new GwfWriter(buf, compression)) {
      for (Frame f : frames) {
        w.write(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return buf.toByteArray();
  }

  private void emitRaw(byte[] b) throws IOException {
    out.write(b);
    fileCrc.update(b, 0, b.length);
    offset += b.length;
  }

  private void header() throws IOException {
    ByteBuffer h = ByteBuffer.allocate(40).order(order);
    h.put(new byte[] {'I', 'G', 'W', 'D', 0, 8, 0, 2, 4, 8, 4, 8});
    h.putShort((short) 0x1234).putInt(0x12345678).putLong(0x123456789abcdefL);
    h.putFloat((float) Math.PI).putDouble(Math.PI);
    h.put((byte) 0); // frame library: none of the registered ones
    h.put((byte) 1); // checksum scheme: CRC
    byte[] b = h.array();
    headerCrc = Crc.of(b, 0, b.length);
    emitRaw(b);
  }

  private long nextId(int cls) {
    long id = nextInstance.getOrDefault(cls, 0L);
    nextInstance.put(cls, id + 1);
    return id;
  }

  private List<Long> ids(int cls, int n) {
    List<Long> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(nextId(cls));
    }
    return l;
  }

  /** Writes one structure (preceded by its class's dictionary the first time); returns where it began. */
  private long emit(int cls, long instance, FrameOutput body) throws IOException {
    long start = offset;
    describe(cls);
    structure(cls, instance, body.toByteArray());
    return start;
  }

  private void structure(int cls, long instance, byte[] body) throws IOException {
    int length = 14 + body.length + 4;
    ByteBuffer b = ByteBuffer.allocate(length).order(order);
    b.putLong(length).put((byte) 1).put((byte) cls).putInt((int) instance).put(body);
    Crc own = new Crc().update(b.array(), 0, length - 4);
    b.putInt(own.value());
    out.write(b.array());
    fileCrc.append(own).update(b.array(), length - 4, 4); // each byte summed once for both checksums
    offset += length;
  }

  private void describe(int cls) throws IOException {
    if (!described.add(cls)) {
      return;
    }
    structure(FR_SH, shCount++, o().string(Dictionary.name(cls)).u16(cls).string("").toByteArray());
    int i = 0;
    for (String[] e : Dictionary.elements(cls)) {
      structure(FR_SE, i++, o().string(e[0]).string(e[1]).string("").toByteArray());
    }
  }

  public void write(Frame f) throws IOException {
    if (closed) {
      throw new IOException("GwfWriter is closed");
    }
    if (offset == 0) {
      header();
    }
    // Instance numbers first, so that every pointer is known when its structure is written.
    long frameId = nextId(FRAME_H);
    List<Long> typeIds = ids(FR_VECT, f.type().size());
    List<Long> userIds = ids(FR_VECT, f.user().size());
    List<Long> auxIds = ids(FR_VECT, f.auxData().size());
    List<Long> simDet = ids(FR_DETECTOR, f.detectSim().size());
    List<Long> procDet = ids(FR_DETECTOR, f.detectProc().size());
    List<Long> hist = ids(FR_HISTORY, f.history().size());
    boolean hasRaw = !f.adcData().isEmpty() || !f.serData().isEmpty() || !f.rawDataName().isEmpty();
    long rawId = hasRaw ? nextId(FR_RAW_DATA) : -1;
    List<Long> adc = ids(FR_ADC_DATA, f.adcData().size());
    List<Long> ser = ids(FR_SER_DATA, f.serData().size());
    List<Long> proc = ids(FR_PROC_DATA, f.procData().size());
    List<Long> sim = ids(FR_SIM_DATA, f.simData().size());
    List<Long> ev = ids(FR_EVENT, f.events().size());
    List<Long> sev = ids(FR_SIM_EVENT, f.simEvents().size());

    Toc.FrameEntry entry = toc.frame(f);
    FrameOutput h = o().string(f.name()).i32(f.run()).i32(f.frameNumber()).i32(f.dataQuality())
        .i32(f.start().seconds()).i32(f.start().nanos()).u16(f.leapSeconds()).f64(f.duration());
    first(h, FR_VECT, typeIds);
    first(h, FR_VECT, userIds);
    first(h, FR_DETECTOR, simDet);
    first(h, FR_DETECTOR, procDet);
    first(h, FR_HISTORY, hist);
    h.pointer(hasRaw ? FR_RAW_DATA : 0, hasRaw ? rawId : 0);
    first(h, FR_PROC_DATA, proc);
    first(h, FR_SIM_DATA, sim);
    first(h, FR_EVENT, ev);
    first(h, FR_SIM_EVENT, sev);
    h.pointer(0, 0); // summaryData
    first(h, FR_VECT, auxIds);
    h.pointer(0, 0); // auxTable
    entry.positionH = emit(FRAME_H, frameId, h);
    vects(f.type(), typeIds);
    vects(f.user(), userIds);
    vects(f.auxData(), auxIds);

    detectors(f.detectSim(), simDet);
    detectors(f.detectProc(), procDet);
    histories(f.history(), hist);
    if (hasRaw) {
      FrameOutput r = o().string(f.rawDataName());
      first(r, FR_SER_DATA, ser);
      first(r, FR_ADC_DATA, adc);
      r.pointer(0, 0).pointer(0, 0).pointer(0, 0); // firstTable, logMsg, more
      emit(FR_RAW_DATA, rawId, r);
    }
    for (int i = 0; i < adc.size(); i++) {
      AdcData a = f.adcData().get(i);
      List<Long> data = ids(FR_VECT, a.vectors().size());
      List<Long> aux = ids(FR_VECT, a.aux().size());
      FrameOutput o = o().string(a.name()).string(a.comment()).i32(a.channelGroup()).i32(a.channelNumber())
          .i32(a.nBits()).f32(a.bias()).f32(a.slope()).string(a.units()).f64(a.sampleRate()).f64(a.timeOffset())
          .f64(a.fShift()).f32(a.phase()).u16(a.dataValid());
      first(o, FR_VECT, data);
      first(o, FR_VECT, aux);
      next(o, FR_ADC_DATA, adc, i);
      long pos = emit(FR_ADC_DATA, adc.get(i), o);
      entry.adc.put(a.name(), pos);
      entry.adcIds.put(a.name(), new long[] {a.channelNumber(), a.channelGroup()});
      if (i == 0) {
        entry.firstAdc = pos;
      }
      vects(a.vectors(), data);
      vects(a.aux(), aux);
    }
    for (int i = 0; i < ser.size(); i++) {
      SerData s = f.serData().get(i);
      List<Long> data = ids(FR_VECT, s.serial().size());
      FrameOutput o = o().string(s.name()).i32(s.timeSec()).i32(s.timeNsec()).f64(s.sampleRate())
          .string(s.data());
      first(o, FR_VECT, data);
      o.pointer(0, 0); // table
      next(o, FR_SER_DATA, ser, i);
      long pos = emit(FR_SER_DATA, ser.get(i), o);
      entry.ser.put(s.name(), pos);
      if (i == 0) {
        entry.firstSer = pos;
      }
      vects(s.serial(), data);
    }
    for (int i = 0; i < proc.size(); i++) {
      ProcData p = f.procData().get(i);
      List<Long> data = ids(FR_VECT, p.vectors().size());
      List<Long> aux = ids(FR_VECT, p.aux().size());
      List<Long> ph = ids(FR_HISTORY, p.history().size());
      FrameOutput o = o().string(p.name()).string(p.comment()).u16(p.type()).u16(p.subType())
          .f64(p.timeOffset()).f64(p.tRange()).f64(p.fShift()).f32(p.phase()).f64(p.fRange()).f64(p.bw())
          .u16(p.auxParam().size());
      p.auxParam().forEach(o::f64);
      p.auxParamNames().forEach(o::string);
      first(o, FR_VECT, data);
      first(o, FR_VECT, aux);
      o.pointer(0, 0); // table
      first(o, FR_HISTORY, ph);
      next(o, FR_PROC_DATA, proc, i);
      entry.proc.put(p.name(), emit(FR_PROC_DATA, proc.get(i), o));
      vects(p.vectors(), data);
      vects(p.aux(), aux);
      histories(p.history(), ph);
    }
    for (int i = 0; i < sim.size(); i++) {
      SimData s = f.simData().get(i);
      List<Long> data = ids(FR_VECT, s.vectors().size());
      List<Long> input = ids(FR_VECT, s.input().size());
      FrameOutput o = o().string(s.name()).string(s.comment()).f64(s.sampleRate()).f64(s.timeOffset())
          .f64(s.fShift()).f32(s.phase());
      first(o, FR_VECT, data);
      first(o, FR_VECT, input);
      o.pointer(0, 0); // table
      next(o, FR_SIM_DATA, sim, i);
      entry.sim.put(s.name(), emit(FR_SIM_DATA, sim.get(i), o));
      vects(s.vectors(), data);
      vects(s.input(), input);
    }
    events(f.events(), ev, FR_EVENT, entry);
    events(f.simEvents(), sev, FR_SIM_EVENT, entry);
    emit(FR_END_OF_FRAME, nextId(FR_END_OF_FRAME), o().i32(f.run()).i32(f.frameNumber())
        .i32(f.start().seconds()).i32(f.start().nanos()));
  }

  private void events(List<Event> list, List<Long> ids, int cls, Toc.FrameEntry entry) throws IOException {
    for (int i = 0; i < ids.size(); i++) {
      Event e = list.get(i);
      List<Long> data = ids(FR_VECT, e.data().size());
      FrameOutput o = o().string(e.name()).string(e.comment()).string(e.inputs())
          .i32(e.time().seconds()).i32(e.time().nanos()).f32(e.timeBefore()).f32(e.timeAfter());
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
      first(o, FR_VECT, data);
      o.pointer(0, 0); // table
      next(o, cls, ids, i);
      long pos = emit(cls, ids.get(i), o);
      entry.events.add(new Toc.EventEntry(e, pos));
      vects(e.data(), data);
    }
  }

  private void detectors(List<Detector> list, List<Long> ids) throws IOException {
    for (int i = 0; i < ids.size(); i++) {
      Detector d = list.get(i);
      List<Long> aux = ids(FR_VECT, d.aux().size());
      FrameOutput o = o().string(d.name()).chars(d.prefix(), 2).f64(d.longitude()).f64(d.latitude())
          .f32(d.elevation()).f32(d.armXazimuth()).f32(d.armYazimuth()).f32(d.armXaltitude()).f32(d.armYaltitude())
          .f32(d.armXmidpoint()).f32(d.armYmidpoint()).i32(d.localTime());
      first(o, FR_VECT, aux);
      o.pointer(0, 0); // table
      next(o, FR_DETECTOR, ids, i);
      toc.detector(d.name(), emit(FR_DETECTOR, ids.get(i), o));
      vects(d.aux(), aux);
    }
  }

  private void histories(List<History> list, List<Long> ids) throws IOException {
    for (int i = 0; i < ids.size(); i++) {
      History x = list.get(i);
      FrameOutput o = o().string(x.name()).i32(x.time()).string(x.comment());
      next(o, FR_HISTORY, ids, i);
      emit(FR_HISTORY, ids.get(i), o);
    }
  }

  private void vects(List<Vect> list, List<Long> ids) throws IOException {
    for (int i = 0; i < ids.size(); i++) {
      Vect v = list.get(i);
      VectCodec.Packed packed = v.type() == VectType.STRING
          ? new VectCodec.Packed(VectCodec.LITTLE_ENDIAN_WORDS, v.rawBytes())
          : VectCodec.encode(v, compression, order);
      FrameOutput o = o().string(v.name()).u16(packed.compress()).u16(v.type().code()).i64(v.nData())
          .i64(packed.bytes().length).bytes(packed.bytes()).i32(v.dims().size());
      v.dims().forEach(d -> o.i64(d.nx()));
      v.dims().forEach(d -> o.f64(d.dx()));
      v.dims().forEach(d -> o.f64(d.startX()));
      v.dims().forEach(d -> o.string(d.unitX()));
      o.string(v.unitY());
      next(o, FR_VECT, ids, i);
      emit(FR_VECT, ids.get(i), o);
    }
  }

  private static void first(FrameOutput o, int cls, List<Long> ids) {
    o.pointer(ids.isEmpty() ? 0 : cls, ids.isEmpty() ? 0 : ids.get(0));
  }

  private static void next(FrameOutput o, int cls, List<Long> ids, int i) {
    boolean last = i + 1 >= ids.size();
    o.pointer(last ? 0 : cls, last ? 0 : ids.get(i + 1));
  }

  /** Writes the table of contents and FrEndOfFile, then closes the stream. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (offset == 0) {
        header();
      }
      describe(FR_TOC);
      long tocStart = offset; // FrEndOfFile's seekTOC points at FrTOC itself, after its dictionary
      structure(FR_TOC, 0, toc.body(described, o()));
      describe(FR_END_OF_FILE);
      // FrEndOfFile: its checksum covers it up to that field; the file's covers all before its own.
      int length = 14 + 4 + 8 + 8 + 4 + 4 + 4;
      long total = offset + length;
      ByteBuffer b = ByteBuffer.allocate(length).order(order);
      b.putLong(length).put((byte) 1).put((byte) FR_END_OF_FILE).putInt(0);
      b.putInt(toc.frames.size()).putLong(total).putLong(total - tocStart).putInt(headerCrc);
      b.putInt(Crc.of(b.array(), 0, length - 8));
      fileCrc.update(b.array(), 0, length - 4);
      b.putInt(fileCrc.value());
      out.write(b.array());
      offset += length;
      out.flush();
    } finally {
      out.close();
    }
  }

  /** What the table of contents needs, gathered as frames are written. */
  private static final class Toc {
    record EventEntry(Event event, long position) {}

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

    final List<FrameEntry> frames = new ArrayList<>();
    final Map<String, Long> detectors = new LinkedHashMap<>();

    FrameEntry frame(Frame f) {
      FrameEntry e = new FrameEntry(f);
      frames.add(e);
      return e;
    }

    void detector(String name, long position) {
      detectors.putIfAbsent(name, position);
    }

    byte[] body(Set<Integer> described, FrameOutput o) {
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
      sh.add(FR_TOC);
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
      return o.toByteArray();
    }

    private void channels(FrameOutput o, java.util.function.Function<FrameEntry, Map<String, Long>> of) {
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
}
