package org.gwreplay.gwf;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gwreplay.time.GpsTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Frame format versions 4 and 5 (issue 17, item 2): files in their layouts read with the values FrameL gives. */
class GwfOldVersionsTest {

  static final GpsTime T0 = GpsTime.ofSeconds(714153733); // 2002, the S1 run

  static Detector detector(int version) {
    return new Detector("LHO_4k", "", -2.08405676917, 0.81079526383, 142.554f, 5.65487724f, 4.08408092f,
        version == 4 ? 0f : -6.195e-4f, version == 4 ? 0f : 1.25e-5f, version == 4 ? 0f : 1997.54f,
        version == 4 ? 0f : 1997.52f, -25200, List.of());
  }

  /** A frame of what versions 4 and 5 hold, with the values the reader must give back. */
  static Frame frame(int version, GpsTime start, long seed) {
    Random r = new Random(seed);
    int n = 1024;
    double[] strain = new double[n];
    float[] f32 = new float[n];
    short[] counts = new short[n];
    for (int i = 0; i < n; i++) {
      strain[i] = r.nextGaussian() * 1e-18;
      f32[i] = (float) r.nextGaussian();
      counts[i] = (short) (r.nextInt(2000) - 1000);
    }
    counts[3] = Short.MIN_VALUE;
    double dx = 1.0 / n;
    List<Double> params = version == 5 ? List.of(8.5, -1.25) : List.of();
    List<String> names = version == 5 ? List.of("snr", "chisq") : List.of();
    return Frame.builder("LHO", start, 1.0).run(2).frameNumber(40 + seed).dataQuality(3)
        .addDetector(detector(version))
        .addHistory(new History("framebuilder", 714150000L, "S1"))
        .rawDataName("LHO raw")
        .addAdcData(new AdcData("H2:LSC-AS_Q", "AS_Q", 1, 7, 16, 0.5f, 2f, "counts", n, 0.5, 0, version == 4 ? 0f : 0.25f,
            0, List.of(Vect.ofShorts("H2:LSC-AS_Q", counts, dx, 0, "counts")), List.of()))
        .addSerData(new SerData("H0:SMS", start.seconds(), 500_000_000L, 1, "T=21.5 P=1013", List.of()))
        .addProcData(new ProcData("H2:STRAIN", "calibrated", ProcData.TIME_SERIES, 0, 0.5, 0, 0, version == 4 ? 0f : 1.5f,
            0, 0, List.of(), List.of(), List.of(Vect.ofDoubles("H2:STRAIN", strain, dx, 0, "strain")), List.of(), List.of()))
        .addProcData(new ProcData("H2:FLOATS", "", ProcData.TIME_SERIES, 0, 0, 0, 0, 0f, 0, 0, List.of(), List.of(),
            List.of(Vect.ofFloats("H2:FLOATS", f32, dx, 0, "m")), List.of(), List.of()))
        .addSimData(new SimData("H2:INJ", "injection", 512, 0, 0, 0f,
            List.of(Vect.ofFloats("H2:INJ", java.util.Arrays.copyOf(f32, 512), 1.0 / 512, 0, "")), List.of()))
        .addEvent(new Event(false, "burst", "tfclusters", "H2:LSC-AS_Q", start.plusNanos(250_000_000), 0.1f, 0.2f, 3,
            4.5f, 0.9f, "snr", params, names, List.of()))
        .addEvent(new Event(true, "inj", "hw", "", start.plusNanos(750_000_000), 0.1f, 0.1f, 0, 1e-21f, 0, "",
            List.of(), List.of(), List.of()))
        .build();
  }

  private static Frame withoutDetectors(Frame f) {
    Frame.Builder b = Frame.builder(f.name(), f.start(), f.duration()).run(f.run()).frameNumber(f.frameNumber())
        .dataQuality(f.dataQuality()).leapSeconds(f.leapSeconds()).rawDataName(f.rawDataName());
    f.history().forEach(b::addHistory);
    f.adcData().forEach(b::addAdcData);
    f.serData().forEach(b::addSerData);
    f.procData().forEach(b::addProcData);
    f.simData().forEach(b::addSimData);
    f.events().forEach(b::addEvent);
    f.simEvents().forEach(b::addEvent);
    return b.build();
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 5})
  void readsEveryStructureOfTheVersionsLayout(int version) throws Exception {
    List<Frame> in = List.of(frame(version, T0, 1), frame(version, T0.plusSeconds(1), 2));
    for (boolean gzip : new boolean[] {false, true}) {
      byte[] file = OldVersionFiles.write(version, in, gzip);
      assertThat(file[5], equalTo((byte) version));
      List<Frame> back = GwfReader.read(file);
      assertThat(back.size(), equalTo(2));
      for (int k = 0; k < 2; k++) {
        assertThat(withoutDetectors(back.get(k)), equalTo(withoutDetectors(in.get(k))));
        Detector want = in.get(k).detectProc().get(0);
        Detector got = back.get(k).detectProc().get(0);
        assertThat(got.name(), equalTo(want.name()));
        assertThat(got.prefix(), equalTo(""));
        assertThat(got.localTime(), equalTo(want.localTime()));
        // Version 4 stored degrees, minutes and seconds, and azimuths from East: converted back as FrameL does.
        double tol = version == 4 ? 1e-7 : 0;
        assertThat(got.longitude(), closeTo(want.longitude(), tol));
        assertThat(got.latitude(), closeTo(want.latitude(), tol));
        assertThat((double) got.armXazimuth(), closeTo(want.armXazimuth(), version == 4 ? 1e-6 : 0));
        assertThat((double) got.armYazimuth(), closeTo(want.armYazimuth(), version == 4 ? 1e-6 : 0));
        assertThat(got.elevation(), equalTo(want.elevation()));
        assertThat(got.armXmidpoint(), equalTo(want.armXmidpoint()));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 5})
  void aCorruptByteFailsTheVersionsFileChecksumByName(int version) throws Exception {
    byte[] file = OldVersionFiles.write(version, List.of(frame(version, T0, 1)), false);
    assertThat(GwfReader.read(file).size(), equalTo(1));
    // A sample in the middle of the ADC vector: no structure checksum in these versions, the file's catches it.
    file[file.length / 3] ^= 0x40;
    GwfFormatException e = assertThrows(GwfFormatException.class, () -> GwfReader.read(file));
    assertThat(e.getMessage(), containsString("FrEndOfFile"));
    assertThat(e.getMessage(), containsString("file checksum mismatch (byte sum)"));
  }

  @Test
  void theFileChecksumIsFrameLsByteSum() {
    // FrChkSum: byte k (a signed char) shifted left by 8 * (k % 4) bits, summed; here by hand.
    byte[] f = {1, 2, 3, 4, (byte) 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    int expected = 1 + (2 << 8) + (3 << 16) + (4 << 24) + (-1);
    assertThat(OldLayouts.byteSum(f, 8), equalTo(expected & 0xffffffffL));
    assertThat((long) OldVersionFiles.frameLSum(f, 8) & 0xffffffffL, equalTo(expected & 0xffffffffL));
  }

  @Test
  void aVersion5LabelOnAVersion6LayoutIsReadAsVersion6() throws Exception {
    // FrameL's v5r00 wrote version 6 structures under a 5 in the header; FrameL reads them as 6.
    Frame plain = Frame.builder("V", T0, 1).addProcData(ProcData.timeSeries("V1:h", 256, new double[256])).build();
    byte[] v6 = GwfSurgery.asOldVersion(GwfWriter.toBytes(List.of(plain), Compression.GZIP), 6);
    v6[5] = 5;
    // Its file checksum (version 6: a CRC of the file with chkSum, 12 bytes from the end, as zero) follows the edit.
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(v6).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.putInt(v6.length - 12, 0).putInt(v6.length - 12, Crc.of(v6, 0, v6.length));
    assertThat(GwfReader.read(v6), equalTo(List.of(plain)));
  }

  @Test
  void versionsBelowFourAreRefusedByName() {
    byte[] file = OldVersionFiles.write(4, List.of(frame(4, T0, 1)), false);
    file[5] = 3;
    GwfFormatException e = assertThrows(GwfFormatException.class, () -> GwfReader.read(file));
    assertThat(e.getMessage(), containsString("frame format version 3 is not supported (this reader reads versions 4 to 8)"));
  }

  @Test
  void reFramesOldFilesLikeNewOnes() throws Exception {
    List<Frame> in = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      // Only the channels without a time offset, so that 1-s frames join sample-exact.
      in.add(frame(4, T0.plusSeconds(s), s).withChannels(c -> c.equals("H2:FLOATS") || c.equals("H2:INJ"), c -> c));
    }
    List<Frame> read = GwfReader.read(OldVersionFiles.write(4, in, true));
    Frame joined = Frames.cut(read, T0, T0.plusSeconds(4));
    assertThat(joined.procData().get(0).data().nData(), equalTo(4096L));
    assertThat(joined.simData().get(0).data().nData(), equalTo(2048L));
    assertThat(joined.events().size(), equalTo(4));
    byte[] v8 = GwfWriter.toBytes(List.of(joined), Compression.lowLatencyDefault());
    assertThat(GwfReader.read(v8).get(0), equalTo(joined));
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 5})
  void mutatedOldFilesFailOnlyWithAFormatError(int version) {
    byte[] original = OldVersionFiles.write(version, List.of(frame(version, T0, 1), frame(version, T0.plusSeconds(1), 2)), true);
    Random r = new Random(version);
    List<String> failures = new ArrayList<>();
    long deadline = System.currentTimeMillis() + 2_000;
    for (int cases = 0; cases < 3000 && System.currentTimeMillis() < deadline; cases++) {
      byte[] f = original.clone();
      switch (r.nextInt(3)) {
        case 0 -> f[40 + r.nextInt(f.length - 40)] ^= (byte) (1 << r.nextInt(8));
        case 1 -> f = java.util.Arrays.copyOf(f, r.nextInt(f.length));
        default -> java.nio.ByteBuffer.wrap(f).order(java.nio.ByteOrder.LITTLE_ENDIAN)
            .putInt(40 + r.nextInt(f.length - 44), r.nextBoolean() ? Integer.MAX_VALUE : r.nextInt());
      }
      // Without the file checksum, so that mutations reach the parser: chkType 0 (the last 5 INT_4U of version 4).
      if (version == 4 && f.length == original.length) {
        java.nio.ByteBuffer.wrap(f).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(f.length - 12, 0);
      }
      try {
        GwfReader.read(f);
      } catch (GwfFormatException expected) {
        // the only acceptable failure
      } catch (Throwable t) {
        failures.add("case " + cases + ": " + t);
      }
    }
    assertThat(failures.toString(), failures.isEmpty(), equalTo(true));
  }
}
