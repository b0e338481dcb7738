package org.gwreplay.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The whole frames at the end of a topic's partition 0, found by reading its tail backwards in
 * growing windows: what a resumed replay must not publish again. Frames released together are
 * published in any order, so a producer killed mid-run can leave holes below its newest frame:
 * the window reaches {@code spanSeconds} of data below the newest whole frame (or the topic's
 * start), and a frame whose parts are not all there does not count (it is published again, whole).
 */
public final class TopicTail {

  private static final int FIRST_WINDOW = 256;

  private TopicTail() {}

  /** Event ids (GPS) of the whole frames in the tail; empty when the topic holds none. */
  public static NavigableSet<Long> wholeFrames(String bootstrap, Map<String, String> settings, String topic, long spanSeconds) {
    try (KafkaConsumer<byte[], byte[]> c = KafkaClients.consumer(bootstrap, settings)) {
      TopicPartition tp = new TopicPartition(topic, 0);
      c.assign(List.of(tp));
      Duration timeout = KafkaClients.CONNECT_TIMEOUT;
      long begin = c.beginningOffsets(List.of(tp), timeout).get(tp);
      long end = c.endOffsets(List.of(tp), timeout).get(tp);
      long window = FIRST_WINDOW;
      while (true) {
        long from = Math.max(begin, end - window);
        NavigableSet<Long> found = scan(c, tp, from, end);
        if (from == begin || (!found.isEmpty() && found.last() - found.first() >= spanSeconds)) {
          return found;
        }
        window *= 4;
      }
    }
  }

  private static NavigableSet<Long> scan(KafkaConsumer<byte[], byte[]> c, TopicPartition tp, long from, long end) {
    c.seek(tp, from);
    PartAssembler assembler = new PartAssembler(Integer.MAX_VALUE, Long.MAX_VALUE, () -> 0L);
    NavigableSet<Long> whole = new TreeSet<>();
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
            whole.add(f.evtId());
          }
        } catch (IllegalArgumentException notAPart) {
          // Someone else's message on the topic: not a frame of ours.
        }
      }
    }
    return whole;
  }
}
