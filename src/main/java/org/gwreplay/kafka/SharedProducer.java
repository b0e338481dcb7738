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
 * queued under a lock, and one idempotent producer keeps their order.
 */
final class SharedProducer {

  /** Frames remembered per topic so that one published in this JVM is not published again. */
  private static final int REMEMBERED = 100_000;
  private static final Map<String, SharedProducer> OPEN = new HashMap<>();

  private final String key;
  private final KafkaProducer<byte[], byte[]> producer;
  private final Map<String, TopicState> topics = new HashMap<>();
  private int users;

  private static final class TopicState {
    long nextPartId;
    final LinkedHashSet<Long> published = new LinkedHashSet<>();
  }

  private SharedProducer(String key, KafkaProducer<byte[], byte[]> producer) {
    this.key = key;
    this.producer = producer;
  }

  static synchronized SharedProducer acquire(String bootstrap, Map<String, String> settings) {
    String key = bootstrap + " " + settings;
    SharedProducer p = OPEN.computeIfAbsent(key, k -> new SharedProducer(k, KafkaClients.producer(bootstrap, settings)));
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
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    synchronized (t) {
      if (t.published.contains(gps)) {
        return false;
      }
      for (byte[] part : FramePart.split(frame, gps, t.nextPartId, partBytes)) {
        sent.add(producer.send(new ProducerRecord<>(topic, 0, null, part)));
      }
      t.nextPartId++;
      t.published.add(gps);
      if (t.published.size() > REMEMBERED) {
        t.published.remove(t.published.iterator().next());
      }
    }
    try {
      for (Future<RecordMetadata> f : sent) {
        f.get();
      }
    } catch (ExecutionException e) {
      synchronized (t) {
        t.published.remove(gps);
      }
      throw new IOException("the broker did not take it" + KafkaClients.reason(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while publishing");
    }
    return true;
  }
}
