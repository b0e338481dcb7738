package org.gwreplay.kafka;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.time.Instant;
import org.gwreplay.gwf.Detectors;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.replay.ReplayTarget;
import org.gwreplay.replay.ResumePoint;
import org.gwreplay.replay.ReplayClock;
import org.gwreplay.replay.ReplayPlan;
import org.gwreplay.replay.ReplaySpec;
import org.gwreplay.time.SegmentList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replay's {@code --output=kafka://HOST:PORT/TOPIC}: the topics of its detectors, the client
 * settings, the checks before the run and, with --resume, where each detector continues: after
 * the newest whole frame already in its topic, which is never published again.
 */
public final class KafkaTarget implements ReplayTarget {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaTarget.class);

  private final KafkaUrl url;
  private final Map<String, String> settings;
  private final int partBytes;
  /** Detector -> topic. */
  private final Map<String, String> topics = new LinkedHashMap<>();
  /** Topic -> GPS starts of the whole frames already there (resume only). */
  private final Map<String, java.util.Set<Long>> published = new LinkedHashMap<>();
  /** Data below the newest whole frame searched for holes on resume (frames released together go out in any order). */
  static final long RESUME_SPAN_SECONDS = 600;

  private KafkaTarget(KafkaUrl url, Map<String, String> settings, int partBytes) {
    this.url = url;
    this.settings = settings;
    this.partBytes = partBytes;
  }

  /**
   * @param settings the client settings ({@link KafkaSettings#of})
   * @param partBytes the largest message ({@code --kafka-part-bytes}): bigger frames go out in parts
   */
  public static KafkaTarget of(KafkaUrl url, Map<String, String> settings, long partBytes, List<String> detectors) {
    if (detectors.size() > 1 && !url.perDetector()) {
      throw new IllegalArgumentException("several detectors cannot share one topic (" + url.topicPattern()
          + "): put {IFO} in it, e.g. kafka://" + url.bootstrap() + "/{IFO}_llhoft");
    }
    if (partBytes <= 0 || partBytes > 64L << 20) {
      throw new IllegalArgumentException("--kafka-part-bytes must be between 1 and 67108864: " + partBytes);
    }
    KafkaTarget k = new KafkaTarget(url, settings, (int) partBytes);
    for (String d : detectors) {
      k.topics.put(d, url.topicFor(d));
    }
    return k;
  }

  /** The broker answers and every topic exists (or will be made by the broker). */
  @Override
  public void check() {
    KafkaClients.validateProducer(settings);
    KafkaClients.check(url, settings, topics.values());
    LOG.info("publishing to {} on {} ({})", String.join(", ", topics.values()), url.bootstrap(), KafkaSettings.describe(settings));
  }

  /** Reads each topic's tail: the newest whole frame there, and the next frame to publish; the tag plays no part. */
  @Override
  public ResumePoint resume(List<String> detectors, String tag, SegmentList segments, long frameDuration, long passes) {
    Map<String, Long> positions = new LinkedHashMap<>();
    OptionalLong newestEnd = OptionalLong.empty();
    for (Map.Entry<String, String> e : topics.entrySet()) {
      java.util.NavigableSet<Long> present = new java.util.TreeSet<>(
          TopicTail.wholeFrames(url.bootstrap(), settings, e.getValue(), RESUME_SPAN_SECONDS * frameDuration)
              .subSet(segments.start(), true, ReplayPlan.replayEnd(segments, frameDuration, passes), false));
      // A loop's frames are in replay time, which counts passes: the walk goes on across them.
      long next = ReplayPlan.firstMissing(segments, frameDuration, passes, present);
      if (next == Long.MIN_VALUE) {
        LOG.info("resume: no frame of this replay in {} yet; {} starts at the beginning", e.getValue(), e.getKey());
        continue;
      }
      published.put(e.getValue(), present);
      positions.put(e.getKey(), next);
      newestEnd = OptionalLong.of(Math.max(newestEnd.orElse(Long.MIN_VALUE), present.last() + frameDuration));
      LOG.info("resume: {} holds {} whole frames of {} up to GPS {}; {} continues at GPS {}", e.getValue(), present.size(),
          e.getKey(), present.last(), e.getKey(), next);
    }
    return new ResumePoint(positions, newestEnd);
  }

  /** A topic is read in order by consumers, and resumed at its first hole: frames are released in GPS order, paced or not. */
  @Override
  public boolean needsRelease(ReplayClock clock) {
    return true;
  }

  @Override
  public boolean allowsTimeSharding() {
    return false;
  }

  @Override
  public String sinkName() {
    return "KafkaSink";
  }

  @Override
  public KafkaSink sink(ReplaySpec spec) {
    return KafkaSink.publish(url, settings, partBytes, published, spec.clock());
  }

  /** No directory to put it beside: only where the user asks. */
  @Override
  public Path defaultStatusFile() {
    return null;
  }

  /**
   * Reads the replay's topics from their end, as a site's kafka2frame would, and tells the
   * monitor of each whole frame when it is readable there.
   */
  @Override
  public AutoCloseable watch(ReplaySpec spec, Feed arrivals) {
    long frameDuration = spec.frameDuration();
    Map<String, String> detectorOf = new LinkedHashMap<>();
    topics.forEach((d, t) -> detectorOf.put(t, d));
    FrameStream.Listener l = new FrameStream.Listener() {
      @Override
      public void frame(String topic, PartAssembler.Frame f, long brokerTime) {
        String d = detectorOf.get(topic);
        arrivals.frame(d, null, new FrameFileName(Detectors.site(d), topic.replace('-', '_'), f.evtId(), frameDuration),
            f.bytes().length, Instant.now());
      }

      @Override
      public void notAPart(String topic, long offset, String reason) {
        LOG.warn("{} offset {}: not a frame part: {}", topic, offset, reason);
      }

      @Override
      public void incomplete(String topic, PartAssembler.Incomplete lost) {
        LOG.warn("{}: frame at GPS {} seen incomplete ({} of {} parts)", topic, lost.evtId(), lost.received(), lost.total());
      }
    };
    FrameStream s = new FrameStream(url.bootstrap(), settings, topics.values(), false, l).inBackground("gwreplay-kafka-monitor");
    // At the end, read what the replay published last before the final status is written.
    return () -> s.closeAfterCatchingUp(java.time.Duration.ofSeconds(5));
  }

  @Override
  public String toString() {
    return url.toString();
  }
}
