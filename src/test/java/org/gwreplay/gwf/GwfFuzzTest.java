package org.gwreplay.gwf;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutates real frame files (bit flips, byte runs, truncation, length fields, counts) thousands of
 * ways and asserts that reading them either works or fails with a {@link GwfFormatException}:
 * never another exception, an OutOfMemoryError or a hang. Checksums are stripped from some
 * copies first, so that the mutations reach the parser instead of stopping at the CRC.
 */
class GwfFuzzTest {

  private static final long BUDGET_MS = 4_000;

  private static List<String> fuzz(byte[] original, long seed, int maxCases) {
    Random r = new Random(seed);
    List<String> failures = new ArrayList<>();
    long deadline = System.currentTimeMillis() + BUDGET_MS;
    List<GwfSurgery.Struct> structs = GwfSurgery.structures(original);
    int cases = 0;
    while (cases < maxCases && System.currentTimeMillis() < deadline) {
      byte[] f = original.clone();
      String what;
      switch (r.nextInt(6)) {
        case 0 -> {
          int n = 1 + r.nextInt(8);
          for (int i = 0; i < n; i++) {
            f[40 + r.nextInt(f.length - 40)] ^= (byte) (1 << r.nextInt(8));
          }
          what = n + " bit flips";
        }
        case 1 -> {
          int at = r.nextInt(f.length);
          f = java.util.Arrays.copyOf(f, at);
          what = "truncated at " + at;
        }
        case 2 -> {
          GwfSurgery.Struct s = structs.get(r.nextInt(structs.size()));
          long len = switch (r.nextInt(4)) {
            case 0 -> 1L << 60;
            case 1 -> r.nextInt(40);
            case 2 -> s.length() + r.nextInt(100) - 50;
            default -> -1L;
          };
          ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putLong(s.offset(), len);
          what = "length of structure at " + s.offset() + " set to " + len;
        }
        case 3 -> {
          GwfSurgery.Struct s = structs.get(r.nextInt(structs.size()));
          int at = s.offset() + 14 + r.nextInt(Math.max(1, s.length() - 18));
          int n = Math.min(1 + r.nextInt(8), f.length - at);
          for (int i = 0; i < n; i++) {
            f[at + i] = (byte) (r.nextBoolean() ? 0xff : r.nextInt(256));
          }
          what = n + " bytes overwritten inside structure at " + s.offset();
        }
        case 4 -> {
          GwfSurgery.Struct s = structs.get(r.nextInt(structs.size()));
          f[s.offset() + 9] = (byte) r.nextInt(256);
          what = "class of structure at " + s.offset() + " changed";
        }
        default -> {
          int at = 40 + r.nextInt(f.length - 48);
          ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putInt(at, r.nextBoolean() ? Integer.MAX_VALUE : r.nextInt());
          what = "4 bytes at " + at + " replaced";
        }
      }
      if (r.nextBoolean()) {
        f = GwfSurgery.stripChecksums(f);
        what += ", checksums stripped";
      }
      cases++;
      try {
        GwfReader.read(f);
      } catch (GwfFormatException expected) {
        // the only acceptable failure
      } catch (Throwable t) {
        failures.add("seed " + seed + " case " + cases + " (" + what + "): " + t);
      }
    }
    assertThat("fuzz cases run", cases, greaterThan(100));
    return failures;
  }

  @Test
  void mutatedFilesWrittenByThisCodecGiveOnlyTypedErrors() {
    byte[] ours = GwfWriter.toBytes(List.of(GwfCodecTest.richFrame(GwfCodecTest.T0, 11)), Compression.ZERO_SUPPRESS_OTHERWISE_GZIP);
    assertThat(fuzz(ours, 20261125L, 20_000), empty());
  }

  @Test
  void mutatedZeroSuppressedFloatsGiveOnlyTypedErrors() {
    // Strain-like REAL_8 and a smooth REAL_4: written with compressions 10 and 8 by the low-latency default.
    float[] f32 = new float[4096];
    for (int i = 0; i < f32.length; i++) {
      f32[i] = (float) Math.sin(i / 100.0);
    }
    Frame f = Frame.builder("H", GwfCodecTest.T0, 1).addProcData(ProcData.timeSeries("H1:S", 4096, GwfFieldsTest.strainLike(4096, 7)))
        .addAdcData(AdcData.of("H1:F", 4096, Vect.ofFloats("H1:F", f32, 1.0 / 4096, 0, ""))).build();
    byte[] ours = GwfWriter.toBytes(List.of(f), Compression.lowLatencyDefault());
    assertThat(GwfSurgery.vectCompressions(ours).values().stream().map(c -> c & 0xff).sorted().toList(), equalTo(List.of(8, 10)));
    assertThat(fuzz(ours, 20261203L, 5_000), empty());
  }

  @Test
  void mutatedRealSamplesGiveOnlyTypedErrors() throws Exception {
    byte[] sample = Files.readAllBytes(GwfSamples.require(GwfConformanceTest.HLV));
    assertThat(fuzz(sample, 968654552L, 3_000), empty());
  }
}
