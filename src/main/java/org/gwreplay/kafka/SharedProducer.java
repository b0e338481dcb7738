package org.gwreplay.kafka;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * One producer per broker and settings in this JVM, shared by the sink's DoFn instances: the parts
 * of a frame must reach partition 0 one after another, not interleaved with another frame's
 * (kafka2frame gives up a frame when a part of the next one arrives), so each topic's frames are
 * queued under a lock, and one idempotent producer keeps their order. Frames released at the same
 * moment reach the sink on several threads in any order: each waits a few milliseconds, then the
 * frames waiting are sent lowest GPS first, so that readers get them in time order.
 */
final class SharedProducer {

  /** Frames remembered per topic so that one published in this JVM is not published again. */
  private static final int REMEMBERED = 100_000;
  /** How long a frame waits for others released with it, to go out in GPS order. */
  static final long SETTLE_MS = 20;
  private static final Map<String, SharedProducer> OPEN = new HashMap<>();

  private final String key;
  private final KafkaProducer<byte[], byte[]> producer;
  private final long settleMs;
  private final Map<String, TopicState> topics = new HashMap<>();
  private int users;

  private static final class TopicState {
    long nextPartId;
    final LinkedHashSet<Long> published = new LinkedHashSet<>();
    final java.util.PriorityQueue<Outgoing> waiting = new java.util.PriorityQueue<>(java.util.Comparator.comparingLong(o -> o.gps));
  }

  /** A frame on its way: its parts' acknowledgements, or why it could not be sent. */
  private static final class Outgoing {
    final long gps;
    final byte[] frame;
    final int partBytes;
    List<Future<RecordMetadata>> sent;
    RuntimeException failure;

    Outgoing(long gps, byte[] frame, int partBytes) {
      this.gps = gps;
      this.frame = frame;
      this.partBytes = partBytes;
    }
  }

  private SharedProducer(String key, KafkaProducer<byte[], byte[]> producer, long settleMs) {
    this.key = key;
    this.producer = producer;
    this.settleMs = settleMs;
  }

  static SharedProducer acquire(String bootstrap, Map<String, String> settings) {
    return acquire(bootstrap, settings, SETTLE_MS);
  }

  static synchronized SharedProducer acquire(String bootstrap, Map<String, String> settings, long settleMs) {
    String key = bootstrap + " " + settings + " " + settleMs;
    SharedProducer p = OPEN.computeIfAbsent(key, k -> new SharedProducer(k, KafkaClients.producer(bootstrap, settings), settleMs));
    p.users++;
    return p;
  }

  void release() {
    synchronized (SharedProducer.class) {
      if (--users == 0) {
        OPEN.remove(key);
        producer.close(Duration.ofSeconds(30));
      }
    }
  }

  private synchronized TopicState topic(String topic) {
    return topics.computeIfAbsent(topic, t -> new TopicState());
  }

  /**
   * Publishes a frame file whole and waits until the broker has every part. Returns false when
   * this JVM already published the frame (a retried bundle, a runner restoring a checkpoint).
   */
  boolean publish(String topic, long gps, byte[] frame, int partBytes) throws IOException {
    TopicState t = topic(topic);
    Outgoing me = new Outgoing(gps, frame, partBytes);
    synchronized (t) {
      if (t.published.contains(gps) || t.waiting.stream().anyMatch(o -> o.gps == gps)) {
        return false;
      }
      t.waiting.add(me);
    }
    try {
      Thread.sleep(settleMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (t) {
      // Whoever comes first sends all that wait, in GPS order; this frame is among them.
      while (!t.waiting.isEmpty()) {
        send(topic, t, t.waiting.poll());
      }
    }
    try {
      if (me.failure != null) {
        throw new IOException("the producer refused it: " + me.failure.getMessage());
      }
      for (Future<RecordMetadata> f : me.sent) {
        f.get();
      }
    } catch (ExecutionException | IOException e) {
      synchronized (t) {
        t.published.remove(gps);
      }
      throw e instanceof IOException io ? io : new IOException("the broker did not take it" + KafkaClients.reason((ExecutionException) e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while publishing");
    }
    return true;
  }

  /** Queues a frame's parts with the producer; called holding the topic's lock. */
  private void send(String topic, TopicState t, Outgoing o) {
    o.sent = new ArrayList<>();
    try {
      for (byte[] part : FramePart.split(o.frame, o.gps, t.nextPartId, o.partBytes)) {
        o.sent.add(producer.send(new ProducerRecord<>(topic, 0, null, part)));
      }
    } catch (RuntimeException e) {
      o.failure = e;
    }
    t.nextPartId++;
    t.published.add(o.gps);
    if (t.published.size() > REMEMBERED) {
      t.published.remove(t.published.iterator().next());
    }
  }
}
