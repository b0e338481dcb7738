package org.gwreplay.kafka;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.gwreplay.cli.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays through a real Kafka broker (KRaft, child JVM on loopback) and back to a directory with
 * {@code gwreplay consume}, against the directory sink's files for the same replay.
 */
class KafkaReplayTest {

  static final long START = 1238166018L;
  static final int SECONDS = 20;
  static final List<String> IFOS = List.of("H1", "L1", "V1");

  @TempDir static Path shared;
  static KafkaBroker broker;
  /** The directory sink's files for the replay: detector -> GPS -> bytes. */
  static Map<String, Map<Long, byte[]>> reference;

  @TempDir Path tmp;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = KafkaBroker.start(shared.resolve("broker"), false);
    Path dir = shared.resolve("reference");
    Result r = main("--source=demo", "--detectors=H1,L1,V1", "--gps-start=" + START, "--gps-end=" + (START + SECONDS),
        "--output=" + dir, "--speed=max", "--retention=0", "--status-file=none");
    assertEquals(0, r.exit, r.err);
    reference = files(dir);
    for (String d : IFOS) {
      assertEquals(SECONDS, reference.get(d).size());
    }
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (broker != null) {
      broker.close();
    }
  }

  record Result(int exit, String out, String err) {}

  static Result main(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** detector -> GPS start -> bytes, for every *.gwf under dir/<IFO>/. */
  static Map<String, Map<Long, byte[]>> files(Path dir) throws Exception {
    Map<String, Map<Long, byte[]>> all = new TreeMap<>();
    for (String d : IFOS) {
      Map<Long, byte[]> m = new TreeMap<>();
      Path sub = dir.resolve(d);
      if (Files.isDirectory(sub)) {
        try (var s = Files.list(sub)) {
          for (Path p : s.filter(f -> f.getFileName().toString().endsWith(".gwf")).toList()) {
            String[] f = p.getFileName().toString().split("-");
            m.put(Long.parseLong(f[2]), Files.readAllBytes(p));
          }
        }
      }
      all.put(d, m);
    }
    return all;
  }

  static void assertSameAsReference(Map<String, Map<Long, byte[]>> got) {
    for (String d : IFOS) {
      assertEquals(reference.get(d).keySet(), got.get(d).keySet(), d + " frames");
      reference.get(d).forEach((gps, bytes) -> assertArrayEquals(bytes, got.get(d).get(gps), d + " " + gps));
    }
  }

  /** Whole frames in the topic by event id, and how many times each is there whole. */
  static Map<Long, Integer> wholeFrames(String bootstrap, String topic) {
    Map<Long, Integer> counts = new TreeMap<>();
    try (KafkaConsumer<byte[], byte[]> c = KafkaClients.consumer(bootstrap, Map.of())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long end = c.endOffsets(List.of(tp)).get(tp);
      PartAssembler a = new PartAssembler(Integer.MAX_VALUE, Long.MAX_VALUE, () -> 0L);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (c.position(tp) < end && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
          PartAssembler.Frame f = a.add(FramePart.parse(r.value()));
          if (f != null) {
            counts.merge(f.evtId(), 1, Integer::sum);
          }
        }
      }
    }
    return counts;
  }

  static String[] replay(String bootstrap, String topic, String... extra) {
    List<String> a = new ArrayList<>(List.of("--source=demo", "--detectors=H1,L1,V1", "--gps-start=" + START,
        "--gps-end=" + (START + SECONDS), "--output=kafka://" + bootstrap + "/" + topic));
    a.addAll(List.of(extra));
    return a.toArray(new String[0]);
  }

  static CompletableFuture<Result> consume(String bootstrap, String topic, Path out, String... extra) {
    List<String> a = new ArrayList<>(List.of("consume", "--from=kafka://" + bootstrap + "/" + topic, "--output=" + out,
        "--tag={ifo}_llhoft", "--retention=0"));
    a.addAll(List.of(extra));
    return CompletableFuture.supplyAsync(() -> main(a.toArray(new String[0])));
  }

  static void createTopics(KafkaBroker b, String pattern) throws Exception {
    b.createTopics(IFOS.stream().map(d -> pattern.replace("{IFO}", d)).toArray(String[]::new));
  }

  @Test
  void liveReplayOfThreeDetectorsComesBackByteIdentical() throws Exception {
    createTopics(broker, "{IFO}_live");
    Path out = tmp.resolve("consumed");
    Path status = tmp.resolve("status.json");
    CompletableFuture<Result> consumer = consume(broker.bootstrap(), "{IFO}_live", out, "--max-frames=" + 3 * SECONDS, "--max-runtime=120");
    Thread.sleep(2_000); // the consumer reads from the end, as kafka2frame: let it find the end first
    // Producer settings pass through as Kafka spells them.
    Result r = main(replay(broker.bootstrap(), "{IFO}_live", "--speed=2", "--start-delay=3", "--status-file=" + status,
        "--kafka-property=compression.type=gzip", "--kafka-property=acks=all"));
    assertEquals(0, r.exit, r.err);
    Result c = consumer.get(150, TimeUnit.SECONDS);
    assertEquals(0, c.exit, c.err);
    assertSameAsReference(files(out));
    // Nothing lost or doubled (frames released at the same moment may go out in either order).
    for (String d : IFOS) {
      assertThat(c.out, containsString(d + "_live (" + d + "): 20 frames written"));
    }
    assertEquals(3, c.out.split(" 0 lost,", -1).length - 1, c.out);
    assertEquals(3, c.out.split(" 0 duplicates", -1).length - 1, c.out);
    assertEquals(3, c.out.split(" 0 missing", -1).length - 1, c.out);
    for (String d : IFOS) {
      assertEquals(SECONDS, wholeFrames(broker.bootstrap(), d + "_live").size());
    }
    // The monitor saw every frame arrive in the topics, as a site's consumer would.
    JsonNode s = new ObjectMapper().readTree(status.toFile());
    for (String d : IFOS) {
      assertEquals(SECONDS, s.path("detectors").path(d).path("files").asLong(), s.toString());
    }
    assertThat(s.path("output").asText(), containsString("kafka://"));
  }

  @Test
  void brokerKilledAndRestartedMidRunLosesAndDuplicatesNothing() throws Exception {
    try (KafkaBroker own = KafkaBroker.start(tmp.resolve("broker"), false)) {
      createTopics(own, "{IFO}_crash");
      CompletableFuture<Result> run = CompletableFuture.supplyAsync(() ->
          main(replay(own.bootstrap(), "{IFO}_crash", "--speed=2", "--start-delay=3", "--status-file=none")));
      // Wait until frames flow, then crash the broker for a few seconds of replay time.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (wholeFrames(own.bootstrap(), "H1_crash").size() < 4 && System.nanoTime() < deadline) {
        Thread.sleep(300);
      }
      own.kill();
      Thread.sleep(4_000);
      own.startProcess();
      Result r = run.get(180, TimeUnit.SECONDS);
      assertEquals(0, r.exit, r.err);
      for (String d : IFOS) {
        Map<Long, Integer> whole = wholeFrames(own.bootstrap(), d + "_crash");
        assertEquals(SECONDS, whole.size(), d + ": " + whole);
        whole.forEach((gps, n) -> assertEquals(1, n, d + " GPS " + gps + " published " + n + " times"));
      }
      // A consumer that starts late reads all from the beginning.
      Result c = consume(own.bootstrap(), "{IFO}_crash", tmp.resolve("late"), "--start=earliest",
          "--max-frames=" + 3 * SECONDS, "--max-runtime=60").get(90, TimeUnit.SECONDS);
      assertEquals(0, c.exit, c.err);
      assertSameAsReference(files(tmp.resolve("late")));
    }
  }

  @Test
  void aKilledReplayResumedPublishesNoFrameTwice() throws Exception {
    createTopics(broker, "{IFO}_resume");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), "org.gwreplay.cli.Main"));
    cmd.addAll(List.of(replay(broker.bootstrap(), "{IFO}_resume", "--speed=2", "--start-delay=2", "--status-file=none")));
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (wholeFrames(broker.bootstrap(), "L1_resume").size() < 6 && System.nanoTime() < deadline && child.isAlive()) {
        Thread.sleep(200);
      }
    } finally {
      child.destroyForcibly(); // SIGKILL: no flush, no goodbye, maybe a frame half-sent
      child.waitFor(30, TimeUnit.SECONDS);
    }
    int before = wholeFrames(broker.bootstrap(), "L1_resume").size();
    assertThat("the first run was stopped mid-way", before, lessThan(SECONDS));
    Result r = main(replay(broker.bootstrap(), "{IFO}_resume", "--speed=max", "--resume", "--status-file=none"));
    assertEquals(0, r.exit, r.err);
    for (String d : IFOS) {
      Map<Long, Integer> whole = wholeFrames(broker.bootstrap(), d + "_resume");
      assertEquals(SECONDS, whole.size(), d + ": " + whole);
      whole.forEach((gps, n) -> assertEquals(1, n, d + " GPS " + gps + " published " + n + " times"));
    }
    Result c = consume(broker.bootstrap(), "{IFO}_resume", tmp.resolve("out"), "--start=earliest",
        "--max-frames=" + 3 * SECONDS, "--max-runtime=60").get(90, TimeUnit.SECONDS);
    assertEquals(0, c.exit, c.err);
    assertSameAsReference(files(tmp.resolve("out")));
  }

  @Test
  void embeddedFlinkPublishesEachFrameOnce() throws Exception {
    createTopics(broker, "{IFO}_flink");
    Result r = main(replay(broker.bootstrap(), "{IFO}_flink", "--speed=max", "--status-file=none",
        "--runner=FlinkRunner", "--flink-master=[local]", "--parallelism=2"));
    assertEquals(0, r.exit, r.err);
    for (String d : IFOS) {
      Map<Long, Integer> whole = wholeFrames(broker.bootstrap(), d + "_flink");
      assertEquals(reference.get(d).keySet(), whole.keySet(), d);
      whole.forEach((gps, n) -> assertEquals(1, n, d + " GPS " + gps + " published " + n + " times"));
    }
    Result c = consume(broker.bootstrap(), "{IFO}_flink", tmp.resolve("out"), "--start=earliest",
        "--max-frames=" + 3 * SECONDS, "--max-runtime=60").get(90, TimeUnit.SECONDS);
    assertEquals(0, c.exit, c.err);
    assertSameAsReference(files(tmp.resolve("out")));
  }

  @Test
  void framesReleasedTogetherGoOutInGpsOrderAndOnce() throws Exception {
    broker.createTopics("H1_order");
    // A long settling time, so that thread start-up on a loaded machine cannot beat it.
    SharedProducer p = SharedProducer.acquire(broker.bootstrap(), Map.of(), 1_500);
    try {
      List<Long> gps = List.of(START + 4, START + 2, START + 3, START, START + 1);
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      List<CompletableFuture<Boolean>> sent = new ArrayList<>();
      for (long g : gps) {
        sent.add(CompletableFuture.supplyAsync(() -> {
          try {
            go.await();
            return p.publish("H1_order", g, reference.get("H1").get(g), 50_000);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }, java.util.concurrent.Executors.newSingleThreadExecutor()));
      }
      go.countDown();
      for (CompletableFuture<Boolean> f : sent) {
        assertEquals(true, f.get(60, TimeUnit.SECONDS));
      }
      assertEquals(false, p.publish("H1_order", START + 2, reference.get("H1").get(START + 2), 50_000), "published twice");
    } finally {
      p.release();
    }
    List<Long> order = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = KafkaClients.consumer(broker.bootstrap(), Map.of())) {
      TopicPartition tp = new TopicPartition("H1_order", 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      PartAssembler a = new PartAssembler();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (order.size() < 5 && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
          PartAssembler.Frame f = a.add(FramePart.parse(r.value()));
          if (f != null) {
            order.add(f.evtId());
          }
        }
      }
    }
    assertEquals(List.of(START, START + 1, START + 2, START + 3, START + 4), order);
  }

  /** frame2kafka's message layout as its documentation gives it, written here independently of FramePart. */
  static List<byte[]> frame2kafkaMessages(byte[] data, long gps, long partId, int split) {
    List<byte[]> out = new ArrayList<>();
    int tot = (data.length + split - 1) / split;
    for (int n = 0, off = 0; n < tot; n++, off += split) {
      int len = Math.min(split, data.length - off);
      String h = "PART" + ",part_id=" + pad(partId) + ",part_num=" + pad(n) + ",part_tot=" + pad(tot) + ",evt_id=" + pad(gps)
          + ",evt_len=" + pad(data.length) + ",part_off=" + pad(off) + ",part_len=" + pad(len) + "\0";
      byte[] hb = h.getBytes(StandardCharsets.UTF_8);
      byte[] m = new byte[hb.length + len];
      System.arraycopy(hb, 0, m, 0, hb.length);
      System.arraycopy(data, off, m, hb.length, len);
      out.add(m);
    }
    return out;
  }

  private static String pad(long v) {
    String s = Long.toString(v);
    return "0".repeat(Math.max(0, 12 - s.length())) + s;
  }

  @Test
  void framesFromAFrame2kafkaProducerAreReadWithLossesReported() throws Exception {
    broker.createTopics("H1_f2k");
    Map<Long, byte[]> h1 = reference.get("H1");
    List<Long> gps = new ArrayList<>(h1.keySet());
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
    try (KafkaProducer<byte[], byte[]> prod = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      int split = 10_000; // several parts per frame
      List<byte[]> a = frame2kafkaMessages(h1.get(gps.get(0)), gps.get(0), 0, split);
      List<byte[]> b = new ArrayList<>(frame2kafkaMessages(h1.get(gps.get(1)), gps.get(1), 1, split));
      java.util.Collections.reverse(b); // out of order
      List<byte[]> c = frame2kafkaMessages(h1.get(gps.get(2)), gps.get(2), 2, split);
      c.remove(1); // a part lost on the way
      List<byte[]> d = frame2kafkaMessages(h1.get(gps.get(3)), gps.get(3), 3, split);
      byte[] damaged = h1.get(gps.get(4)).clone();
      damaged[damaged.length / 2] ^= 0x40; // one flipped bit: the checksums must catch it
      List<byte[]> e = frame2kafkaMessages(damaged, gps.get(4), 4, split);
      List<byte[]> all = new ArrayList<>(a);
      all.add("{\"status\":\"good\"}".getBytes(StandardCharsets.UTF_8)); // not a frame part
      all.addAll(b);
      all.addAll(c);
      all.addAll(e);
      all.addAll(d);
      for (byte[] m : all) {
        prod.send(new ProducerRecord<>("H1_f2k", 0, null, m));
      }
      prod.flush();
    }
    Path out = tmp.resolve("f2k");
    Result r = consume(broker.bootstrap(), "H1_f2k", out, "--start=earliest", "--max-frames=3", "--max-runtime=60")
        .get(90, TimeUnit.SECONDS);
    assertEquals(0, r.exit, r.err);
    Map<Long, byte[]> got = files(out).get("H1");
    assertEquals(List.of(gps.get(0), gps.get(1), gps.get(3)), new ArrayList<>(got.keySet()));
    for (long g : got.keySet()) {
      assertArrayEquals(h1.get(g), got.get(g));
    }
    // The non-part message, the incomplete frame and the corrupt one are counted lost; the hole
    // in GPS is reported; the corrupt frame never reaches the volume.
    assertThat(r.out, containsString("3 frames written"));
    assertThat(r.out, containsString("3 lost, 1 missing"));
  }

  @Test
  void anUnreachableBrokerFailsQuicklyWithOneLine() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    long t = System.nanoTime();
    Result r = main(replay("127.0.0.1:" + port, "{IFO}_llhoft", "--speed=max"));
    assertEquals(1, r.exit, r.err);
    assertThat(r.err, containsString("cannot reach the Kafka broker at 127.0.0.1:" + port));
    assertThat(r.err, not(containsString("Exception")));
    Result c = main("consume", "--from=kafka://127.0.0.1:" + port + "/{IFO}_llhoft", "--output=" + tmp.resolve("c"));
    assertEquals(1, c.exit, c.err);
    assertThat(c.err, containsString("cannot reach the Kafka broker"));
    assertThat((System.nanoTime() - t) / 1e9, lessThan(60.0));
  }

  @Test
  void anUnknownTopicWithAutoCreateOffIsBadInput() {
    Result r = main(replay(broker.bootstrap(), "{IFO}_nosuch", "--speed=max"));
    assertEquals(2, r.exit, r.err);
    assertThat(r.err, containsString("topic H1_nosuch does not exist"));
    assertThat(r.err, containsString("auto.create.topics.enable=false"));
    Result c = main("consume", "--from=kafka://" + broker.bootstrap() + "/{IFO}_nosuch", "--output=" + tmp.resolve("c"));
    assertEquals(2, c.exit, c.err);
    assertThat(c.err, containsString("does not exist"));
    assertThat(main(replay(broker.bootstrap(), "H1_only", "--speed=max")).err, containsString("put {IFO} in it"));
    Result noFrom = main("consume", "--output=" + tmp.resolve("c"));
    assertEquals(2, noFrom.exit);
    assertThat(noFrom.err, containsString("--from=kafka://HOST:PORT/TOPIC is required"));
    Result badProp = main(replay(broker.bootstrap(), "{IFO}_x", "--kafka-property=acks"));
    assertEquals(2, badProp.exit);
    assertThat(badProp.err, containsString("--kafka-property takes KEY=VALUE"));
    // Settings reach the producer as given: a value Kafka refuses is refused before the run.
    Result badValue = main(replay(broker.bootstrap(), "{IFO}_x", "--kafka-property=compression.type=bogus"));
    assertEquals(2, badValue.exit, badValue.err);
    assertThat(badValue.err, containsString("compression.type"));
  }
}
