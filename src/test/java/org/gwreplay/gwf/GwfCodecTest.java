package org.gwreplay.gwf;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import org.gwreplay.time.GpsTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GwfCodecTest {

  static final GpsTime T0 = GpsTime.ofSeconds(1238166016);

  /** A frame using every structure the codec carries, with awkward values. */
  static Frame richFrame(GpsTime start, long seed) {
    Random r = new Random(seed);
    int n = 4096;
    double[] strain = new double[n];
    float[] f32 = new float[n];
    short[] counts = new short[n];
    int[] ints = new int[n];
    for (int i = 0; i < n; i++) {
      strain[i] = r.nextGaussian() * 1e-21;
      f32[i] = (float) r.nextGaussian();
      counts[i] = (short) (r.nextInt(64) - 32);
      ints[i] = r.nextInt(2000) - 1000;
    }
    counts[7] = Short.MIN_VALUE;
    counts[8] = Short.MAX_VALUE;
    counts[9] = Short.MIN_VALUE;
    ints[100] = Integer.MIN_VALUE;
    ints[101] = Integer.MAX_VALUE;
    double dx = 1.0 / n;
    ByteBuffer longs = ByteBuffer.allocate(8 * 16).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 16; i++) {
      longs.putLong(r.nextLong());
    }
    longs.putLong(8 * 3, Long.MIN_VALUE).putLong(8 * 4, Long.MAX_VALUE).putLong(8 * 5, Long.MIN_VALUE);
    Vect int8 = new Vect("X1:LONGS", VectType.INT_8S, 16, longs.array(), List.of(new Vect.Dimension(16, 1.0 / 16, 0, "s")), "");
    return Frame.builder("LHO", start, 1.0).run(-1).frameNumber(42).dataQuality(7)
        .addDetector(new Detector("LHO_4k", "H1", -2.08405676917, 0.81079526383, 142.554f, 5.65487724f, 4.08408092f,
            -6.195e-4f, 1.25e-5f, 1997.54f, 1997.52f, 0, List.of()))
        .addHistory(new History("gwreplay", 1238166000L, "test frame"))
        .addAdcData(AdcData.of("H1:PEM-COUNTS", n, Vect.ofShorts("H1:PEM-COUNTS", counts, dx, 0, "counts")))
        .addAdcData(AdcData.of("H1:PEM-INTS", n, Vect.ofInts("H1:PEM-INTS", ints, dx, 0, "counts")))
        .addAdcData(AdcData.of("H1:PEM-LONGS", 16, int8.withName("H1:PEM-LONGS")))
        .addSerData(new SerData("H1:SER", 1238166016L, 500_000_000L, 1, "temperature 21.5", List.of()))
        .addProcData(ProcData.timeSeries("H1:GDS-CALIB_STRAIN", n, strain))
        .addProcData(new ProcData("H1:FLOATS", "floats", 1, 0, 0, 1, 0, 0f, 0, 0, List.of(0.5, -2.0), List.of("a", "b"),
            List.of(Vect.ofFloats("H1:FLOATS", f32, dx, 0, "m")), List.of(int8), List.of(new History("cal", 5, "v1"))))
        .addSimData(new SimData("H1:INJ", "", n, 0, 0, 0f, List.of(Vect.ofDoubles("H1:INJ", strain, dx, 0, "strain")), List.of()))
        .addEvent(new Event(false, "burst", "c", "H1:GDS-CALIB_STRAIN", start.plusNanos(250_000_000), 0.1f, 0.2f, 3, 4.5f,
            0.9f, "snr", List.of(8.0), List.of("snr"), List.of()))
        .addEvent(new Event(true, "inj", "", "", start.plusNanos(750_000_000), 0.1f, 0.1f, 0, 1e-21f, 0, "", List.of(), List.of(), List.of()))
        .addType(Vect.ofDoubles("type", new double[] {1, 2}, 1, 0, ""))
        .build();
  }

  /** {@code frames} as one file in {@code order}. */
  static byte[] write(List<Frame> frames, Compression c, ByteOrder order) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GwfWriter w = new GwfWriter(out, c, order)) {
      for (Frame f : frames) {
        w.write(f);
      }
    }
    return out.toByteArray();
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void roundTripsEveryStructureBitForBitInBothByteOrders(Compression c) throws Exception {
    List<Frame> frames = List.of(richFrame(T0, 1), richFrame(T0.plusSeconds(1), 2), richFrame(T0.plusSeconds(2), 3));
    for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
      byte[] file = write(frames, c, order);
      assertThat(c + " " + order, GwfReader.read(file), equalTo(frames));
    }
  }

  @Test
  void endOfFilePointsAtTheTableOfContentsItself() {
    // FrameL finds the FrTOC from FrEndOfFile's seekTOC (bytes back from the end of the file);
    // found wrong, it reads no TOC at all (as FrCheck showed before this was fixed).
    byte[] f = GwfWriter.toBytes(List.of(richFrame(T0, 1), richFrame(T0.plusSeconds(1), 2)), Compression.GZIP);
    ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
    long seekToc = b.getLong(f.length - 20); // then chkSumFrHeader, chkSum, chkSumFile
    int toc = (int) (f.length - seekToc);
    assertThat(f[toc + 9] & 0xff, equalTo(Dictionary.FR_TOC));
    assertThat(b.getInt(toc + 14 + 2), equalTo(2)); // nFrame, after ULeapS
  }

  @Test
  void tableOfContentsNamesEachDictionaryEntryBeforeItOnce() {
    // As the HLV sample's TOC does: the FrSH structures that precede the TOC (FrEndOfFile's comes after it).
    byte[] f = GwfWriter.toBytes(List.of(richFrame(T0, 1), richFrame(T0.plusSeconds(1), 2)), Compression.GZIP);
    ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
    int toc = (int) (f.length - b.getLong(f.length - 20));
    List<String> described = new java.util.ArrayList<>();
    for (GwfSurgery.Struct s : GwfSurgery.structures(f)) {
      if (s.cls() == Dictionary.FR_SH && s.offset() < toc) {
        described.add(string(b, s.offset() + 14));
      }
    }
    int nFrame = b.getInt(toc + 14 + 2);
    int at = toc + 14 + 6 + nFrame * 68; // per frame: dataQuality .. nFirstMsg
    int nSh = b.getInt(at);
    at += 4 + 2 * nSh; // past SHid
    List<String> listed = new java.util.ArrayList<>();
    for (int i = 0; i < nSh; i++) {
      listed.add(string(b, at));
      at += 2 + (b.getShort(at) & 0xffff);
    }
    assertThat(listed, equalTo(described));
  }

  /** A GWF STRING: its length with the NUL, the characters, the NUL. */
  private static String string(ByteBuffer b, int at) {
    int n = b.getShort(at) & 0xffff;
    byte[] chars = new byte[n - 1];
    b.get(at + 2, chars);
    return new String(chars, java.nio.charset.StandardCharsets.US_ASCII);
  }

  @Test
  void writingIsDeterministic() {
    List<Frame> frames = List.of(richFrame(T0, 1));
    assertThat(GwfWriter.toBytes(frames, Compression.GZIP), equalTo(GwfWriter.toBytes(frames, Compression.GZIP)));
  }

  @Test
  void zeroSuppressionPacksQuietIntegerChannelsTightly() {
    short[] quiet = new short[8 * 16384];
    Random r = new Random(5);
    for (int i = 0; i < quiet.length; i++) {
      quiet[i] = (short) (1000 + r.nextInt(7) - 3);
    }
    Frame f = Frame.builder("X", T0, 8).addAdcData(AdcData.of("X1:Q", 16384, Vect.ofShorts("X1:Q", quiet, 1.0 / 16384, 0, ""))).build();
    int raw = GwfWriter.toBytes(List.of(f), Compression.RAW).length;
    int zs = GwfWriter.toBytes(List.of(f), Compression.ZERO_SUPPRESS_OTHERWISE_GZIP).length;
    assertThat(zs, lessThan(raw / 3));
  }

  @Test
  void cutsALongFrameIntoSecondsAndJoinsThemBack() throws Exception {
    int rate = 1024;
    double[] samples = new double[8 * rate];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = i;
    }
    Frame eight = Frame.builder("L", T0, 8).addProcData(ProcData.timeSeries("L1:S", rate, samples))
        .addEvent(new Event(false, "e", "", "", T0.plusSeconds(5).plusNanos(1), 0, 0, 0, 1, 1, "", List.of(), List.of(), List.of()))
        .build();
    Frame[] seconds = new Frame[8];
    for (int k = 0; k < 8; k++) {
      seconds[k] = GwfReader.read(GwfWriter.toBytes(List.of(Frames.cut(List.of(eight), T0.plusSeconds(k), T0.plusSeconds(k + 1))),
          Compression.GZIP)).get(0);
      double[] s = seconds[k].procData().get(0).data().toDoubles();
      assertThat(s.length, equalTo(rate));
      assertThat(s[0], equalTo((double) k * rate));
      assertThat(s[rate - 1], equalTo((double) (k + 1) * rate - 1));
      assertThat(seconds[k].start(), equalTo(T0.plusSeconds(k)));
      assertThat(seconds[k].duration(), equalTo(1.0));
      assertThat(seconds[k].procData().get(0).tRange(), equalTo(1.0));
      assertThat(seconds[k].events().size(), equalTo(k == 5 ? 1 : 0));
    }
    Frame joined = Frames.cut(List.of(seconds[2], seconds[3], seconds[4], seconds[5]), T0.plusSeconds(2), T0.plusSeconds(6));
    double[] j = joined.procData().get(0).data().toDoubles();
    assertThat(j.length, equalTo(4 * rate));
    for (int i = 0; i < j.length; i++) {
      assertThat(j[i], equalTo((double) (2 * rate + i)));
    }
    assertThat(joined.events().size(), equalTo(1));
  }

  @Test
  void cuttingRefusesWhatCannotBeCutExactly() {
    Frame f = Frame.builder("L", T0, 2).addProcData(ProcData.timeSeries("L1:S", 16, new double[32])).build();
    IllegalArgumentException between = assertThrows(IllegalArgumentException.class,
        () -> Frames.cut(List.of(f), T0.plusNanos(10_000_000), T0.plusSeconds(1)));
    assertThat(between.getMessage(), containsString("falls between samples"));
    IllegalArgumentException uncovered = assertThrows(IllegalArgumentException.class,
        () -> Frames.cut(List.of(f), T0.plusSeconds(1), T0.plusSeconds(3)));
    assertThat(uncovered.getMessage(), containsString("cover"));
  }

  @Test
  void shiftMovesEveryGpsTimeAndNothingElse() {
    Frame f = richFrame(T0, 9);
    Frame s = f.shift(1_000_000);
    assertThat(s.start(), equalTo(T0.plusSeconds(1_000_000)));
    assertThat(s.events().get(0).time(), equalTo(f.events().get(0).time().plusSeconds(1_000_000)));
    assertThat(s.simEvents().get(0).time(), equalTo(f.simEvents().get(0).time().plusSeconds(1_000_000)));
    assertThat(s.serData().get(0).timeSec(), equalTo(f.serData().get(0).timeSec() + 1_000_000));
    assertThat(s.procData(), equalTo(f.procData()));
    assertThat(s.shift(-1_000_000), equalTo(f));
  }

  @Test
  void selectsAndRenamesChannels() {
    Frame f = richFrame(T0, 3).withChannels(n -> n.startsWith("H1:GDS") || n.equals("H1:PEM-INTS"),
        n -> n.replace("GDS-CALIB_STRAIN", "STRAIN"));
    assertThat(f.procData().stream().map(ProcData::name).toList(), equalTo(List.of("H1:STRAIN")));
    assertThat(f.procData().get(0).data().name(), equalTo("H1:STRAIN"));
    assertThat(f.adcData().stream().map(AdcData::name).toList(), equalTo(List.of("H1:PEM-INTS")));
    assertThat(f.simData().size(), equalTo(0));
  }

  // ---- bad input: typed errors naming the structure and the offset

  private static GwfFormatException bad(byte[] file) {
    return assertThrows(GwfFormatException.class, () -> GwfReader.read(file));
  }

  private static byte[] good() {
    return GwfWriter.toBytes(List.of(richFrame(T0, 4)), Compression.GZIP);
  }

  @Test
  void truncatedFile() {
    byte[] f = good();
    GwfFormatException e = bad(java.util.Arrays.copyOf(f, f.length / 2));
    assertThat(e.getMessage(), containsString("at byte"));
  }

  @Test
  void wrongMagic() {
    byte[] f = good();
    f[0] = 'X';
    assertThat(bad(f).getMessage(), containsString("no IGWD magic"));
  }

  @Test
  void lengthClaimingTwoToTheSixty() {
    byte[] f = good();
    GwfSurgery.Struct s = GwfSurgery.first(f, Dictionary.FR_VECT);
    ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putLong(s.offset(), 1L << 60);
    GwfFormatException e = bad(f);
    assertThat(e.structure(), equalTo("FrVect"));
    assertThat(e.offset(), equalTo((long) s.offset()));
    assertThat(e.getMessage(), containsString("does not fit"));
  }

  @Test
  void pointerToAMissingInstance() {
    byte[] f = good();
    GwfSurgery.Struct h = GwfSurgery.first(f, Dictionary.FRAME_H);
    // FrameH: name "LHO" (2 + 4), run, frame, dataQuality, GTimeS, GTimeN (5 x 4), ULeapS (2), dt (8), then type -> FrVect.
    int typePointer = h.offset() + 14 + 6 + 20 + 2 + 8;
    ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putInt(typePointer + 2, 999);
    GwfFormatException e = bad(GwfSurgery.fixChecksums(f));
    assertThat(e.structure(), equalTo("FrameH"));
    assertThat(e.getMessage(), containsString("instance 999, which is not in the file"));
  }

  @Test
  void unknownCompression() {
    byte[] f = good();
    GwfSurgery.Struct v = GwfSurgery.first(f, Dictionary.FR_VECT);
    int nameLen = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).getShort(v.offset() + 14);
    ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putShort(v.offset() + 14 + 2 + nameLen, (short) (0x100 | 99));
    GwfFormatException e = bad(GwfSurgery.fixChecksums(f));
    assertThat(e.structure(), equalTo("FrVect"));
    assertThat(e.getMessage(), containsString("unknown FrVect compression"));
  }

  @Test
  void aFlippedBitIsACheckumMismatch() {
    byte[] f = good();
    GwfSurgery.Struct v = GwfSurgery.first(f, Dictionary.FR_VECT);
    f[v.offset() + v.length() / 2] ^= 1;
    GwfFormatException e = bad(f);
    assertThat(e.getMessage(), containsString("checksum mismatch"));
    assertThat(e.offset(), equalTo((long) v.offset()));
  }

  @Test
  void corruptionAfterTheLastStructureChecksumIsCaughtByTheFileChecksum() {
    byte[] f = good();
    f[f.length - 1] ^= 0x10;
    assertThat(bad(f).getMessage(), containsString("checksum"));
  }

  @Test
  void pointerToAStructureOfTheWrongClass() {
    byte[] f = good();
    GwfSurgery.Struct h = GwfSurgery.first(f, Dictionary.FRAME_H);
    // procData is the 7th pointer after dt: make it name FrVect instead of FrProcData.
    int procPointer = h.offset() + 14 + 6 + 20 + 2 + 8 + 6 * 6;
    ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putShort(procPointer, (short) Dictionary.FR_VECT);
    GwfFormatException e = bad(GwfSurgery.fixChecksums(f));
    assertThat(e.getMessage(), containsString("a pointer to FrProcData names FrVect instead"));
  }

  @Test
  void aSmallFileClaimingGigabytesOfSamplesIsRefusedBeforeAllocating() {
    Frame tiny = Frame.builder("X", T0, 1).addProcData(ProcData.timeSeries("X1:T", 16, new double[16])).build();
    byte[] f = GwfWriter.toBytes(List.of(tiny), Compression.GZIP);
    GwfSurgery.Struct v = GwfSurgery.first(f, Dictionary.FR_VECT);
    int nameLen = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).getShort(v.offset() + 14);
    ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putLong(v.offset() + 14 + 2 + nameLen + 4, 250_000_000L);
    GwfFormatException e = bad(GwfSurgery.fixChecksums(f));
    assertThat(e.getMessage(), containsString("would decompress to 2000000000 bytes"));
  }

  @Test
  void overlappingFramesGiveEverySampleOnce() {
    double[] a = new double[32];
    double[] b = new double[32];
    for (int i = 0; i < 32; i++) {
      a[i] = i;
      b[i] = 16 + i;
    }
    Frame f0 = Frame.builder("L", T0, 2).addProcData(ProcData.timeSeries("L1:S", 16, a)).build();
    Frame f1 = Frame.builder("L", T0.plusSeconds(1), 2).addProcData(ProcData.timeSeries("L1:S", 16, b)).build();
    double[] cut = Frames.cut(List.of(f0, f1), T0, T0.plusSeconds(3)).procData().get(0).data().toDoubles();
    assertThat(cut.length, equalTo(48));
    for (int i = 0; i < 48; i++) {
      assertThat(cut[i], equalTo((double) i));
    }
  }

  @Test
  void shiftingAcrossALeapSecondUpdatesUleaps() {
    Frame o1 = Frame.builder("H", GpsTime.ofSeconds(1126259462), 1).build(); // 2015-09-14: TAI-UTC 36
    assertThat(o1.leapSeconds(), equalTo(36));
    assertThat(o1.shift(1_400_000_000L - 1126259462L).leapSeconds(), equalTo(37));
  }

  @Test
  void readsVersionsSevenAndSix() throws Exception {
    List<Frame> rich = List.of(richFrame(T0, 21), richFrame(T0.plusSeconds(1), 22));
    byte[] v7 = GwfSurgery.asOldVersion(GwfWriter.toBytes(rich, Compression.ZERO_SUPPRESS_OTHERWISE_GZIP), 7);
    assertThat(GwfReader.read(v7), equalTo(rich));
    Frame plain = Frame.builder("V", T0, 1).addProcData(ProcData.timeSeries("V1:h", 256, new double[256]))
        .addAdcData(AdcData.of("V1:A", 256, Vect.ofShorts("V1:A", new short[256], 1.0 / 256, 0, ""))).build();
    byte[] v6 = GwfSurgery.asOldVersion(GwfWriter.toBytes(List.of(plain), Compression.GZIP), 6);
    assertThat(GwfReader.read(v6), equalTo(List.of(plain)));
    v6[v6.length / 2] ^= 4;
    assertThat(bad(v6).getMessage(), containsString("checksum"));
  }

  @Test
  void readsFrameLsFloatStepPacking() throws Exception {
    // Scheme 7 as FrameL's FrVectFExpand reads it: first value, scale, then steps at shorts 5, 6, ...
    ByteBuffer packed = ByteBuffer.allocate(2 * (3 + 4)).order(ByteOrder.LITTLE_ENDIAN);
    packed.putFloat(0, 1.0f).putFloat(4, 0.5f).putShort(10, (short) 2).putShort(12, (short) -4);
    FrameInput in = new FrameInput(packed.array(), ByteOrder.LITTLE_ENDIAN);
    byte[] le = VectCodec.decode(VectCodec.FLOAT_STEPS | VectCodec.LITTLE_ENDIAN_WORDS, VectType.REAL_4, 3, 12,
        packed.array(), ByteOrder.LITTLE_ENDIAN, in);
    ByteBuffer out = ByteBuffer.wrap(le).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(List.of(out.getFloat(0), out.getFloat(4), out.getFloat(8)), equalTo(List.of(1.0f, 2.0f, 0.0f)));
  }
}
