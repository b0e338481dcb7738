package org.gwreplay.replay;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.display.HasDisplayData;
import org.gwreplay.kafka.KafkaSink;
import org.gwreplay.kafka.KafkaUrl;
import org.gwreplay.sink.SharedVolumeSink;
import org.gwreplay.source.DemoSource;
import org.gwreplay.time.GpsTime;
import org.gwreplay.time.Segment;
import org.gwreplay.time.SegmentList;
import org.junit.jupiter.api.Test;

/** The transforms show their settings in the runner's UI (Beam display data). */
class DisplayDataTest {

  private static Map<String, String> items(HasDisplayData component) {
    Map<String, String> out = new HashMap<>();
    DisplayData.from(component).items().forEach(i -> out.put(i.getKey(), String.valueOf(i.getValue())));
    return out;
  }

  @Test
  void readFramesShowsWhatIsReadAndHow() {
    ReplaySpec spec = ReplaySpec.builder().setSource(new DemoSource(1238166030L, 4)).setDetectors(List.of("H1", "L1"))
        .setSegments(SegmentList.of(List.of(new Segment(1238166018L, 1238166030L), new Segment(1238166040L, 1238166044L))))
        .setClock(ReplayClock.paced(GpsTime.ofSeconds(1238166018L), Instant.now(), 2, Duration.ZERO))
        .build();
    Map<String, String> d = items(ReadFrames.of(spec));
    assertThat(d.get("source"), equalTo(spec.source().describe()));
    assertThat(d, hasEntry("detectors", "H1,L1"));
    assertThat(d, hasEntry("segments", "2 segments 1238166018-1238166044"));
    assertThat(d, hasEntry("livetime", "16"));
    assertThat(d, hasEntry("frameDuration", "1"));
    assertThat(d.get("clock"), equalTo(spec.clock().toString()));
    // Settings left at their defaults are not shown.
    assertThat(d, not(hasKey("shift")));
    assertThat(d, not(hasKey("loopPasses")));
    assertThat(items(ReadFrames.of(spec.toBuilder().setLoopPasses(3).build())), hasEntry("loopPasses", "3"));
  }

  @Test
  void theSharedVolumeSinkShowsWhereAndHowFilesGo() {
    Map<String, String> d = items(SharedVolumeSink.write().to("/dev/shm/llhoft").withLayout("{site}").withRetentionSeconds(60));
    assertThat(d, hasEntry("output", "/dev/shm/llhoft"));
    assertThat(d, hasEntry("layout", "{site}"));
    assertThat(d, hasEntry("retentionSeconds", "60"));
    assertThat(d, hasEntry("skipExisting", "false"));
    assertThat(d, hasEntry("inOrder", "false"));
  }

  @Test
  void theKafkaSinkShowsTheTopicAndOnlyTheNamesOfItsSettings() {
    Map<String, String> d = items(KafkaSink.publish(KafkaUrl.parse("kafka://127.0.0.1:9092/frames_{ifo}"),
        Map.of("sasl.jaas.config", "secret-value"), 1 << 20, Map.of("frames_H1", Set.of()), null));
    assertThat(d, hasEntry("kafka", "kafka://127.0.0.1:9092/frames_{ifo}"));
    assertThat(d, hasEntry("settings", "settings sasl.jaas.config"));
    assertThat(d, hasEntry("partBytes", String.valueOf(1 << 20)));
    assertThat(d.toString().contains("secret-value"), equalTo(false));
  }
}
