package org.gwreplay.gwf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gwreplay.gwf.FrameInput.Pointer;
import org.gwreplay.time.GpsTime;

/**
 * Reads frame files of format versions 4 to 8 (LIGO-T970130 and its earlier editions, as the
 * Virgo Frame Library reads them) in either byte order: the header, the
 * FrSH dictionary (which names each class number), every frame with its detectors, history,
 * channels, vectors (all compressions) and events, then FrEndOfFile. Structure checksums are
 * verified as each structure is read, the header and file checksums at the end. Anything amiss
 * is a {@link GwfFormatException} naming the structure and byte offset.
 *
 * <pre>{@code
 * List<Frame> frames = GwfReader.read(Path.of("H-H1_llhoft-1238166018-1.gwf"));
 * double[] h = frames.get(0).procData().get(0).data().toDoubles();
 * }</pre>
 */
public final class GwfReader {

  /** Files larger than this are refused rather than read into memory. */
  static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 64;

  private final byte[] file;
  /** The file checksum so far (version 8), fed structure by structure as their own sums are checked. */
  private final Crc fileCrc = new Crc();
  /**
   * Versions 6 and 7 have a 2-byte class and no checksums in structure headers; 6 has some REAL_4
   * fields. Versions 4 and 5 also have 4-byte structure lengths and 2-byte instance numbers, and
   * older layouts of several structures (see {@link OldLayouts}).
   */
  private final int version;
  /** Bytes of an INT_8 in versions 4 and 5, which could be written where a C long had 4. */
  private final int longSize;
  /** FrameH localTime of versions before 5, which FrameL gives to that frame's detectors. */
  private int frameLocalTime;
  private final FrameInput in;
  private final ByteOrder order;
  private final Map<Integer, String> classNames = new HashMap<>();
  /** Structures read and not yet consumed by a frame, by "class name#instance". */
  private final Map<String, Object> structures = new HashMap<>();
  private final List<Frame> frames = new ArrayList<>();
  /** Detectors already resolved, by the fields they were read as. */
  private final Map<Object[], Detector> detectors = new java.util.IdentityHashMap<>();
  private RawFrame pendingFrame;
  /**
   * Bytes that decompression may still produce: a file that claims to inflate to more than
   * this (a "zip bomb") is refused before the memory is taken.
   */
  private long decodeBudget;

  private GwfReader(byte[] file, ByteOrder order, int version, int longSize) {
    this.file = file;
    this.version = version;
    this.longSize = longSize;
    this.decodeBudget = Math.max(64L << 20, 1100L * file.length);
    this.order = order;
    this.in = new FrameInput(file, order, version <= 5);
  }

  public static List<Frame> read(Path path) throws IOException {
    long size = Files.size(path);
    if (size > MAX_FILE_BYTES) {
      throw new GwfFormatException("FrHeader", 0, path + " is " + size + " bytes, larger than this reader holds");
    }
    try {
      return read(Files.readAllBytes(path));
    } catch (GwfFormatException e) {
      throw e.inFile(path.getFileName().toString());
    }
  }

  public static List<Frame> read(byte[] file) throws GwfFormatException {
    if (file.length < 40) {
      throw new GwfFormatException("FrHeader", 0, "truncated: a frame file starts with 40 header bytes, this has " + file.length);
    }
    if (file[0] != 'I' || file[1] != 'G' || file[2] != 'W' || file[3] != 'D' || file[4] != 0) {
      throw new GwfFormatException("FrHeader", 0, "not a frame file: no IGWD magic");
    }
    int version = file[5] & 0xff;
    if (version < 4 || version > 8) {
      throw new GwfFormatException("FrHeader", 5, "frame format version " + version + " is not supported (this reader reads versions 4 to 8)");
    }
    int[] sizes = {file[7], file[8], file[9], file[10], file[11]};
    boolean shortLong = version <= 5 && sizes[2] == 4; // a 32-bit machine's C long, as FrameL allows before version 6
    if (sizes[0] != 2 || sizes[1] != 4 || (sizes[2] != 8 && !shortLong) || sizes[3] != 4 || sizes[4] != 8) {
      throw new GwfFormatException("FrHeader", 7, "unexpected type sizes " + java.util.Arrays.toString(sizes));
    }
    ByteOrder order;
    if ((file[12] & 0xff) == 0x34 && (file[13] & 0xff) == 0x12) {
      order = ByteOrder.LITTLE_ENDIAN;
    } else if ((file[12] & 0xff) == 0x12 && (file[13] & 0xff) == 0x34) {
      order = ByteOrder.BIG_ENDIAN;
    } else {
      throw new GwfFormatException("FrHeader", 12, "byte-order probe is neither 0x1234 nor 0x3412");
    }
    ByteBuffer probe = ByteBuffer.wrap(file, 0, 40).order(order);
    if (probe.getInt(14) != 0x12345678 || probe.getLong(18) != 0x123456789abcdefL
        || probe.getFloat(26) != (float) Math.PI || probe.getDouble(30) != Math.PI) {
      throw new GwfFormatException("FrHeader", 14, "byte-order probes do not agree (not a frame file, or corrupt)");
    }
    if (version == 5 && OldLayouts.isVersion6Inside(file, order)) {
      version = 6; // FrameL: files of its v5r00 say 5 but are laid out as 6
    }
    GwfReader reader = new GwfReader(file, order, version, sizes[2]);
    try {
      return reader.readStructures();
    } catch (RuntimeException e) {
      // Every check above should have caught malformed input; if one did not, still report it typed.
      throw new GwfFormatException(reader.in.structure(), reader.in.position(), "malformed: " + e, e);
    }
  }

  private List<Frame> readStructures() throws GwfFormatException {
    int pos = 40;
    if (version == 8) {
      fileCrc.update(file, 0, pos);
    }
    while (true) {
      if (pos == file.length) {
        throw new GwfFormatException("FrEndOfFile", pos, "the file ends without FrEndOfFile (truncated?)");
      }
      in.enter("structure header", file.length);
      in.position(pos);
      boolean old = version <= 5;
      long length = old ? in.u32() : in.u64("structure length");
      boolean v8 = version == 8;
      int chkType = v8 ? in.u8() : 0;
      int cls = v8 ? in.u8() : in.u16();
      long instance = old ? in.u16() : in.u32();
      String name = className(cls, pos);
      if (length < (v8 ? 18 : old ? 8 : 14) || length > file.length - pos) {
        throw new GwfFormatException(name, pos, "length " + length + " does not fit the " + (file.length - pos) + " bytes left");
      }
      int end = (int) (pos + length);
      // FrEndOfFile's own checksum sits before its last field, the file checksum (which no sum covers).
      boolean eof = "FrEndOfFile".equals(name);
      int sumAt = end - (eof ? 8 : 4);
      if (chkType == 1) {
        int stored = ByteBuffer.wrap(file, sumAt, 4).order(order).getInt();
        Crc own = new Crc().update(file, pos, sumAt - pos);
        if (stored != own.value()) {
          throw new GwfFormatException(name, pos, String.format("structure checksum mismatch: stored %08x, computed %08x", stored, own.value()));
        }
        fileCrc.append(own).update(file, sumAt, 4); // each byte summed once for both checksums
      } else if (chkType != 0) {
        throw new GwfFormatException(name, pos, "unknown checksum kind " + chkType);
      } else if (v8) {
        fileCrc.update(file, pos, sumAt + 4 - pos);
      }
      in.enter(name, "FrEndOfFile".equals(name) || !v8 ? end : end - 4);
      if (structure(name, cls, instance, pos, end)) {
        return frames;
      }
      pos = end;
    }
  }

  private String className(int cls, int pos) throws GwfFormatException {
    if (cls == Dictionary.FR_SH) {
      return "FrSH";
    }
    if (cls == Dictionary.FR_SE) {
      return "FrSE";
    }
    String n = classNames.get(cls);
    if (n == null) {
      n = Dictionary.name(cls);
    }
    if (n == null) {
      throw new GwfFormatException("structure", pos, "class " + cls + " is neither in the file's dictionary nor standard");
    }
    return n;
  }

  /** Reads one structure's body; true at FrEndOfFile. */
  private boolean structure(String name, int cls, long instance, int pos, int end) throws GwfFormatException {
    switch (name) {
      case "FrSH" -> {
        String shName = in.string();
        int shClass = in.u16();
        classNames.put(shClass, shName);
      }
      case "FrSE" -> { /* element descriptions: this reader knows the layouts */ }
      case "FrameH" -> {
        if (pendingFrame != null) {
          throw in.error("a new FrameH before the FrEndOfFrame of the previous one");
        }
        pendingFrame = frameH(pos);
      }
      case "FrDetector" -> put(name, instance, detector());
      case "FrHistory" -> put(name, instance, new Linked<>(new History(in.string(), in.u32(), in.string()), in.pointer()));
      case "FrRawData" -> put(name, instance, rawData());
      case "FrAdcData" -> put(name, instance, adc());
      case "FrSerData" -> put(name, instance, ser());
      case "FrProcData" -> put(name, instance, proc());
      case "FrSimData" -> put(name, instance, sim());
      case "FrEvent" -> put(name, instance, event(false));
      case "FrSimEvent" -> put(name, instance, event(true));
      case "FrVect" -> put(name, instance, vect(pos));
      case "FrEndOfFrame" -> endOfFrame(pos);
      case "FrEndOfFile" -> {
        endOfFile(pos);
        return true;
      }
      default -> { /* FrTOC, FrMsg, FrStatData, FrSummary, FrTable: checked, not kept */ }
    }
    return false;
  }

  private void put(String cls, long instance, Object value) {
    structures.put(cls + "#" + instance, value);
  }

  /** A structure and the next one of its list. */
  record Linked<T>(T value, Pointer next) {}

  private record RawFrame(int pos, String name, int run, long frame, long dataQuality, GpsTime start, int leapS,
      double dt, Pointer type, Pointer user, Pointer detectSim, Pointer detectProc, Pointer history, Pointer rawData,
      Pointer procData, Pointer simData, Pointer event, Pointer simEvent, Pointer auxData) {}

  private RawFrame frameH(int pos) throws GwfFormatException {
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
    if (version < 5) {
      frameLocalTime = in.i32();
    }
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
    if (version < 5) {
      in.pointer(); // strain: a structure of version 4 that later versions dropped
    }
    Pointer sim = in.pointer();
    Pointer event = in.pointer();
    Pointer simEvent = in.pointer();
    in.pointer(); // summaryData
    Pointer aux = in.pointer();
    return new RawFrame(pos, name, run, frame, dq, new GpsTime(s, (int) ns), leap, dt, type, user, detectSim, detectProc,
        history, raw, proc, sim, event, simEvent, aux);
  }

  private Linked<Object[]> detector() throws GwfFormatException {
    if (version == 4) {
      return new Linked<>(OldLayouts.detectorV4(in, frameLocalTime), new Pointer(0, 0));
    }
    if (version == 5) {
      // No prefix yet; after localTime, a dataQuality and a qaList that version 6 dropped.
      Object[] f = {in.string(), "", in.f64(), in.f64(), in.f32(), in.f32(), in.f32(), in.f32(), in.f32(),
          in.f32(), in.f32(), in.i32(), null};
      in.i32(); // dataQuality
      in.string(); // qaList
      f[12] = in.pointer(); // aux
      in.pointer(); // table
      return new Linked<>(f, in.pointer());
    }
    Object[] f = {in.string(), in.chars(2), in.f64(), in.f64(), in.f32(), in.f32(), in.f32(), in.f32(), in.f32(),
        in.f32(), in.f32(), in.i32(), in.pointer()};
    in.pointer(); // table
    return new Linked<>(f, in.pointer());
  }

  private record RawData(String name, Pointer firstSer, Pointer firstAdc) {}

  private RawData rawData() throws GwfFormatException {
    return new RawData(in.string(), in.pointer(), in.pointer());
  }

  private Linked<Object[]> adc() throws GwfFormatException {
    Object[] f = {in.string(), in.string(), in.u32(), in.u32(), in.u32(), in.f32(), in.f32(), in.string(), in.f64(),
        version <= 5 ? OldLayouts.seconds(in) : in.f64(), in.f64(), version == 4 ? 0f : in.f32(), in.u16(),
        in.pointer(), in.pointer()};
    return new Linked<>(f, in.pointer());
  }

  private Linked<Object[]> ser() throws GwfFormatException {
    Object[] f = {in.string(), in.u32(), in.u32(), version == 6 ? (double) in.f32() : in.f64(), in.string(), in.pointer()};
    in.pointer(); // table
    return new Linked<>(f, in.pointer());
  }

  private Linked<Object[]> proc() throws GwfFormatException {
    if (version <= 5) {
      return OldLayouts.procV4V5(in, version);
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
    List<Double> aux = reals(nAux, false);
    List<String> auxNames = strings(nAux);
    Pointer data = in.pointer();
    Pointer auxV = in.pointer();
    in.pointer(); // table
    Pointer history = in.pointer();
    Object[] f = {name, comment, type, subType, timeOffset, tRange, fShift, phase, fRange, bw, aux, auxNames, data, auxV, history};
    return new Linked<>(f, in.pointer());
  }

  private Linked<Object[]> sim() throws GwfFormatException {
    if (version <= 5) {
      // name, comment, REAL_4 sampleRate, data, input, table, next: no offset, shift or phase yet.
      Object[] f = {in.string(), in.string(), (double) in.f32(), 0.0, 0.0, 0f, in.pointer(), in.pointer()};
      in.pointer(); // table
      return new Linked<>(f, in.pointer());
    }
    Object[] f = {in.string(), in.string(), version == 6 ? (double) in.f32() : in.f64(), in.f64(), in.f64(), in.f32(),
        in.pointer(), in.pointer()};
    in.pointer(); // table
    return new Linked<>(f, in.pointer());
  }

  private Linked<Object[]> event(boolean simulated) throws GwfFormatException {
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
    // Parameters came with version 5 for FrEvent and version 6 for FrSimEvent.
    int n = version < 5 || (simulated && version == 5) ? 0 : in.u16();
    List<Double> params = reals(n, version == 6);
    List<String> names = strings(n);
    Pointer data = in.pointer();
    in.pointer(); // table
    Object[] f = {simulated, name, comment, inputs, new GpsTime(s, (int) ns), before, after, status, amplitude,
        probability, statistics, params, names, data};
    return new Linked<>(f, in.pointer());
  }

  /** {@code n} REAL_8 values (REAL_4 where {@code single}, as version 6 wrote event parameters). */
  private List<Double> reals(int n, boolean single) throws GwfFormatException {
    List<Double> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(single ? (double) in.f32() : in.f64());
    }
    return out;
  }

  private List<String> strings(int n) throws GwfFormatException {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(in.string());
    }
    return out;
  }

  private Linked<Vect> vect(int pos) throws GwfFormatException {
    String name = in.string();
    int compress = in.u16();
    int typeCode = in.u16();
    VectType type = VectType.ofCode(typeCode);
    if (type == null) {
      throw in.error("FrVect " + name + " has unknown type " + typeCode);
    }
    long nData = version <= 5 ? in.u32() : in.u64("nData");
    long nBytes = version <= 5 ? in.u32() : in.u64("nBytes");
    if (nBytes > in.remaining()) {
      throw in.error("FrVect " + name + " claims " + nBytes + " bytes of data, only " + in.remaining() + " left");
    }
    if (type != VectType.STRING && nData > (GwfReader.MAX_FILE_BYTES) / Math.max(1, type.size())) {
      throw in.error("FrVect " + name + " claims " + nData + " samples, more than any file holds");
    }
    byte[] packed = in.bytes(nBytes, "FrVect data");
    long nDim = in.u32();
    if (nDim * 26 > in.remaining()) {
      throw in.error("FrVect " + name + " claims " + nDim + " dimensions");
    }
    long[] nx = new long[(int) nDim];
    double[] dx = new double[(int) nDim];
    double[] startX = new double[(int) nDim];
    String[] unitX = new String[(int) nDim];
    for (int i = 0; i < nDim; i++) {
      nx[i] = version <= 5 ? in.u32() : in.u64("nx");
    }
    for (int i = 0; i < nDim; i++) {
      dx[i] = in.f64();
    }
    for (int i = 0; i < nDim; i++) {
      startX[i] = in.f64();
    }
    for (int i = 0; i < nDim; i++) {
      unitX[i] = in.string();
    }
    String unitY = in.string();
    Pointer next = in.pointer();
    if (longSize == 4 && type.wordSize() == 8) {
      throw in.error("FrVect " + name + " is " + type + " in a file written with 4-byte longs, which this reader does not widen");
    }
    long expected = nData * type.size();
    if (type != VectType.STRING && (compress & 0xff) != 0) {
      if (expected > decodeBudget) {
        throw in.error("FrVect " + name + " would decompress to " + expected + " bytes, more than a "
            + file.length + "-byte file can plausibly hold");
      }
      decodeBudget -= expected;
    }
    byte[] data = type == VectType.STRING ? packed
        : VectCodec.decode(compress, type, nData, expected, packed, order, in);
    List<Vect.Dimension> dims = new ArrayList<>();
    for (int i = 0; i < nDim; i++) {
      dims.add(new Vect.Dimension(nx[i], dx[i], startX[i], unitX[i]));
    }
    return new Linked<>(new Vect(name, type, nData, data, dims, unitY), next);
  }

  // ---- resolving a frame's pointers

  /**
   * The list that starts at {@code first}: structures of class {@code expected} (as the file's
   * dictionary names them), each pointing to the next. A pointer to a missing structure, or to
   * one of another class, is a format error.
   */
  private <T> List<T> chain(Pointer first, String expected, int framePos) throws GwfFormatException {
    List<T> out = new ArrayList<>();
    Pointer p = first;
    while (p != null && !p.isNull()) {
      String cls = classNames.getOrDefault(p.cls(), Dictionary.name(p.cls()));
      if (!expected.equals(cls)) {
        throw new GwfFormatException("FrameH", framePos, "a pointer to " + expected + " names "
            + (cls == null ? "class " + p.cls() : cls) + " instead");
      }
      Object o = structures.get(cls + "#" + p.instance());
      if (!(o instanceof Linked<?> l)) {
        throw new GwfFormatException("FrameH", framePos, "points to " + cls
            + " instance " + p.instance() + ", which is not in the file");
      }
      @SuppressWarnings("unchecked")
      T v = (T) l.value();
      out.add(v);
      if (out.size() > structures.size()) {
        throw new GwfFormatException("FrameH", framePos, "the " + expected + " list loops back on itself");
      }
      p = l.next();
    }
    return out;
  }

  private List<Vect> vects(Pointer p, int framePos) throws GwfFormatException {
    return chain(p, "FrVect", framePos);
  }

  private void endOfFrame(int pos) throws GwfFormatException {
    RawFrame r = pendingFrame;
    if (r == null) {
      throw in.error("FrEndOfFrame without a FrameH");
    }
    pendingFrame = null;
    int fp = r.pos();
    Frame.Builder b = Frame.builder(r.name(), r.start(), r.dt()).run(r.run()).frameNumber(r.frame())
        .dataQuality(r.dataQuality()).leapSeconds(r.leapS());
    vects(r.type(), fp).forEach(b::addType);
    vects(r.user(), fp).forEach(b::addUser);
    vects(r.auxData(), fp).forEach(b::addAuxData);
    for (Object[] d : this.<Object[]>chain(r.detectSim(), "FrDetector", fp)) {
      b.addDetectSim(detector(d, fp));
    }
    for (Object[] d : this.<Object[]>chain(r.detectProc(), "FrDetector", fp)) {
      b.addDetector(detector(d, fp));
    }
    this.<History>chain(r.history(), "FrHistory", fp).forEach(b::addHistory);
    if (!r.rawData().isNull()) {
      String cls = classNames.getOrDefault(r.rawData().cls(), Dictionary.name(r.rawData().cls()));
      Object raw = "FrRawData".equals(cls) ? structures.get(cls + "#" + r.rawData().instance()) : null;
      if (!(raw instanceof RawData rd)) {
        throw new GwfFormatException("FrameH", fp, "rawData points to a structure that is not in the file");
      }
      b.rawDataName(rd.name());
      for (Object[] a : this.<Object[]>chain(rd.firstAdc(), "FrAdcData", fp)) {
        b.addAdcData(new AdcData((String) a[0], (String) a[1], (Long) a[2], (Long) a[3], (Long) a[4], (Float) a[5],
            (Float) a[6], (String) a[7], (Double) a[8], (Double) a[9], (Double) a[10], (Float) a[11], (Integer) a[12],
            vects((Pointer) a[13], fp), vects((Pointer) a[14], fp)));
      }
      for (Object[] s : this.<Object[]>chain(rd.firstSer(), "FrSerData", fp)) {
        b.addSerData(new SerData((String) s[0], (Long) s[1], (Long) s[2], (Double) s[3], (String) s[4], vects((Pointer) s[5], fp)));
      }
    }
    for (Object[] p : this.<Object[]>chain(r.procData(), "FrProcData", fp)) {
      @SuppressWarnings("unchecked")
      List<Double> aux = (List<Double>) p[10];
      @SuppressWarnings("unchecked")
      List<String> auxNames = (List<String>) p[11];
      b.addProcData(new ProcData((String) p[0], (String) p[1], (Integer) p[2], (Integer) p[3], (Double) p[4],
          (Double) p[5], (Double) p[6], (Float) p[7], (Double) p[8], (Double) p[9], aux, auxNames,
          vects((Pointer) p[12], fp), vects((Pointer) p[13], fp), chain((Pointer) p[14], "FrHistory", fp)));
    }
    for (Object[] s : this.<Object[]>chain(r.simData(), "FrSimData", fp)) {
      b.addSimData(new SimData((String) s[0], (String) s[1], (Double) s[2], (Double) s[3], (Double) s[4], (Float) s[5],
          vects((Pointer) s[6], fp), vects((Pointer) s[7], fp)));
    }
    for (Pointer first : List.of(r.event(), r.simEvent())) {
      for (Object[] e : this.<Object[]>chain(first, first == r.event() ? "FrEvent" : "FrSimEvent", fp)) {
        @SuppressWarnings("unchecked")
        List<Double> params = (List<Double>) e[11];
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) e[12];
        b.addEvent(new Event((Boolean) e[0], (String) e[1], (String) e[2], (String) e[3], (GpsTime) e[4], (Float) e[5],
            (Float) e[6], (Long) e[7], (Float) e[8], (Float) e[9], (String) e[10], params, names, vects((Pointer) e[13], fp)));
      }
    }
    try {
      frames.add(b.build());
    } catch (IllegalArgumentException e) {
      throw new GwfFormatException("FrameH", fp, e.getMessage());
    }
    // What belonged to this frame is done with; detectors may be shared by later frames.
    structures.keySet().removeIf(k -> !k.startsWith("FrDetector#"));
  }

  /** Versions 6 and 7: chkType, chkSum (of the file, taken with this field as zero), seekTOC. */
  private void endOfFileV6(int pos, long nFrames, long nBytes) throws GwfFormatException {
    long chkType = in.u32();
    int sumAt = in.position();
    int stored = in.i32();
    in.u64("seekTOC");
    if (nFrames != frames.size()) {
      throw new GwfFormatException("FrEndOfFile", pos, "says " + nFrames + " frames, the file holds " + frames.size());
    }
    if (nBytes != file.length) {
      throw new GwfFormatException("FrEndOfFile", pos, "says the file is " + nBytes + " bytes, it is " + file.length);
    }
    if (chkType == 1) {
      int computed = new Crc().update(file, 0, sumAt).update(new byte[4], 0, 4)
          .update(file, sumAt + 4, file.length - sumAt - 4).value();
      if (computed != stored) {
        throw new GwfFormatException("FrEndOfFile", pos, String.format(
            "file checksum mismatch: stored %08x, computed %08x: the file is corrupt", stored, computed));
      }
    }
  }

  /**
   * The detector read as {@code d}, its aux vectors resolved the first time a frame uses it (a
   * detector may serve later frames, after the first frame's vectors are gone).
   */
  private Detector detector(Object[] d, int fp) throws GwfFormatException {
    Detector known = detectors.get(d);
    if (known != null) {
      return known;
    }
    try {
      Detector det = new Detector((String) d[0], (String) d[1], (Double) d[2], (Double) d[3], (Float) d[4],
          (Float) d[5], (Float) d[6], (Float) d[7], (Float) d[8], (Float) d[9], (Float) d[10], (Integer) d[11],
          vects((Pointer) d[12], fp));
      detectors.put(d, det);
      return det;
    } catch (IllegalArgumentException e) {
      throw new GwfFormatException("FrDetector", fp, e.getMessage());
    }
  }

  private void endOfFile(int pos) throws GwfFormatException {
    if (pendingFrame != null) {
      throw in.error("FrEndOfFile inside a frame (no FrEndOfFrame)");
    }
    if (version <= 5) {
      OldLayouts.endOfFile(in, file, pos, frames.size(), version);
      return;
    }
    long nFrames = in.u32();
    long nBytes = in.u64("nBytes");
    if (version < 8) {
      endOfFileV6(pos, nFrames, nBytes);
      return;
    }
    in.u64("seekTOC");
    int headerSum = in.i32();
    in.i32(); // the structure's own checksum, verified already
    int fileSum = in.i32();
    if (nFrames != frames.size()) {
      throw new GwfFormatException("FrEndOfFile", pos, "says " + nFrames + " frames, the file holds " + frames.size());
    }
    if (nBytes != file.length) {
      throw new GwfFormatException("FrEndOfFile", pos, "says the file is " + nBytes + " bytes, it is " + file.length);
    }
    if (headerSum != 0 && headerSum != Crc.of(file, 0, 40)) {
      throw new GwfFormatException("FrHeader", 0, String.format("header checksum mismatch: stored %08x, computed %08x",
          headerSum, Crc.of(file, 0, 40)));
    }
    // The running sum covers the file up to its checksum unless bytes follow FrEndOfFile.
    int computed = fileCrc.length() == file.length - 4 ? fileCrc.value() : Crc.of(file, 0, file.length - 4);
    if (fileSum != 0 && fileSum != computed) {
      throw new GwfFormatException("FrEndOfFile", pos, String.format(
          "file checksum mismatch: stored %08x, computed %08x: the file is corrupt", fileSum, computed));
    }
  }
}
