package org.gwreplay.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Whole frame files read back from partition 0 of some topics, as kafka2frame reads them: each
 * message parsed as a {@code PART}, the parts of each topic reassembled. What cannot be used is
 * told too: a message that is not a frame part, a frame given up incomplete.
 */
public final class FrameStream implements AutoCloseable {

  /** What the stream tells, on the polling thread. */
  public interface Listener {
    /** A whole frame; {@code brokerTime} is the last part's Kafka timestamp (ms since 1970). */
    void frame(String topic, PartAssembler.Frame frame, long brokerTime);

    void notAPart(String topic, long offset, String reason);

    void incomplete(String topic, PartAssembler.Incomplete lost);
  }

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<String, PartAssembler> assemblers = new HashMap<>();
  private final Listener listener;
  private volatile boolean closed;
  /** Set when a background reader is asked to stop once it has read what the topics hold now. */
  private volatile long catchUpUntil;
  private Thread thread;

  /** @param fromBeginning read all the topics hold, else only what arrives from now on (kafka2frame's way) */
  public FrameStream(String bootstrap, Map<String, String> settings, Collection<String> topics, boolean fromBeginning, Listener listener) {
    this.listener = listener;
    this.consumer = KafkaClients.consumer(bootstrap, settings);
    List<TopicPartition> parts = new ArrayList<>();
    for (String t : topics) {
      parts.add(new TopicPartition(t, 0));
      assemblers.put(t, new PartAssembler());
    }
    consumer.assign(parts);
    if (fromBeginning) {
      consumer.seekToBeginning(parts);
    } else {
      consumer.seekToEnd(parts);
      parts.forEach(consumer::position); // fix "the end" now, not at the first poll
    }
  }

  /** Reads what has come within {@code timeout} and tells the listener; false once closed. */
  public boolean poll(Duration timeout) {
    if (closed) {
      return false;
    }
    try {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
        FramePart part;
        try {
          part = FramePart.parse(r.value());
        } catch (IllegalArgumentException e) {
          listener.notAPart(r.topic(), r.offset(), e.getMessage());
          continue;
        }
        PartAssembler a = assemblers.get(r.topic());
        PartAssembler.Frame f;
        try {
          f = a.add(part);
        } catch (IllegalArgumentException e) {
          listener.notAPart(r.topic(), r.offset(), e.getMessage());
          continue;
        }
        if (f != null) {
          listener.frame(r.topic(), f, r.timestamp());
        }
      }
    } catch (WakeupException e) {
      return !closed && catchUpUntil == 0;
    }
    drain(false);
    return !closed;
  }

  private void drain(boolean end) {
    assemblers.forEach((t, a) -> a.drainGivenUp(end).forEach(i -> listener.incomplete(t, i)));
  }

  /** Runs {@link #poll} on a daemon thread until closed: for watching a replay's topics. */
  public FrameStream inBackground(String name) {
    thread = new Thread(() -> {
      try {
        while (catchUpUntil == 0 && poll(Duration.ofMillis(200))) {
          // each poll tells the listener
        }
        if (catchUpUntil != 0 && !closed) {
          catchUp();
        }
      } catch (RuntimeException e) {
        // a watcher only watches: the replay itself reports its own failures
      } finally {
        consumer.close(Duration.ofSeconds(2));
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  /** Reads on until every partition is at the end it had when asked, or the deadline passes. */
  private void catchUp() {
    Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(2));
    while (System.currentTimeMillis() < catchUpUntil
        && end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
      poll(Duration.ofMillis(100));
    }
  }

  /**
   * Stops a background reader after it has read all the topics hold now (at most {@code max}),
   * so that the last frames published are seen; returns when it has stopped.
   */
  public void closeAfterCatchingUp(Duration max) {
    catchUpUntil = System.currentTimeMillis() + max.toMillis();
    consumer.wakeup();
    try {
      thread.join(max.toMillis() + 3_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    close();
  }

  /** Reports frames still incomplete as lost; call at the end of a foreground reading. */
  public void finish() {
    drain(true);
  }

  /** Stops a background reader (from any thread). */
  @Override
  public void close() {
    closed = true;
    consumer.wakeup();
  }

  /** Closes a foreground reader's consumer (from its own thread). */
  public void closeNow() {
    closed = true;
    consumer.close(Duration.ofSeconds(2));
  }
}
