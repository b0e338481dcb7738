package org.gwreplay.gwf;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.sameInstance;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.gwreplay.time.GpsTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A vector read from a raw little-endian file, and a slice of any vector, share the array they
 * came from instead of copying it: what each gives (samples, bytes, equality, what is written)
 * must be that of its own range only, never of the array around it.
 */
class VectSharingTest {

  private static final GpsTime T0 = GpsTime.ofSeconds(1238166016);

  private static double[] ramp(int n, double from) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = from + i * 0.25;
    }
    return v;
  }

  /** One frame of {@code seconds} with a 1024-Hz double series and a 16-Hz int series, both ramps. */
  private static Frame frame(int seconds) {
    int[] ints = new int[16 * seconds];
    for (int i = 0; i < ints.length; i++) {
      ints[i] = 1000 - 3 * i;
    }
    return Frame.builder("LHO", T0, seconds)
        .addProcData(ProcData.timeSeries("H1:STRAIN", 1024, ramp(1024 * seconds, -7)))
        .addProcData(new ProcData("H1:STATE", "", ProcData.TIME_SERIES, 0, 0, seconds, 0, 0f, 8, 0, List.of(), List.of(),
            List.of(Vect.ofInts("H1:STATE", ints, 1.0 / 16, 0, "")), List.of(), List.of()))
        .build();
  }

  private static byte[] write(List<Frame> frames, Compression c, ByteOrder order) throws Exception {
    return GwfCodecTest.write(frames, c, order);
  }

  /** The strain vector is most of the file and shares its array; the state vector (256 bytes) is copied. */
  @Test
  void aRawLittleEndianFileLendsItsArrayAndItsSamplesReadBackExactly() throws Exception {
    byte[] file = write(List.of(frame(4)), Compression.RAW, ByteOrder.LITTLE_ENDIAN);
    Vect v = GwfReader.read(file).get(0).procData().get(0).data();
    assertThat(v.array(), sameInstance(file)); // shared, not copied
    Vect state = GwfReader.read(file).get(0).procData().get(1).data();
    assertThat("a small vector is copied: it must not keep the file alive", state.array(), not(sameInstance(file)));
    assertThat(state.toInts()[63], equalTo(1000 - 3 * 63));
    assertThat(v.toDoubles(), equalTo(ramp(4096, -7)));
    assertThat(v.bytes().length, equalTo(4096 * 8));
    assertThat(v, equalTo(Vect.ofDoubles("H1:STRAIN", ramp(4096, -7), 1.0 / 1024, 0, "strain")));
    assertThat(v.hashCode(), equalTo(Vect.ofDoubles("H1:STRAIN", ramp(4096, -7), 1.0 / 1024, 0, "strain").hashCode()));
  }

  @Test
  void bigEndianAndCompressedFilesStillGiveVectorsOfTheirOwn() throws Exception {
    for (Compression c : List.of(Compression.RAW, Compression.GZIP, Compression.lowLatencyDefault())) {
      for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
        if (c == Compression.RAW && order == ByteOrder.LITTLE_ENDIAN) {
          continue;
        }
        byte[] file = write(List.of(frame(2)), c, order);
        Vect v = GwfReader.read(file).get(0).procData().get(0).data();
        assertThat(c + " " + order, v.array(), not(sameInstance(file)));
        assertThat(c + " " + order, v.toDoubles(), equalTo(ramp(2048, -7)));
      }
    }
  }

  @Test
  void aSliceGivesItsOwnRangeOnlyWhateverItIsAskedFor() {
    Vect whole = Vect.ofInts("X", new int[] {10, 11, 12, 13, 14, 15, 16, 17}, 0.5, 2.0, "counts");
    Vect part = whole.slice(3, 4);
    assertThat(part.array(), sameInstance(whole.array()));
    assertThat(part.toInts(), equalTo(new int[] {13, 14, 15, 16}));
    assertThat(part.toDoubles(), equalTo(new double[] {13, 14, 15, 16}));
    assertThat(part.startX(), equalTo(3.5));
    assertThat(part.bytes().length, equalTo(16));
    Vect fresh = Vect.ofInts("X", new int[] {13, 14, 15, 16}, 0.5, 3.5, "counts");
    assertThat(part, equalTo(fresh));
    assertThat(fresh, equalTo(part));
    assertThat(part.hashCode(), equalTo(fresh.hashCode()));
    assertThat(part, not(equalTo(whole.slice(2, 4).withDims(part.dims()))));
    assertThat(part.slice(1, 2).toInts(), equalTo(new int[] {14, 15})); // a slice of a slice
    assertThat(Vect.concat(List.of(whole.slice(6, 2), part)).toInts(), equalTo(new int[] {16, 17, 13, 14, 15, 16}));
  }

  @Test
  void bytesOfOneByteTypesComeFromTheSlicesOwnRange() {
    byte[] chars = {1, 2, 3, -4, -5, 6};
    Vect whole = new Vect("C", VectType.CHAR_U, 6, chars, List.of(new Vect.Dimension(6, 1, 0, "s")), "");
    assertThat(whole.slice(3, 2).toDoubles(), equalTo(new double[] {252, 251}));
    assertThat(new Vect("C", VectType.CHAR, 6, chars, List.of(new Vect.Dimension(6, 1, 0, "s")), "").slice(3, 2)
        .toDoubles(), equalTo(new double[] {-4, -5}));
  }

  /** The writer writes a shared vector's range, never the array around it: same bytes as a vector of its own. */
  @ParameterizedTest
  @EnumSource(Compression.class)
  void aVectorOverPartOfAnArrayIsWrittenAsOneOfItsOwn(Compression c) throws Exception {
    Vect own = Vect.ofDoubles("H1:STRAIN", ramp(1024, 3), 1.0 / 1024, 0, "strain");
    byte[] padded = new byte[7 + own.length() + 13];
    Arrays.fill(padded, (byte) 0x5a);
    System.arraycopy(own.array(), 0, padded, 7, own.length());
    Vect shared = new Vect("H1:STRAIN", VectType.REAL_8, 1024, padded, 7, own.length(), own.dims(), "strain");
    ProcData p = ProcData.timeSeries("H1:STRAIN", 1024, ramp(1024, 3));
    Frame a = Frame.builder("LHO", T0, 1).addProcData(p.with(p.name(), List.of(own))).build();
    Frame b = Frame.builder("LHO", T0, 1).addProcData(p.with(p.name(), List.of(shared))).build();
    for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
      assertThat(c + " " + order, Arrays.equals(write(List.of(b), c, order), write(List.of(a), c, order)), equalTo(true));
    }
  }

  /** 1-s frames cut from a raw archive (sharing its array down to the writer) read back as the archive's samples. */
  @ParameterizedTest
  @EnumSource(Compression.class)
  void framesCutFromASharedArchiveHoldTheirOwnSeconds(Compression c) throws Exception {
    byte[] archive = write(List.of(frame(4)), Compression.RAW, ByteOrder.LITTLE_ENDIAN);
    List<Frame> read = GwfReader.read(archive);
    for (int s = 0; s < 4; s++) {
      Frame cut = Frames.cut(read, T0.plusSeconds(s), T0.plusSeconds(s + 1));
      for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
        Frame back = GwfReader.read(write(List.of(cut), c, order)).get(0);
        assertThat(c + " " + order + " second " + s, back.procData().get(0).data().toDoubles(),
            equalTo(Arrays.copyOfRange(ramp(4096, -7), 1024 * s, 1024 * (s + 1))));
        assertThat(back.procData().get(1).data().toInts()[0], equalTo(1000 - 3 * 16 * s));
        assertThat(back, equalTo(cut));
      }
    }
  }
}
