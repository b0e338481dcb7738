package org.gwreplay.gwf;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CrcTest {

  /** The CRC a byte at a time, straight from the definition, to check the eight-at-a-time one. */
  private static int reference(byte[] b, int off, int len) {
    int c = 0;
    for (int i = off; i < off + len; i++) {
      c ^= (b[i] & 0xff) << 24;
      for (int k = 0; k < 8; k++) {
        c = (c & 0x80000000) != 0 ? (c << 1) ^ 0x04C11DB7 : c << 1;
      }
    }
    for (long n = len; n != 0; n >>>= 8) {
      c ^= (int) (n & 0xff) << 24;
      for (int k = 0; k < 8; k++) {
        c = (c & 0x80000000) != 0 ? (c << 1) ^ 0x04C11DB7 : c << 1;
      }
    }
    return ~c;
  }

  @Test
  void matchesPosixCksum() {
    // `printf '123456789' | cksum` prints 930766865.
    byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertThat(Integer.toUnsignedLong(Crc.of(b, 0, b.length)), equalTo(930766865L));
  }

  @Test
  void eightAtATimeEqualsTheDefinitionForEveryLengthAndSplit() {
    Random r = new Random(3);
    byte[] data = new byte[300];
    r.nextBytes(data);
    for (int len = 0; len < 100; len++) {
      int off = r.nextInt(100);
      assertThat(Crc.of(data, off, len), equalTo(reference(data, off, len)));
      int cut = len == 0 ? 0 : r.nextInt(len);
      assertThat(new Crc().update(data, off, cut).update(data, off + cut, len - cut).value(), equalTo(reference(data, off, len)));
    }
  }

  @Test
  void aPieceSummedApartAndAppendedEqualsTheWholeForAnyLength() {
    Random r = new Random(5);
    byte[] data = new byte[70_000];
    r.nextBytes(data);
    for (int i = 0; i < 200; i++) {
      int len = r.nextInt(data.length);
      int cut = r.nextInt(len + 1);
      Crc whole = new Crc().update(data, 0, cut).append(new Crc().update(data, cut, len - cut));
      assertThat("cut " + cut + " of " + len, whole.value(), equalTo(reference(data, 0, len)));
      assertThat(whole.length(), equalTo((long) len));
    }
    assertThat(new Crc().append(new Crc()).value(), equalTo(reference(data, 0, 0)));
  }

  @Test
  void longRunsThroughTheJdksCrcEqualTheDefinitionAtEveryBoundary() {
    // Runs of 512 bytes and more go through java.util.zip.CRC32 in 16-kB chunks: lengths either side
    // of both, odd offsets (not a multiple of 8) and a register already started by the tables.
    Random r = new Random(7);
    byte[] data = new byte[40_000];
    r.nextBytes(data);
    for (int len : new int[] {511, 512, 513, 520, 16383, 16384, 16385, 16391, 32768, 32769, 39_000}) {
      for (int off : new int[] {0, 1, 3, 7, 8, 13}) {
        assertThat(len + " from " + off, Crc.of(data, off, len), equalTo(reference(data, off, len)));
        int head = 1 + r.nextInt(100);
        assertThat(len + " after " + head, new Crc().update(data, off, head).update(data, off + head, len - head).value(),
            equalTo(reference(data, off, len)));
      }
    }
  }
}
