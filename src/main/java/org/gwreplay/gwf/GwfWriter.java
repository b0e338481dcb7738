package org.gwreplay.gwf;

import static org.gwreplay.gwf.Dictionary.FRAME_H;
import static org.gwreplay.gwf.Dictionary.FR_ADC_DATA;
import static org.gwreplay.gwf.Dictionary.FR_DETECTOR;
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
import static org.gwreplay.gwf.Dictionary.FR_VECT;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gwreplay.gwf.FrameInput.Pointer;

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
  private final FrTOC toc = new FrTOC();
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

  /** A whole file holding {@code frames}, as bytes. */
  public static byte[] toBytes(List<Frame> frames, Compression compression) {
    Pieces pieces = new Pieces();
    try (GwfWriter w = new GwfWriter(pieces, compression)) {
      for (Frame f : frames) {
        w.write(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return pieces.join();
  }

  /**
   * The structures of one file, kept as the writer hands them over and joined once at the end: a
   * vector's data is copied into the file once, not through a growing buffer. Only for this class's
   * own use: it keeps the arrays it is given, which the writer never reuses.
   */
  private static final class Pieces extends OutputStream {
    private final ByteSlices slices = new ByteSlices();

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      slices.add(b, off, len);
    }

    byte[] join() {
      return slices.join();
    }
  }

  private void emitRaw(byte[] b) throws IOException {
    out.write(b);
    fileCrc.update(b, 0, b.length);
    offset += b.length;
  }

  private void header() throws IOException {
    byte[] b = FrHeader.write(order);
    headerCrc = Crc.of(b, 0, b.length);
    emitRaw(b);
  }

  private long nextId(int cls) {
    long id = nextInstance.getOrDefault(cls, 0L);
    nextInstance.put(cls, id + 1);
    return id;
  }

  /** Instance numbers for {@code n} structures of class {@code cls}, each pointing to the next. */
  private Ids ids(int cls, int n) {
    List<Long> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(nextId(cls));
    }
    return new Ids(cls, l);
  }

  /** Instance numbers given to a list of structures of one class. */
  private record Ids(int cls, List<Long> list) {
    int size() {
      return list.size();
    }

    long get(int i) {
      return list.get(i);
    }

    Pointer first() {
      return at(0);
    }

    Pointer next(int i) {
      return at(i + 1);
    }

    private Pointer at(int i) {
      return i < list.size() ? new Pointer(cls, list.get(i)) : Pointer.NONE;
    }
  }

  /** Writes one structure (preceded by its class's dictionary the first time); returns where it began. */
  private long emit(long instance, FrameOutput body) throws IOException {
    long start = offset;
    describe(body.layout());
    structure(body.layout().cls, instance, body);
    return start;
  }

  private void structure(int cls, long instance, FrameOutput body) throws IOException {
    int length = body.seal(cls, instance);
    body.sendTo(out, fileCrc);
    offset += length;
  }

  /** FrSH naming the layout's class, then an FrSE for each of its elements: once per class. */
  private void describe(Layout layout) throws IOException {
    if (!described.add(layout.cls)) {
      return;
    }
    structure(FR_SH, shCount++, Dictionary.sh(order, layout));
    byte[] elements = Dictionary.elements(order, layout);
    out.write(elements);
    fileCrc.update(elements, 0, elements.length);
    offset += elements.length;
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
    Ids type = ids(FR_VECT, f.type().size());
    Ids user = ids(FR_VECT, f.user().size());
    Ids aux = ids(FR_VECT, f.auxData().size());
    Ids simDet = ids(FR_DETECTOR, f.detectSim().size());
    Ids procDet = ids(FR_DETECTOR, f.detectProc().size());
    Ids hist = ids(FR_HISTORY, f.history().size());
    boolean hasRaw = !f.adcData().isEmpty() || !f.serData().isEmpty() || !f.rawDataName().isEmpty();
    Ids raw = ids(FR_RAW_DATA, hasRaw ? 1 : 0);
    Ids adc = ids(FR_ADC_DATA, f.adcData().size());
    Ids ser = ids(FR_SER_DATA, f.serData().size());
    Ids proc = ids(FR_PROC_DATA, f.procData().size());
    Ids sim = ids(FR_SIM_DATA, f.simData().size());
    Ids ev = ids(FR_EVENT, f.events().size());
    Ids sev = ids(FR_SIM_EVENT, f.simEvents().size());

    FrTOC.FrameEntry entry = toc.frame(f);
    entry.positionH = emit(frameId, FrameH.write(order, f, new FrameH.Lists(type.first(), user.first(),
        simDet.first(), procDet.first(), hist.first(), raw.first(), proc.first(), sim.first(), ev.first(), sev.first(),
        aux.first())));
    vects(f.type(), type);
    vects(f.user(), user);
    vects(f.auxData(), aux);
    detectors(f.detectSim(), simDet);
    detectors(f.detectProc(), procDet);
    histories(f.history(), hist);
    if (hasRaw) {
      emit(raw.get(0), new FrRawData(f.rawDataName(), ser.first(), adc.first()).write(order));
    }
    adcData(f.adcData(), adc, entry);
    serData(f.serData(), ser, entry);
    procData(f.procData(), proc, entry);
    simData(f.simData(), sim, entry);
    events(f.events(), ev, entry);
    events(f.simEvents(), sev, entry);
    emit(nextId(FR_END_OF_FRAME), FrEndOfFrame.write(order, f));
  }

  private void adcData(List<AdcData> list, Ids ids, FrTOC.FrameEntry entry) throws IOException {
    for (int i = 0; i < ids.size(); i++) {
      AdcData a = list.get(i);
      Ids data = ids(FR_VECT, a.vectors().size());
      Ids aux = ids(FR_VECT, a.aux().size());
      long pos = emit(ids.get(i), FrAdcData.write(order, a, data.first(), aux.first(), ids.next(i)));
      entry.adc.put(a.name(), pos);
      entry.adcIds.put(a.name(), new long[] {a.channelNumber(), a.channelGroup()});
      if (i == 0) {
        entry.firstAdc = pos;
      }
      vects(a.vectors(), data);
      vects(a.aux(), aux);
    }
  }

  private void serData(List<SerData> list, Ids ids, FrTOC.FrameEntry entry) throws IOException {
    for (int i = 0; i < ids.size(); i++) {
      SerData s = list.get(i);
      Ids data = ids(FR_VECT, s.serial().size());
      long pos = emit(ids.get(i), FrSerData.write(order, s, data.first(), ids.next(i)));
      entry.ser.put(s.name(), pos);
      if (i == 0) {
        entry.firstSer = pos;
      }
      vects(s.serial(), data);
    }
  }

  private void procData(List<ProcData> list, Ids ids, FrTOC.FrameEntry entry) throws IOException {
    for (int i = 0; i < ids.size(); i++) {
      ProcData p = list.get(i);
      Ids data = ids(FR_VECT, p.vectors().size());
      Ids aux = ids(FR_VECT, p.aux().size());
      Ids hist = ids(FR_HISTORY, p.history().size());
      entry.proc.put(p.name(), emit(ids.get(i),
          FrProcData.write(order, p, data.first(), aux.first(), hist.first(), ids.next(i))));
      vects(p.vectors(), data);
      vects(p.aux(), aux);
      histories(p.history(), hist);
    }
  }

  private void simData(List<SimData> list, Ids ids, FrTOC.FrameEntry entry) throws IOException {
    for (int i = 0; i < ids.size(); i++) {
      SimData s = list.get(i);
      Ids data = ids(FR_VECT, s.vectors().size());
      Ids input = ids(FR_VECT, s.input().size());
      entry.sim.put(s.name(), emit(ids.get(i), FrSimData.write(order, s, data.first(), input.first(), ids.next(i))));
      vects(s.vectors(), data);
      vects(s.input(), input);
    }
  }

  private void events(List<Event> list, Ids ids, FrTOC.FrameEntry entry) throws IOException {
    for (int i = 0; i < ids.size(); i++) {
      Event e = list.get(i);
      Ids data = ids(FR_VECT, e.data().size());
      long pos = emit(ids.get(i), FrEvent.write(order, e, data.first(), ids.next(i)));
      entry.events.add(new FrTOC.EventEntry(e, pos));
      vects(e.data(), data);
    }
  }

  private void detectors(List<Detector> list, Ids ids) throws IOException {
    for (int i = 0; i < ids.size(); i++) {
      Detector d = list.get(i);
      Ids aux = ids(FR_VECT, d.aux().size());
      toc.detector(d.name(), emit(ids.get(i), FrDetector.write(order, d, aux.first(), ids.next(i))));
      vects(d.aux(), aux);
    }
  }

  private void histories(List<History> list, Ids ids) throws IOException {
    for (int i = 0; i < ids.size(); i++) {
      emit(ids.get(i), FrHistory.write(order, list.get(i), ids.next(i)));
    }
  }

  private void vects(List<Vect> list, Ids ids) throws IOException {
    for (int i = 0; i < ids.size(); i++) {
      emit(ids.get(i), FrVect.write(order, list.get(i), compression, ids.next(i)));
    }
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
      describe(FrTOC.LAYOUT);
      long tocStart = offset; // FrEndOfFile's seekTOC points at FrTOC itself, after its dictionary
      structure(Dictionary.FR_TOC, 0, toc.write(order, described));
      describe(FrEndOfFile.LAYOUT);
      // Its checksum covers it up to that field; the file's covers all before its own.
      long total = offset + FrEndOfFile.LENGTH;
      byte[] fields = FrEndOfFile.write(order, toc.frames(), total, total - tocStart, headerCrc).toByteArray();
      ByteBuffer b = ByteBuffer.allocate(FrEndOfFile.LENGTH).order(order);
      b.putLong(FrEndOfFile.LENGTH).put((byte) 1).put((byte) Dictionary.FR_END_OF_FILE).putInt(0).put(fields);
      b.putInt(Crc.of(b.array(), 0, FrEndOfFile.LENGTH - 8));
      fileCrc.update(b.array(), 0, FrEndOfFile.LENGTH - 4);
      b.putInt(fileCrc.value());
      out.write(b.array());
      offset += FrEndOfFile.LENGTH;
      out.flush();
    } finally {
      out.close();
    }
  }
}
