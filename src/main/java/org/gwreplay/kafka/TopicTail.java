package org.gwreplay.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The newest whole frame in a topic's partition 0, found by reading its tail backwards in growing
 * windows: what a resumed replay must not publish again. Parts of a frame left incomplete by a
 * producer killed mid-frame do not count; that frame is published again, whole.
 */
public final class TopicTail {

  private static final int FIRST_WINDOW = 256;

  private TopicTail() {}

  /** The largest event id (GPS) of a whole frame in the topic; empty when it holds none. */
  public static OptionalLong newestWholeFrame(String bootstrap, Map<String, String> settings, String topic) {
    try (KafkaConsumer<byte[], byte[]> c = KafkaClients.consumer(bootstrap, settings)) {
      TopicPartition tp = new TopicPartition(topic, 0);
      c.assign(List.of(tp));
      Duration timeout = KafkaClients.CONNECT_TIMEOUT;
      long begin = c.beginningOffsets(List.of(tp), timeout).get(tp);
      long end = c.endOffsets(List.of(tp), timeout).get(tp);
      long window = FIRST_WINDOW;
      while (true) {
        long from = Math.max(begin, end - window);
        OptionalLong found = scan(c, tp, from, end);
        if (found.isPresent() || from == begin) {
          return found;
        }
        window *= 4;
      }
    }
  }

  private static OptionalLong scan(KafkaConsumer<byte[], byte[]> c, TopicPartition tp, long from, long end) {
    c.seek(tp, from);
    PartAssembler assembler = new PartAssembler(Integer.MAX_VALUE, Long.MAX_VALUE, () -> 0L);
    long newest = Long.MIN_VALUE;
    long at = from;
    long idleSince = System.nanoTime();
    while (at < end) {
      var records = c.poll(Duration.ofMillis(500));
      if (records.isEmpty() && System.nanoTime() - idleSince > KafkaClients.CONNECT_TIMEOUT.toNanos()) {
        throw new KafkaUnavailableException("could not read the tail of " + tp.topic() + " (offsets " + at + " to " + end + ") within "
            + KafkaClients.CONNECT_TIMEOUT.toSeconds() + " s");
      }
      for (ConsumerRecord<byte[], byte[]> r : records) {
        idleSince = System.nanoTime();
        at = r.offset() + 1;
        if (r.offset() >= end) {
          break;
        }
        try {
          PartAssembler.Frame f = assembler.add(FramePart.parse(r.value()));
          if (f != null) {
            newest = Math.max(newest, f.evtId());
          }
        } catch (IllegalArgumentException notAPart) {
          // Someone else's message on the topic: not a frame of ours.
        }
      }
    }
    return newest == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(newest);
  }
}
