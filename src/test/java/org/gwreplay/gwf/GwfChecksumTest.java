package org.gwreplay.gwf;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A file whose checksums fail stays refused, and the message says which checksum failed. */
class GwfChecksumTest {

  private static byte[] good() {
    return GwfWriter.toBytes(List.of(GwfCodecTest.richFrame(GwfCodecTest.T0, 1)), Compression.GZIP);
  }

  private static String refusal(byte[] f) {
    return assertThrows(GwfFormatException.class, () -> GwfReader.read(f)).getMessage();
  }

  @Test
  void aStructureChecksumThatFailsIsNamedWithTheStructure() {
    byte[] f = good();
    GwfSurgery.Struct v = GwfSurgery.first(f, Dictionary.FR_VECT);
    f[v.offset() + v.length() / 2] ^= 1;
    assertThat(refusal(f), matchesPattern("FrVect at byte " + v.offset()
        + ": structure checksum mismatch: stored [0-9a-f]{8}, computed [0-9a-f]{8}"));
  }

  @Test
  void theFileChecksumThatFailsIsNamed() {
    // Structure checksums off (and so fixed up), the file checksum still holds the old bytes.
    byte[] f = GwfSurgery.stripChecksums(good());
    byte[] sums = good();
    int fileSumAt = f.length - 4;
    System.arraycopy(sums, fileSumAt, f, fileSumAt, 4);
    assertThat(refusal(f), matchesPattern(
        "FrEndOfFile at byte \\d+: file checksum mismatch: stored [0-9a-f]{8}, computed [0-9a-f]{8}: the file is corrupt"));
  }

  @Test
  void theHeaderChecksumThatFailsIsNamed() {
    byte[] f = good();
    f[38] ^= 1; // the frame library byte: no probe looks at it
    assertThat(refusal(f), matchesPattern("FrHeader at byte 0: header checksum mismatch: stored [0-9a-f]{8}, computed [0-9a-f]{8}"));
  }

  @Test
  void versionsSixAndSevenNameTheirFileChecksum() {
    byte[] v7 = GwfSurgery.asOldVersion(good(), 7);
    v7[v7.length - 8] ^= 4; // seekTOC's low byte: parsed fine, covered by the file checksum only
    assertThat(refusal(v7), matchesPattern(".*FrEndOfFile at byte \\d+: file checksum mismatch: stored [0-9a-f]{8}, computed [0-9a-f]{8}.*"));
  }
}
