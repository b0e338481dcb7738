package org.gwreplay.kafka;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.gwreplay.replay.ReplayClock;
import org.gwreplay.replay.ReplayFrame;
import org.gwreplay.replay.ReplayMetrics;
import org.gwreplay.time.GpsTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes released frames to Kafka as frame2kafka does: each frame file whole, at its release,
 * split into {@code PART} messages on partition 0 of its detector's topic, the event id being the
 * GPS start in its name. A frame is published once: an idempotent producer (a retried send is
 * written once), frames this JVM already sent are skipped, and a resumed replay skips frames at or
 * the whole frames already in each topic (read by {@link TopicTail}).
 */
public final class KafkaSink extends PTransform<PCollection<ReplayFrame>, PDone> {

  private final KafkaUrl url;
  private final Map<String, String> settings;
  private final int partBytes;
  private final HashMap<String, HashSet<Long>> published;
  private final ReplayClock clock;

  private KafkaSink(KafkaUrl url, Map<String, String> settings, int partBytes, Map<String, Set<Long>> published, ReplayClock clock) {
    this.url = url;
    this.settings = new HashMap<>(settings);
    this.partBytes = partBytes;
    this.published = copy(published);
    this.clock = clock;
  }

  /**
   * @param published per topic, the GPS starts of the whole frames already there (a resumed
   *     replay), not published again
   * @param clock the replay clock, to measure each publication's lateness; null for none
   */
  public static KafkaSink publish(KafkaUrl url, Map<String, String> settings, int partBytes, Map<String, Set<Long>> published, ReplayClock clock) {
    if (partBytes <= 0) {
      throw new IllegalArgumentException("--kafka-part-bytes must be positive: " + partBytes);
    }
    return new KafkaSink(url, settings, partBytes, published, clock);
  }

  private static HashMap<String, HashSet<Long>> copy(Map<String, ? extends Set<Long>> m) {
    HashMap<String, HashSet<Long>> c = new HashMap<>();
    m.forEach((k, v) -> c.put(k, new HashSet<>(v)));
    return c;
  }

  @Override
  public PDone expand(PCollection<ReplayFrame> frames) {
    frames.apply("PublishFrames", ParDo.of(new PublishFn(url, settings, partBytes, published, clock)));
    return PDone.in(frames.getPipeline());
  }

  /** Where frames go, for the runner's UI; setting names only, as values may be secrets. */
  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("kafka", url.toString()).withLabel("Kafka bootstrap and topic"))
        .add(DisplayData.item("settings", KafkaSettings.describe(settings)).withLabel("Client settings"))
        .add(DisplayData.item("partBytes", partBytes).withLabel("Largest message (bytes)"))
        .add(DisplayData.item("lateness", clock != null && clock.isPaced()).withLabel("Lateness measured"));
  }

  static final class PublishFn extends DoFn<ReplayFrame, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSink.class);

    private final KafkaUrl url;
    private final HashMap<String, String> settings;
    private final int partBytes;
    private final HashMap<String, HashSet<Long>> published;
    private final ReplayClock clock;
    // Same names as the directory sink's, so status and metrics read alike for both.
    private final Counter written = Metrics.counter(KafkaSink.class, ReplayMetrics.FILES_WRITTEN);
    private final Counter bytes = Metrics.counter(KafkaSink.class, ReplayMetrics.BYTES_WRITTEN);
    private final Counter skipped = Metrics.counter(KafkaSink.class, ReplayMetrics.FRAMES_ALREADY_PUBLISHED);
    private transient SharedProducer producer;

    PublishFn(KafkaUrl url, Map<String, String> settings, int partBytes, Map<String, ? extends Set<Long>> published, ReplayClock clock) {
      this.url = url;
      this.settings = new HashMap<>(settings);
      this.partBytes = partBytes;
      this.published = copy(published);
      this.clock = clock;
    }

    @Setup
    public void setup() {
      producer = SharedProducer.acquire(url.bootstrap(), settings);
    }

    @Teardown
    public void teardown() {
      if (producer != null) {
        producer.release();
        producer = null;
      }
    }

    @ProcessElement
    public void process(@Element ReplayFrame frame) throws IOException {
      String topic = url.topicFor(frame.detector());
      long gps = frame.name().gpsStart();
      Set<Long> there = published.get(topic);
      if (there != null && there.contains(gps)) {
        skipped.inc();
        return;
      }
      try {
        if (!producer.publish(topic, gps, frame.gwf(), partBytes)) {
          skipped.inc();
          return;
        }
      } catch (IOException e) {
        // Said once, naming the frame and the broker; the replay stops and --resume can follow.
        throw new IOException("cannot publish " + frame.name() + " to " + topic + " on " + url.bootstrap() + ": " + e.getMessage());
      }
      written.inc();
      bytes.inc(frame.gwf().length);
      Metrics.distribution(ReplayMetrics.NAMESPACE, ReplayMetrics.gpsWritten(frame.detector())).update(frame.name().gpsEnd());
      if (clock != null && clock.isPaced()) {
        long late = Duration.between(clock.releaseTime(GpsTime.ofSeconds(frame.dataEnd())), Instant.now()).toMillis();
        Metrics.distribution(ReplayMetrics.NAMESPACE, ReplayMetrics.latenessMs(frame.detector())).update(late);
      }
      LOG.debug("published {} to {}", frame.name(), topic);
    }
  }
}
