package org.gwreplay.gwf;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gwreplay.gwf.FrameInput.Pointer;

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
  private final Format format;
  /** FrameH localTime of versions before 5, which FrameL gives to that frame's detectors. */
  private int frameLocalTime;
  private final FrameInput in;
  private final Map<Integer, String> classNames = new HashMap<>();
  /** Structures read and not yet consumed by a frame, by "class name#instance". */
  private final Map<String, Linked<?>> structures = new HashMap<>();
  private final List<Frame> frames = new ArrayList<>();
  private FrameH pendingFrame;
  private int pendingFramePos;
  private final DecodeBudget decodeBudget;

  /**
   * What reading a structure depends on: the format version (6 and 7 have a 2-byte class and no
   * checksums in structure headers, 6 some REAL_4 fields; 4 and 5 also 4-byte structure lengths,
   * 2-byte instance numbers and older layouts of several structures), the byte order, and the
   * bytes of an INT_8 (versions 4 and 5 could be written where a C long had 4).
   */
  record Format(int version, ByteOrder order, int longSize) {}

  /** A structure and the next one of its list. */
  record Linked<T>(T value, Pointer next) {}

  /** A structure as read, whose pointers become the structures they point to once its frame is complete. */
  interface Unresolved<T> {
    T resolve(Links links) throws GwfFormatException;

    /** {@code u}, resolved the first time only (for structures that serve several frames). */
    static <T> Unresolved<T> once(Unresolved<T> u) {
      return new Unresolved<>() {
        private T value;

        @Override
        public T resolve(Links links) throws GwfFormatException {
          if (value == null) {
            value = u.resolve(links);
          }
          return value;
        }
      };
    }
  }

  /** The structures a frame's pointers point to. */
  interface Links {
    /** The list that starts at {@code first}, of structures of class {@code cls}. */
    <T> List<T> chain(Pointer first, String cls) throws GwfFormatException;

    default List<Vect> vects(Pointer first) throws GwfFormatException {
      return chain(first, "FrVect");
    }
  }

  /**
   * Bytes that decompression may still produce: a file that claims to inflate to more than
   * this (a "zip bomb") is refused before the memory is taken.
   */
  static final class DecodeBudget {
    private final int fileLength;
    private long left;

    DecodeBudget(int fileLength) {
      this.fileLength = fileLength;
      this.left = Math.max(64L << 20, 1100L * fileLength);
    }

    void take(FrameInput in, String vect, long bytes) throws GwfFormatException {
      if (bytes > left) {
        throw in.error("FrVect " + vect + " would decompress to " + bytes + " bytes, more than a "
            + fileLength + "-byte file can plausibly hold");
      }
      left -= bytes;
    }
  }

  private GwfReader(byte[] file, Format format) {
    this.file = file;
    this.format = format;
    this.decodeBudget = new DecodeBudget(file.length);
    this.in = new FrameInput(file, format.order(), format.version() <= 5);
  }

  public static List<Frame> read(Path path) throws IOException {
    long size = Files.size(path);
    if (size > MAX_FILE_BYTES) {
      throw new GwfFormatException("FrHeader", 0, path + " is " + size + " bytes, larger than this reader holds");
    }
    try {
      return read(fileBytes(path));
    } catch (GwfFormatException e) {
      throw e.inFile(path.getFileName().toString());
    }
  }

  /**
   * A file's bytes, read a megabyte a call straight into the array: {@code Files.readAllBytes}
   * reads a heap array through one temporary direct buffer as large as the file, which took twice
   * as long for a 33-MB archive file on tmpfs (31 against 14 ms here). Anything but a regular file
   * of the default file system (a pipe, a file in a zip) is read as {@code Files.readAllBytes} does.
   */
  public static byte[] fileBytes(Path p) throws IOException {
    if (p.getFileSystem() != FileSystems.getDefault() || !Files.isRegularFile(p)) {
      return Files.readAllBytes(p);
    }
    // The channel first: its errors are the file system's (NoSuchFileException, AccessDeniedException).
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ);
        RandomAccessFile f = new RandomAccessFile(p.toFile(), "r")) {
      long size = ch.size();
      if (size > Integer.MAX_VALUE - 8) {
        throw new IOException(p + " is " + size + " bytes, more than one array holds");
      }
      byte[] b = new byte[(int) size];
      int at = 0;
      while (at < b.length) {
        int n = f.read(b, at, Math.min(READ_CHUNK, b.length - at));
        if (n < 0) {
          return Arrays.copyOf(b, at); // it shrank: what is there, for the caller to compare with what it expected
        }
        at += n;
      }
      return f.read() < 0 ? b : Files.readAllBytes(p); // it grew while read: all of it, as readAllBytes gives
    }
  }

  private static final int READ_CHUNK = 1 << 20;

  /**
   * The frames of a whole file. Raw little-endian vectors share {@code file} rather than copy it
   * (most of a raw archive's bytes are samples): the array must not change afterwards.
   */
  public static List<Frame> read(byte[] file) throws GwfFormatException {
    GwfReader reader = new GwfReader(file, FrHeader.read(file));
    try {
      return reader.readStructures();
    } catch (RuntimeException e) {
      // Every check above should have caught malformed input; if one did not, still report it typed.
      throw new GwfFormatException(reader.in.structure(), reader.in.position(), "malformed: " + e, e);
    }
  }

  private List<Frame> readStructures() throws GwfFormatException {
    int pos = FrHeader.LENGTH;
    int version = format.version();
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
        int stored = ByteBuffer.wrap(file, sumAt, 4).order(format.order()).getInt();
        Crc own = new Crc().update(file, pos, sumAt - pos);
        if (stored != own.value()) {
          throw new GwfFormatException(name, pos, String.format("structure checksum mismatch: stored %08x, computed %08x", stored, own.value()));
        }
        fileCrc.include(own, file, pos).update(file, sumAt, 4);
      } else if (chkType != 0) {
        throw new GwfFormatException(name, pos, "unknown checksum kind " + chkType);
      } else if (v8) {
        fileCrc.update(file, pos, sumAt + 4 - pos);
      }
      in.enter(name, "FrEndOfFile".equals(name) || !v8 ? end : end - 4);
      if (structure(name, instance, pos)) {
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
  private boolean structure(String name, long instance, int pos) throws GwfFormatException {
    switch (name) {
      case "FrSH" -> {
        String shName = follow(Dictionary.SH).string();
        int shClass = in.u16();
        classNames.put(shClass, shName);
      }
      case "FrSE" -> { /* element descriptions: this reader knows the layouts */ }
      case "FrameH" -> {
        if (pendingFrame != null) {
          throw in.error("a new FrameH before the FrEndOfFrame of the previous one");
        }
        pendingFrame = FrameH.read(follow(FrameH.LAYOUT), format);
        pendingFramePos = pos;
        frameLocalTime = pendingFrame.localTime();
      }
      case "FrDetector" -> put(name, instance, FrDetector.read(follow(FrDetector.LAYOUT), format, frameLocalTime));
      case "FrHistory" -> put(name, instance, FrHistory.read(follow(FrHistory.LAYOUT)));
      case "FrRawData" -> put(name, instance, new Linked<>(FrRawData.read(follow(FrRawData.LAYOUT)), Pointer.NONE));
      case "FrAdcData" -> put(name, instance, FrAdcData.read(follow(FrAdcData.LAYOUT), format));
      case "FrSerData" -> put(name, instance, FrSerData.read(follow(FrSerData.LAYOUT), format));
      case "FrProcData" -> put(name, instance, FrProcData.read(follow(FrProcData.LAYOUT), format));
      case "FrSimData" -> put(name, instance, FrSimData.read(follow(FrSimData.LAYOUT), format));
      case "FrEvent" -> put(name, instance, FrEvent.read(follow(FrEvent.EVENT), format, false));
      case "FrSimEvent" -> put(name, instance, FrEvent.read(follow(FrEvent.SIM_EVENT), format, true));
      case "FrVect" -> put(name, instance, FrVect.read(follow(FrVect.LAYOUT), format, decodeBudget));
      case "FrEndOfFrame" -> endOfFrame();
      case "FrEndOfFile" -> {
        if (pendingFrame != null) {
          throw in.error("FrEndOfFile inside a frame (no FrEndOfFrame)");
        }
        FrEndOfFile.read(follow(FrEndOfFile.LAYOUT), format, file, pos, frames.size(), fileCrc);
        return true;
      }
      default -> { /* FrTOC, FrMsg, FrStatData, FrSummary, FrTable: checked, not kept */ }
    }
    return false;
  }

  /** The input, checked against {@code layout} where the file is of the version it describes. */
  private FrameInput follow(Layout layout) {
    if (format.version() == 8) {
      in.follow(layout);
    }
    return in;
  }

  private void put(String cls, long instance, Linked<?> value) {
    structures.put(cls + "#" + instance, value);
  }

  /** {@code n} REAL_8 values (REAL_4 where {@code single}, as version 6 wrote event parameters). */
  static List<Double> reals(FrameInput in, int n, boolean single) throws GwfFormatException {
    List<Double> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(single ? (double) in.f32() : in.f64());
    }
    return out;
  }

  static List<String> strings(FrameInput in, int n) throws GwfFormatException {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(in.string());
    }
    return out;
  }

  // ---- resolving a frame's pointers

  /** A frame is complete: its structures become the frame; what only it used is let go. */
  private void endOfFrame() throws GwfFormatException {
    FrameH h = pendingFrame;
    if (h == null) {
      throw in.error("FrEndOfFrame without a FrameH");
    }
    pendingFrame = null;
    int fp = pendingFramePos;
    Frame frame;
    try {
      frame = h.resolve(links(fp));
    } catch (IllegalArgumentException e) {
      throw new GwfFormatException("FrameH", fp, e.getMessage());
    }
    frames.add(frame);
    // Detectors may be shared by later frames.
    structures.keySet().removeIf(k -> !k.startsWith("FrDetector#"));
  }

  /** Pointers resolved for the frame whose FrameH is at {@code framePos}. */
  private Links links(int framePos) {
    return new Links() {
      @Override
      public <T> List<T> chain(Pointer first, String cls) throws GwfFormatException {
        return GwfReader.this.chain(first, cls, framePos);
      }
    };
  }

  /**
   * The list that starts at {@code first}: structures of class {@code expected} (as the file's
   * dictionary names them), each pointing to the next. A pointer to a missing structure, or to
   * one of another class, is a format error; so is a structure its record refuses.
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
      Linked<?> l = structures.get(cls + "#" + p.instance());
      if (l == null) {
        throw new GwfFormatException("FrameH", framePos, "points to " + cls
            + " instance " + p.instance() + ", which is not in the file");
      }
      Object v = l.value();
      if (v instanceof Unresolved<?> u) {
        try {
          v = u.resolve(links(framePos));
        } catch (IllegalArgumentException e) {
          throw new GwfFormatException(expected, framePos, e.getMessage());
        }
      }
      @SuppressWarnings("unchecked")
      T t = (T) v;
      out.add(t);
      if (out.size() > structures.size()) {
        throw new GwfFormatException("FrameH", framePos, "the " + expected + " list loops back on itself");
      }
      p = l.next();
    }
    return out;
  }
}
