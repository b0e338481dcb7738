package org.gwreplay.gwf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test-side writer of little-endian frame files in the layouts of format versions 4 and 5, field
 * by field in the order FrameL's readers (FrameHRead, FrBack4DetectorRead, FrBack4ProcDataRead,
 * FrBack4SimDataRead, FrBack4EventRead, FrVectRead, FrEndOfFileRead...) take them, so the
 * project's reader is proven on those layouts; the files it writes were also read by FrameL 8.30
 * (FrDump, FrCheck) when this was written. Each channel's first vector only; FrVect data raw,
 * or gzip for REAL_8 with {@code gzipDoubles}.
 */
final class OldVersionFiles {

  private final int version;
  private final boolean gzipDoubles;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Map<Integer, Integer> instances = new HashMap<>();
  private final Set<Integer> described = new LinkedHashSet<>();
  private int frames;

  private OldVersionFiles(int version, boolean gzipDoubles) {
    this.version = version;
    this.gzipDoubles = gzipDoubles;
  }

  static byte[] write(int version, List<Frame> frames, boolean gzipDoubles) {
    OldVersionFiles w = new OldVersionFiles(version, gzipDoubles);
    w.header();
    for (Frame f : frames) {
      w.frame(f);
    }
    return w.end();
  }

  /** One structure's body. */
  private final class Body {
    final ByteBuffer b = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);

    Body str(String s) {
      byte[] t = s.getBytes(StandardCharsets.UTF_8);
      b.putShort((short) (t.length + 1)).put(t).put((byte) 0);
      return this;
    }

    Body u16(int v) {
      b.putShort((short) v);
      return this;
    }

    Body i32(long v) {
      b.putInt((int) v);
      return this;
    }

    Body i64(long v) {
      b.putLong(v);
      return this;
    }

    Body f32(float v) {
      b.putFloat(v);
      return this;
    }

    Body f64(double v) {
      b.putDouble(v);
      return this;
    }

    Body ptr(int cls, int instance) {
      b.putShort((short) (instance < 0 ? 0 : cls)).putShort((short) Math.max(instance, 0));
      return this;
    }

    Body time(double seconds) {
      long s = (long) Math.floor(seconds);
      return i32(s).i32(Math.round((seconds - s) * 1e9));
    }

    byte[] bytes() {
      return java.util.Arrays.copyOf(b.array(), b.position());
    }
  }

  private void header() {
    ByteBuffer h = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
    h.put(new byte[] {'I', 'G', 'W', 'D', 0, (byte) version, 0, 2, 4, 8, 4, 8});
    h.putShort((short) 0x1234).putInt(0x12345678).putLong(0x123456789abcdefL).putFloat((float) Math.PI).putDouble(Math.PI);
    out.writeBytes(h.array());
  }

  private int next(int cls) {
    int i = instances.getOrDefault(cls, 0);
    instances.put(cls, i + 1);
    return i;
  }

  private int peek(int cls, int ahead) {
    return instances.getOrDefault(cls, 0) + ahead;
  }

  /** FrSH naming the class, before its first structure. */
  private void describe(int cls) {
    if (cls != Dictionary.FR_SH && described.add(cls)) {
      byte[] sh = new Body().str(Dictionary.name(cls)).u16(cls).str("").bytes();
      struct(Dictionary.FR_SH, next(Dictionary.FR_SH), sh);
    }
  }

  private void struct(int cls, int instance, byte[] body) {
    describe(cls);
    ByteBuffer h = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(8 + body.length).putShort((short) cls).putShort((short) instance);
    out.writeBytes(h.array());
    out.writeBytes(body);
  }

  private void frame(Frame f) {
    frames++;
    int det = f.detectProc().isEmpty() ? -1 : peek(Dictionary.FR_DETECTOR, 0);
    int hist = f.history().isEmpty() ? -1 : peek(Dictionary.FR_HISTORY, 0);
    boolean raw = !f.adcData().isEmpty() || !f.serData().isEmpty();
    int rawId = raw ? peek(Dictionary.FR_RAW_DATA, 0) : -1;
    int proc = f.procData().isEmpty() ? -1 : peek(Dictionary.FR_PROC_DATA, 0);
    int sim = f.simData().isEmpty() ? -1 : peek(Dictionary.FR_SIM_DATA, 0);
    int ev = f.events().isEmpty() ? -1 : peek(Dictionary.FR_EVENT, 0);
    int sev = f.simEvents().isEmpty() ? -1 : peek(Dictionary.FR_SIM_EVENT, 0);
    Body h = new Body().str(f.name()).i32(f.run()).i32(f.frameNumber()).i32(f.dataQuality()).i32(f.start().seconds())
        .i32(f.start().nanos()).u16(f.leapSeconds());
    if (version == 4) {
      h.i32(f.detectProc().isEmpty() ? 0 : f.detectProc().get(0).localTime());
    }
    h.f64(f.duration()).ptr(0, -1).ptr(0, -1).ptr(0, -1).ptr(Dictionary.FR_DETECTOR, det).ptr(Dictionary.FR_HISTORY, hist)
        .ptr(Dictionary.FR_RAW_DATA, rawId).ptr(Dictionary.FR_PROC_DATA, proc);
    if (version == 4) {
      h.i32(0); // strain
    }
    h.ptr(Dictionary.FR_SIM_DATA, sim).ptr(Dictionary.FR_EVENT, ev).ptr(Dictionary.FR_SIM_EVENT, sev)
        .ptr(0, -1).ptr(0, -1).ptr(0, -1);
    struct(Dictionary.FRAME_H, next(Dictionary.FRAME_H), h.bytes());

    for (int i = 0; i < f.detectProc().size(); i++) {
      detector(f.detectProc().get(i), i + 1 < f.detectProc().size());
    }
    for (int i = 0; i < f.history().size(); i++) {
      History x = f.history().get(i);
      boolean more = i + 1 < f.history().size();
      struct(Dictionary.FR_HISTORY, next(Dictionary.FR_HISTORY), new Body().str(x.name()).i32(x.time()).str(x.comment())
          .ptr(Dictionary.FR_HISTORY, more ? peek(Dictionary.FR_HISTORY, 0) : -1).bytes());
    }
    if (raw) {
      struct(Dictionary.FR_RAW_DATA, next(Dictionary.FR_RAW_DATA), new Body().str(f.rawDataName())
          .ptr(Dictionary.FR_SER_DATA, f.serData().isEmpty() ? -1 : peek(Dictionary.FR_SER_DATA, 0))
          .ptr(Dictionary.FR_ADC_DATA, f.adcData().isEmpty() ? -1 : peek(Dictionary.FR_ADC_DATA, 0))
          .ptr(0, -1).ptr(0, -1).ptr(0, -1).bytes());
    }
    for (int i = 0; i < f.adcData().size(); i++) {
      AdcData a = f.adcData().get(i);
      Body b = new Body().str(a.name()).str(a.comment()).i32(a.channelGroup()).i32(a.channelNumber()).i32(a.nBits())
          .f32(a.bias()).f32(a.slope()).str(a.units()).f64(a.sampleRate()).time(a.timeOffset()).f64(a.fShift());
      if (version == 5) {
        b.f32(a.phase());
      }
      b.u16(a.dataValid()).ptr(Dictionary.FR_VECT, peek(Dictionary.FR_VECT, 0)).ptr(0, -1)
          .ptr(Dictionary.FR_ADC_DATA, i + 1 < f.adcData().size() ? peek(Dictionary.FR_ADC_DATA, 1) : -1);
      struct(Dictionary.FR_ADC_DATA, next(Dictionary.FR_ADC_DATA), b.bytes());
      vect(a.data());
    }
    for (int i = 0; i < f.serData().size(); i++) {
      SerData s = f.serData().get(i);
      struct(Dictionary.FR_SER_DATA, next(Dictionary.FR_SER_DATA), new Body().str(s.name()).i32(s.timeSec())
          .i32(s.timeNsec()).f64(s.sampleRate()).str(s.data()).ptr(0, -1).ptr(0, -1)
          .ptr(Dictionary.FR_SER_DATA, i + 1 < f.serData().size() ? peek(Dictionary.FR_SER_DATA, 0) : -1).bytes());
    }
    for (int i = 0; i < f.procData().size(); i++) {
      ProcData p = f.procData().get(i);
      Body b = new Body().str(p.name()).str(p.comment()).f64(1 / p.data().dx()).time(p.timeOffset()).f64(p.fShift());
      if (version == 5) {
        b.f32(p.phase());
      }
      b.ptr(Dictionary.FR_VECT, peek(Dictionary.FR_VECT, 0)).ptr(0, -1).ptr(0, -1)
          .ptr(Dictionary.FR_PROC_DATA, i + 1 < f.procData().size() ? peek(Dictionary.FR_PROC_DATA, 1) : -1);
      struct(Dictionary.FR_PROC_DATA, next(Dictionary.FR_PROC_DATA), b.bytes());
      vect(p.data());
    }
    for (int i = 0; i < f.simData().size(); i++) {
      SimData s = f.simData().get(i);
      // (next() below runs before the body is built: peek(0) is then the next instance)
      struct(Dictionary.FR_SIM_DATA, next(Dictionary.FR_SIM_DATA), new Body().str(s.name()).str(s.comment())
          .f32((float) s.sampleRate()).ptr(Dictionary.FR_VECT, peek(Dictionary.FR_VECT, 0)).ptr(0, -1).ptr(0, -1)
          .ptr(Dictionary.FR_SIM_DATA, i + 1 < f.simData().size() ? peek(Dictionary.FR_SIM_DATA, 0) : -1).bytes());
      vect(s.data());
    }
    events(f.events(), Dictionary.FR_EVENT);
    events(f.simEvents(), Dictionary.FR_SIM_EVENT);
    Body e = new Body().i32(f.run()).i32(f.frameNumber());
    if (version == 5) {
      e.i32(0).i32(0); // chkType, chkSum: no frame checksum
    }
    struct(Dictionary.FR_END_OF_FRAME, next(Dictionary.FR_END_OF_FRAME), e.bytes());
  }

  private void detector(Detector d, boolean more) {
    Body b = new Body().str(d.name());
    if (version == 4) {
      dms(b, d.longitude());
      dms(b, d.latitude());
      // Azimuths were counted anticlockwise from East.
      b.f32(d.elevation()).f32((float) (Math.PI / 2 - d.armXazimuth())).f32((float) (Math.PI / 2 - d.armYazimuth()))
          .ptr(0, -1).ptr(0, -1);
    } else {
      b.f64(d.longitude()).f64(d.latitude()).f32(d.elevation()).f32(d.armXazimuth()).f32(d.armYazimuth())
          .f32(d.armXaltitude()).f32(d.armYaltitude()).f32(d.armXmidpoint()).f32(d.armYmidpoint()).i32(d.localTime())
          .i32(7).str("quality list").ptr(0, -1).ptr(0, -1).ptr(Dictionary.FR_DETECTOR, more ? peek(Dictionary.FR_DETECTOR, 1) : -1);
    }
    struct(Dictionary.FR_DETECTOR, next(Dictionary.FR_DETECTOR), b.bytes());
  }

  /** An angle in radians as INT_2S degrees, INT_2S minutes and REAL_4 seconds. */
  private static void dms(Body b, double radians) {
    double deg = Math.abs(Math.toDegrees(radians));
    int d = (int) deg;
    int m = (int) ((deg - d) * 60);
    float s = (float) ((deg - d - m / 60.0) * 3600);
    b.u16(radians < 0 ? -d : d).u16(m).f32(s);
  }

  private void events(List<Event> list, int cls) {
    for (int i = 0; i < list.size(); i++) {
      Event e = list.get(i);
      Body b = new Body().str(e.name()).str(e.comment()).str(e.inputs()).i32(e.time().seconds()).i32(e.time().nanos())
          .f32(e.timeBefore()).f32(e.timeAfter());
      if (!e.simulated()) {
        b.i32(e.eventStatus());
      }
      b.f32(e.amplitude());
      if (!e.simulated()) {
        b.f32(e.probability()).str(e.statistics());
        if (version == 5) {
          b.u16(e.parameters().size());
          e.parameters().forEach(b::f64);
          e.parameterNames().forEach(b::str);
        }
      }
      b.ptr(0, -1).ptr(0, -1).ptr(cls, i + 1 < list.size() ? peek(cls, 1) : -1);
      struct(cls, next(cls), b.bytes());
    }
  }

  private void vect(Vect v) {
    byte[] data = v.bytes();
    int compress = 0;
    if (gzipDoubles && v.type() == VectType.REAL_8) {
      data = VectCodec.deflate(data);
      compress = 0x101;
    }
    Body b = new Body().str(v.name()).u16(compress).u16(v.type().code()).i32(v.nData()).i32(data.length);
    b.b.put(data);
    b.i32(v.dims().size());
    v.dims().forEach(d -> b.i32(d.nx()));
    v.dims().forEach(d -> b.f64(d.dx()));
    v.dims().forEach(d -> b.f64(d.startX()));
    v.dims().forEach(d -> b.str(d.unitX()));
    b.str(v.unitY()).ptr(0, -1);
    struct(Dictionary.FR_VECT, next(Dictionary.FR_VECT), b.bytes());
  }

  private byte[] end() {
    describe(Dictionary.FR_END_OF_FILE);
    boolean wide = version == 5; // FrameL: a 4-byte instance and 8-byte nBytes, seekTOC in version 5
    int bodyLen = (wide ? 2 : 0) + 4 + (wide ? 8 : 4) + 4 + 4 + (wide ? 8 : 4);
    int total = out.size() + 8 + bodyLen;
    Body b = new Body();
    if (wide) {
      b.u16(0);
    }
    b.i32(frames);
    if (wide) {
      b.i64(total);
    } else {
      b.i32(total);
    }
    int typeAt = out.size() + 8 + b.b.position();
    b.i32(1).i32(0); // chkType 1, chkSum filled below
    if (wide) {
      b.i64(0);
    } else {
      b.i32(0);
    }
    struct(Dictionary.FR_END_OF_FILE, next(Dictionary.FR_END_OF_FILE), b.bytes());
    byte[] f = out.toByteArray();
    ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putInt(typeAt + 4, frameLSum(f, typeAt));
    return f;
  }

  /**
   * FrameL's FrChkSum as it accumulates it while reading: each read buffer summed from its file
   * offset (byte k, as a signed char, shifted left 8 * (k % 4) bits), leaving out chkType and chkSum.
   */
  static int frameLSum(byte[] f, int typeAt) {
    int sum = 0;
    List<int[]> reads = new ArrayList<>(List.of(new int[] {0, typeAt}, new int[] {typeAt + 8, f.length}));
    for (int[] r : reads) {
      int first = r[0] % 4;
      int shift = 8 * first;
      for (int k = r[0]; k < r[1]; k++) {
        sum += f[k] << shift;
        shift = (shift + 8) % 32;
      }
    }
    return sum;
  }
}
