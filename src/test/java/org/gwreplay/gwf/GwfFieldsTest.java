package org.gwreplay.gwf;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gwreplay.time.GpsTime;
import org.junit.jupiter.api.Test;

/** Field meanings found wrong by checks against FrameL (issue 17, items 4 to 6). */
class GwfFieldsTest {

  static final GpsTime T0 = GpsTime.ofSeconds(1238166016);

  private static Detector detector(String prefix) {
    return new Detector("LHO_4k", prefix, -2.08405676917, 0.81079526383, 142.554f, 5.65487724f, 4.08408092f,
        -6.195e-4f, 1.25e-5f, 1997.54f, 1997.52f, 0, List.of());
  }

  private static byte[] withDetector(String prefix) {
    Frame f = Frame.builder("LHO", T0, 1).addDetector(detector(prefix))
        .addProcData(ProcData.timeSeries("H1:S", 16, new double[16])).build();
    return GwfWriter.toBytes(List.of(f), Compression.GZIP);
  }

  /** Offset of the prefix (CHAR[2]) in the file's first FrDetector: after the header and name. */
  private static int prefixAt(byte[] f) {
    GwfSurgery.Struct d = GwfSurgery.first(f, Dictionary.FR_DETECTOR);
    int nameLen = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).getShort(d.offset() + 14);
    return d.offset() + 16 + nameLen;
  }

  @Test
  void aPrefixOfTwoNulsReadsAsNoPrefix() throws Exception {
    byte[] f = withDetector("H1");
    int at = prefixAt(f);
    assertThat(new String(f, at, 2, "US-ASCII"), equalTo("H1"));
    f[at] = 0;
    f[at + 1] = 0;
    Detector d = GwfReader.read(GwfSurgery.fixChecksums(f)).get(0).detectProc().get(0);
    assertThat(d.prefix(), equalTo(""));
  }

  @Test
  void noPrefixIsWrittenAsNulsAndReadsBackEmpty() throws Exception {
    byte[] f = withDetector("");
    int at = prefixAt(f);
    assertThat(new byte[] {f[at], f[at + 1]}, equalTo(new byte[] {0, 0}));
    assertThat(GwfReader.read(f).get(0).detectProc().get(0).prefix(), equalTo(""));
    // A one-letter prefix keeps its letter and a NUL; spaces stay spaces (they are characters).
    assertThat(GwfReader.read(withDetector("X")).get(0).detectProc().get(0).prefix(), equalTo("X"));
    assertThat(GwfReader.read(withDetector("  ")).get(0).detectProc().get(0).prefix(), equalTo("  "));
  }

  @Test
  void unsignedEightByteIntegersReadAsUnsigned() throws Exception {
    long[] values = {0, 1, Long.MAX_VALUE, Long.MIN_VALUE, -1L, 0xc000_0000_0000_0001L};
    double[] expected = {0, 1, 9.223372036854775807e18, 9.223372036854775808e18, 1.8446744073709551615e19,
        1.3835058055282163713e19};
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      b.putLong(v);
    }
    Vect v = new Vect("X1:U64", VectType.INT_8U, values.length, b.array(),
        List.of(new Vect.Dimension(values.length, 1, 0, "s")), "");
    assertThat(v.toDoubles(), equalTo(expected));
    Frame f = Frame.builder("X", T0, 1).addAdcData(AdcData.of("X1:U64", values.length, v)).build();
    for (Compression c : Compression.values()) {
      assertThat(c.toString(), GwfReader.read(GwfWriter.toBytes(List.of(f), c)).get(0).adcData().get(0).data().toDoubles(),
          equalTo(expected));
    }
  }

  /** Strain-like float64: a slow sinusoid far above a little noise, as calibrated h(t) is. */
  static double[] strainLike(int n, long seed) {
    Random r = new Random(seed);
    double[] h = new double[n];
    for (int i = 0; i < n; i++) {
      h[i] = 1e-18 * Math.sin(2 * Math.PI * 0.3 * i / n + 0.4) + 1e-21 * r.nextGaussian();
    }
    return h;
  }

  @Test
  void lowLatencyDefaultZeroSuppressesFloatChannelsAsTheDetectorsFramesDo() throws Exception {
    int n = 16384;
    double[] h = strainLike(n, 3);
    float[] f32 = new float[n];
    for (int i = 0; i < n; i++) {
      f32[i] = (float) (1000 * Math.sin(2 * Math.PI * 5.0 * i / n));
    }
    Frame f = Frame.builder("H", T0, 1).addProcData(ProcData.timeSeries("H1:GDS-CALIB_STRAIN", n, h))
        .addProcData(new ProcData("H1:F32", "", ProcData.TIME_SERIES, 0, 0, 1, 0, 0f, 0, 0, List.of(), List.of(),
            List.of(Vect.ofFloats("H1:F32", f32, 1.0 / n, 0, "")), List.of(), List.of()))
        .build();
    byte[] ll = GwfWriter.toBytes(List.of(f), Compression.lowLatencyDefault());
    Map<String, Integer> codes = GwfSurgery.vectCompressions(ll);
    // T970130's numbering: 10 zero-suppresses 8-byte words, 8 4-byte words; 0x100: little-endian words.
    assertThat(codes.get("H1:GDS-CALIB_STRAIN"), equalTo(0x100 | 10));
    assertThat(codes.get("H1:F32"), equalTo(0x100 | 8));
    assertThat(GwfReader.read(ll), equalTo(List.of(f)));
    assertThat(ll.length, lessThan(GwfWriter.toBytes(List.of(f), Compression.GZIP).length));
    // Written big-endian (as a big-endian machine would): the same schemes without the 0x100 flag.
    java.io.ByteArrayOutputStream be = new java.io.ByteArrayOutputStream();
    try (GwfWriter w = new GwfWriter(be, Compression.lowLatencyDefault(), ByteOrder.BIG_ENDIAN)) {
      w.write(f);
    }
    assertThat(GwfReader.read(be.toByteArray()), equalTo(List.of(f)));
  }

  @Test
  void floatDataTooNoisyToShrinkByZeroSuppressionAreGzipped() throws Exception {
    Random r = new Random(9);
    double[] noise = new double[4096];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = r.nextGaussian(); // signs flip at random: bit differences need all 64 bits
    }
    Frame f = Frame.builder("H", T0, 1).addProcData(ProcData.timeSeries("H1:N", noise.length, noise)).build();
    byte[] ll = GwfWriter.toBytes(List.of(f), Compression.lowLatencyDefault());
    assertThat(GwfSurgery.vectCompressions(ll).get("H1:N"), equalTo(0x100 | 1));
    assertThat(GwfReader.read(ll), equalTo(List.of(f)));
  }

  @Test
  void detectorAuxVectorsAreReadInEveryFrame() throws Exception {
    Vect aux = Vect.ofDoubles("calibration", new double[] {1.5, -2.5, 3.5}, 1, 0, "");
    Detector d = new Detector("LHO_4k", "H1", -2.08, 0.81, 142f, 5.6f, 4.0f, 0f, 0f, 1997f, 1997f, 0, List.of(aux));
    List<Frame> frames = List.of(Frame.builder("H", T0, 1).addDetector(d).build(),
        Frame.builder("H", T0.plusSeconds(1), 1).addDetector(d).build());
    for (Compression c : Compression.values()) {
      List<Frame> back = GwfReader.read(GwfWriter.toBytes(frames, c));
      assertThat(c.toString(), back.get(1).detectProc().get(0).aux(), equalTo(List.of(aux)));
      assertThat(c.toString(), back, equalTo(frames));
    }
  }

  @Test
  void complexVectorsRoundTripAsRealAndImaginaryPairs() throws Exception {
    int n = 64;
    ByteBuffer c8 = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer c16 = ByteBuffer.allocate(16 * n).order(ByteOrder.LITTLE_ENDIAN);
    double[] pairs = new double[2 * n];
    for (int i = 0; i < n; i++) {
      pairs[2 * i] = i * 0.5;
      pairs[2 * i + 1] = -i * 0.25;
      c8.putFloat((float) pairs[2 * i]).putFloat((float) pairs[2 * i + 1]);
      c16.putDouble(pairs[2 * i]).putDouble(pairs[2 * i + 1]);
    }
    List<Vect.Dimension> freq = List.of(new Vect.Dimension(n, 0.5, 0, "Hz"));
    Vect v8 = new Vect("X1:TF8", VectType.COMPLEX_8, n, c8.array(), freq, "");
    Vect v16 = new Vect("X1:TF16", VectType.COMPLEX_16, n, c16.array(), freq, "");
    Frame f = Frame.builder("X", T0, 1)
        .addProcData(new ProcData("X1:TF8", "", 2, 0, 0, 0, 0, 0f, 32, 0.5, List.of(), List.of(), List.of(v8), List.of(), List.of()))
        .addProcData(new ProcData("X1:TF16", "", 2, 0, 0, 0, 0, 0f, 32, 0.5, List.of(), List.of(), List.of(v16), List.of(), List.of()))
        .build();
    for (Compression c : Compression.values()) {
      Frame back = GwfReader.read(GwfWriter.toBytes(List.of(f), c)).get(0);
      assertThat(c.toString(), back, equalTo(f));
      assertThat(back.procData().get(0).data().toDoubles(), equalTo(pairs));
      assertThat(back.procData().get(1).data().toDoubles(), equalTo(pairs));
    }
  }
}
