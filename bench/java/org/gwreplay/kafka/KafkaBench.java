package org.gwreplay.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.beam.sdk.PipelineResult;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.gwreplay.cli.ReplayJob;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.sink.ArrivalWatcher;
import org.gwreplay.time.GpsTime;

/**
 * The Kafka sink against the directory sink and against kafka-clients alone, with a real broker
 * (KRaft, child JVM on loopback):
 * <ul>
 *   <li>latency: one paced replay (speed 1, H1/L1/V1) published to Kafka and read back by
 *       {@code gwreplay consume}'s reader into a directory, beside the same replay into a directory
 *       on the same clock; lateness = when inotify sees the file minus its scheduled release;
 *   <li>throughput at --speed=max, against a plain producer loop sending the same frames in the
 *       same parts with the same settings (each frame acknowledged before the next, as the sink
 *       waits per frame; and pipelined, all frames in flight).
 * </ul>
 * <pre>java ... org.gwreplay.kafka.KafkaBench [--seconds=60] [--max-seconds=120]</pre>
 */
public final class KafkaBench {

  static final long START = 1238166018L;
  static final List<String> IFOS = List.of("H1", "L1", "V1");

  public static void main(String[] args) throws Exception {
    long seconds = 60;
    long maxSeconds = 120;
    for (String a : args) {
      if (a.startsWith("--seconds=")) {
        seconds = Long.parseLong(a.substring(10));
      } else if (a.startsWith("--max-seconds=")) {
        maxSeconds = Long.parseLong(a.substring(14));
      }
    }
    Path work = Files.createTempDirectory("gwreplay-kafka-bench");
    try (KafkaBroker broker = KafkaBroker.start(work.resolve("broker"), false)) {
      latency(broker, work, seconds);
      System.out.println();
      throughput(broker, work, maxSeconds);
    }
  }

  private static void latency(KafkaBroker broker, Path work, long seconds) throws Exception {
    broker.createTopics("H1_lat", "L1_lat", "V1_lat");
    Path dirOut = work.resolve("dir");
    Path kafkaOut = work.resolve("consumed");
    String wall = Instant.now().plusSeconds(12).toString();
    List<String> common = List.of("--source=demo", "--detectors=H1,L1,V1", "--gps-start=" + START, "--gps-end=" + (START + seconds),
        "--speed=1", "--retention=0", "--anchor-gps=" + START, "--anchor-wall=" + wall);
    ReplayJob toDir = job(common, "--output=" + dirOut);
    ReplayJob toKafka = job(common, "--output=kafka://" + broker.bootstrap() + "/{IFO}_lat");
    Map<String, String> topics = new LinkedHashMap<>();
    IFOS.forEach(d -> topics.put(d, d + "_lat"));
    FrameConsumer consumer = new FrameConsumer(topics, kafkaOut, "{ifo}", "{ifo}_llhoft", 0, 60_000);
    // The last part's record timestamp (set by the producer as it sends) splits the Kafka path in two.
    List<Double> sent = java.util.Collections.synchronizedList(new ArrayList<>());
    FrameStream.Listener timed = new FrameStream.Listener() {
      @Override
      public void frame(String topic, PartAssembler.Frame f, long brokerTime) {
        Instant due = toKafka.spec().clock().releaseTime(GpsTime.ofSeconds(f.evtId() + 1));
        sent.add((brokerTime - due.toEpochMilli()) * 1.0);
        consumer.frame(topic, f, brokerTime);
      }

      @Override
      public void notAPart(String topic, long offset, String reason) {
        consumer.notAPart(topic, offset, reason);
      }

      @Override
      public void incomplete(String topic, PartAssembler.Incomplete lost) {
        consumer.incomplete(topic, lost);
      }
    };
    FrameStream stream = new FrameStream(broker.bootstrap(), Map.of(), topics.values(), false, timed);
    List<Path> watched = new ArrayList<>();
    for (String d : IFOS) {
      watched.add(dirOut.resolve(d));
      watched.add(kafkaOut.resolve(d));
    }
    Map<Path, Instant> arrivals;
    long expected = 3 * seconds;
    try (ArrivalWatcher w = new ArrivalWatcher(watched)) {
      CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> consumer.run(stream, () -> consumer.totalWritten() >= expected));
      CompletableFuture<PipelineResult.State> a = CompletableFuture.supplyAsync(() -> toDir.pipeline().run().waitUntilFinish());
      CompletableFuture<PipelineResult.State> b = CompletableFuture.supplyAsync(() -> toKafka.pipeline().run().waitUntilFinish());
      if (a.get() != PipelineResult.State.DONE || b.get() != PipelineResult.State.DONE) {
        throw new IllegalStateException("a replay did not finish");
      }
      reader.get(Duration.ofSeconds(60).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      Thread.sleep(300);
      arrivals = w.arrivals();
    }
    List<Double> dir = new ArrayList<>();
    List<Double> kafka = new ArrayList<>();
    for (Map.Entry<Path, Instant> e : arrivals.entrySet()) {
      FrameFileName n = FrameFileName.parse(e.getKey().getFileName().toString());
      double late = Duration.between(toDir.spec().clock().releaseTime(GpsTime.ofSeconds(n.gpsEnd())), e.getValue()).toNanos() / 1e6;
      (e.getKey().startsWith(kafkaOut) ? kafka : dir).add(late);
    }
    System.out.println("Latency, one paced replay (speed 1, H1+L1+V1, " + seconds + " s) on one clock: scheduled release to the file"
        + " seen by inotify (ms)");
    System.out.println();
    System.out.println("| path | files | p50 | p99 | max |");
    System.out.println("| --- | --- | --- | --- | --- |");
    System.out.println(row("directory sink -> volume", dir, expected));
    System.out.println(row("Kafka sink -> broker -> consume -> volume", kafka, expected));
    System.out.println(row("(of which: release -> last part sent, record timestamp)", sent, expected));
    System.out.println();
    System.out.print(consumer.summary().replaceAll("(?m)^", "    "));
  }

  private static String row(String name, List<Double> v, long expected) {
    double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return String.format("| %s | %d/%d | %.0f | %.0f | %.0f |", name, s.length, expected, q(s, 0.5), q(s, 0.99), q(s, 1.0));
  }

  private static double q(double[] sorted, double q) {
    return sorted.length == 0 ? Double.NaN : sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1))];
  }

  private static ReplayJob job(List<String> common, String... more) {
    List<String> a = new ArrayList<>(common);
    a.addAll(Arrays.asList(more));
    a.add("--status-file=none");
    return ReplayJob.fromArgs(a.toArray(new String[0]), Instant.now());
  }

  private static void throughput(KafkaBroker broker, Path work, long seconds) throws Exception {
    broker.createTopics("H1_max", "L1_max", "V1_max", "H1_loop", "L1_loop", "V1_loop", "H1_pipe", "L1_pipe", "V1_pipe");
    long frames = 3 * seconds;
    // The payloads: the same frames written by the directory sink.
    Path ref = work.resolve("ref");
    List<String> common = List.of("--source=demo", "--detectors=H1,L1,V1", "--gps-start=" + START, "--gps-end=" + (START + seconds),
        "--speed=max", "--retention=0");
    long t0 = System.nanoTime();
    run(job(common, "--output=" + ref));
    double dirSeconds = (System.nanoTime() - t0) / 1e9;
    t0 = System.nanoTime();
    run(job(common, "--output=kafka://" + broker.bootstrap() + "/{IFO}_max"));
    double sinkSeconds = (System.nanoTime() - t0) / 1e9;
    List<Object[]> payloads = new ArrayList<>();
    long bytes = 0;
    for (String d : IFOS) {
      try (var s = Files.list(ref.resolve(d))) {
        for (Path p : s.sorted().toList()) {
          byte[] b = Files.readAllBytes(p);
          bytes += b.length;
          payloads.add(new Object[] {d, FrameFileName.parse(p.getFileName().toString()).gpsStart(), b});
        }
      }
    }
    double loop = producerLoop(broker, payloads, "_loop", true);
    double pipe = producerLoop(broker, payloads, "_pipe", false);
    System.out.println("Throughput, H1+L1+V1, " + seconds + " s of data (" + frames + " frames, " + String.format("%.1f", bytes / 1e6)
        + " MB), direct runner, frames/s:");
    System.out.println();
    System.out.println("| case | s | frames/s | vs producer loop |");
    System.out.println("| --- | --- | --- | --- |");
    System.out.println(String.format("| kafka-clients producer loop, each frame acknowledged (baseline) | %.2f | %.0f | 1.00 |", loop, frames / loop));
    System.out.println(String.format("| kafka-clients producer, all frames in flight | %.2f | %.0f | %.2f |", pipe, frames / pipe, loop / pipe));
    System.out.println(String.format("| gwreplay --speed=max -> Kafka sink (whole pipeline) | %.2f | %.0f | %.2f |", sinkSeconds, frames / sinkSeconds, loop / sinkSeconds));
    System.out.println(String.format("| gwreplay --speed=max -> directory sink (whole pipeline) | %.2f | %.0f | %.2f |", dirSeconds, frames / dirSeconds, loop / dirSeconds));
  }

  private static void run(ReplayJob job) {
    if (job.pipeline().run().waitUntilFinish() != PipelineResult.State.DONE) {
      throw new IllegalStateException("replay did not finish");
    }
  }

  /** Sends the frames as the sink does (same parts, same producer settings); seconds taken. */
  private static double producerLoop(KafkaBroker broker, List<Object[]> payloads, String suffix, boolean ackEach) throws Exception {
    try (KafkaProducer<byte[], byte[]> p = KafkaClients.producer(broker.bootstrap(), Map.of())) {
      long t0 = System.nanoTime();
      List<Future<RecordMetadata>> inFlight = new ArrayList<>();
      long id = 0;
      for (Object[] f : payloads) {
        for (byte[] part : FramePart.split((byte[]) f[2], (Long) f[1], id++, FramePart.DEFAULT_PART_BYTES)) {
          inFlight.add(p.send(new ProducerRecord<>(f[0] + suffix, 0, null, part)));
        }
        if (ackEach) {
          for (Future<RecordMetadata> r : inFlight) {
            r.get();
          }
          inFlight.clear();
        }
      }
      for (Future<RecordMetadata> r : inFlight) {
        r.get();
      }
      return (System.nanoTime() - t0) / 1e9;
    }
  }
}
