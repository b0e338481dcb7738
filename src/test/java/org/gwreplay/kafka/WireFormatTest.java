package org.gwreplay.kafka;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The PART messages of igwn-lldd-common's frame2kafka, on a real frame file from another writer. */
class WireFormatTest {

  private static byte[] realFrame() throws Exception {
    try (var files = Files.list(Path.of("/work/shared/gwf-samples"))) {
      Path p = files.filter(f -> f.toString().endsWith(".gwf")).sorted().findFirst().orElseThrow();
      return Files.readAllBytes(p);
    }
  }

  @Test
  void headerIsFrame2kafkasByteForByte() {
    byte[] frame = new byte[250_001];
    new Random(1).nextBytes(frame);
    List<byte[]> parts = FramePart.split(frame, 1238166018L, 7, FramePart.DEFAULT_PART_BYTES);
    assertEquals(3, parts.size());
    // The layout documented by frame2kafka: fixed-width zero-padded fields, a NUL, then the slice.
    String expected = "PART,part_id=000000000007,part_num=000000000002,part_tot=000000000003,evt_id=001238166018,"
        + "evt_len=000000250001,part_off=000000200000,part_len=000000050001\0";
    byte[] last = parts.get(2);
    assertEquals(expected, new String(last, 0, expected.length(), StandardCharsets.US_ASCII));
    assertEquals(expected.length() + 50_001, last.length);
    assertEquals(frame[200_000], last[expected.length()]);
  }

  @Test
  void aRealFrameSurvivesShuffledAndRepeatedParts() throws Exception {
    byte[] frame = realFrame();
    List<byte[]> parts = new ArrayList<>(FramePart.split(frame, 1238166018L, 0, 4096));
    parts.add(parts.get(1)); // a part delivered twice
    Collections.shuffle(parts, new Random(3));
    PartAssembler a = new PartAssembler();
    PartAssembler.Frame done = null;
    int completions = 0;
    for (byte[] m : parts) {
      PartAssembler.Frame f = a.add(FramePart.parse(m));
      if (f != null) {
        done = f;
        completions++;
      }
    }
    assertEquals(1, completions);
    assertArrayEquals(frame, done.bytes());
    assertEquals(1238166018L, done.evtId());
    assertEquals(0, a.pendingCount());
  }

  @Test
  void aRestartedProducerReusingPartIdsIsNotMixedUp() {
    byte[] one = "first frame, whose producer died half-way".getBytes(StandardCharsets.US_ASCII);
    byte[] two = "second frame from a restarted producer".getBytes(StandardCharsets.US_ASCII);
    List<byte[]> a = FramePart.split(one, 100, 0, 8);
    List<byte[]> b = FramePart.split(two, 101, 0, 8); // part_id 0 again
    PartAssembler asm = new PartAssembler();
    assertNull(asm.add(FramePart.parse(a.get(0))));
    PartAssembler.Frame f = null;
    for (byte[] m : b) {
      f = asm.add(FramePart.parse(m));
    }
    assertArrayEquals(two, f.bytes());
    // The broken first frame is reported lost at the end, never silently dropped.
    List<PartAssembler.Incomplete> lost = asm.drainGivenUp(true);
    assertEquals(1, lost.size());
    assertEquals(100, lost.get(0).evtId());
    assertEquals(1, lost.get(0).received());
  }

  @Test
  void aFrameRepublishedWholeSupersedesItsBrokenCopy() {
    byte[] frame = "a frame published again after a crash".getBytes(StandardCharsets.US_ASCII);
    PartAssembler asm = new PartAssembler();
    asm.add(FramePart.parse(FramePart.split(frame, 200, 5, 8).get(0)));
    PartAssembler.Frame f = null;
    for (byte[] m : FramePart.split(frame, 200, 0, 8)) {
      f = asm.add(FramePart.parse(m));
    }
    assertArrayEquals(frame, f.bytes());
    assertEquals(List.of(), asm.drainGivenUp(true));
  }

  @Test
  void stalledFramesAreGivenUpAndReported() {
    AtomicLong now = new AtomicLong();
    PartAssembler asm = new PartAssembler(8, 1_000, now::get);
    asm.add(FramePart.parse(FramePart.split(new byte[20], 300, 1, 8).get(0)));
    now.set(5_000);
    asm.add(FramePart.parse(FramePart.split(new byte[20], 301, 2, 8).get(0)));
    List<PartAssembler.Incomplete> lost = asm.drainGivenUp(false);
    assertEquals(1, lost.size());
    assertEquals(300, lost.get(0).evtId());
    assertEquals(3, lost.get(0).total());
  }

  @Test
  void messagesThatAreNotPartsSayWhy() {
    assertThat(assertThrows(IllegalArgumentException.class, () -> FramePart.parse("hello".getBytes())).getMessage(),
        containsString("no PART header"));
    assertThat(assertThrows(IllegalArgumentException.class, () -> FramePart.parse("JSON,{}\0x".getBytes())).getMessage(),
        containsString("does not start with PART"));
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> FramePart.parse("PART,part_id=1,part_num=0,part_tot=1\0x".getBytes())).getMessage(), containsString("no evt_id"));
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> FramePart.parse("PART,part_id=1,part_num=x,part_tot=1,evt_id=5\0x".getBytes())).getMessage(), containsString("part_num is not a number"));
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> FramePart.parse("PART,part_id=1,part_num=3,part_tot=2,evt_id=5\0x".getBytes())).getMessage(), containsString("not below part_tot"));
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> FramePart.parse("PART,part_id=1,part_num=0,part_tot=1,evt_id=5,part_len=9\0x".getBytes())).getMessage(), containsString("part_len says 9"));
  }

  @Test
  void kafkaUrls() {
    KafkaUrl u = KafkaUrl.parse("kafka://broker-0.kafka:9092,broker-1.kafka:9092/{IFO}_llhoft");
    assertEquals("broker-0.kafka:9092,broker-1.kafka:9092", u.bootstrap());
    assertEquals("L1_llhoft", u.topicFor("L1"));
    assertThat(assertThrows(IllegalArgumentException.class, () -> KafkaUrl.parse("kafka://broker/{IFO}")).getMessage(),
        containsString("must be HOST:PORT"));
    assertThat(assertThrows(IllegalArgumentException.class, () -> KafkaUrl.parse("kafka://h:1/")).getMessage(),
        containsString("names the broker and the topic"));
    assertThat(assertThrows(IllegalArgumentException.class, () -> KafkaUrl.parse("kafka://h:1/a b")).getMessage(),
        containsString("not a valid Kafka topic"));
  }
}
