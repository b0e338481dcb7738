package org.gwreplay.replay;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gwreplay.source.DemoSource;
import org.gwreplay.time.GpsTime;
import org.gwreplay.time.Segment;
import org.gwreplay.time.SegmentList;
import org.junit.jupiter.api.Test;

/** Shards of one detector's unpaced replay: every planned frame in exactly one shard, in order. */
class TimeShardsTest {

  private static ReplaySpec spec(SegmentList segments, long frameDuration, Map<String, Long> resume) {
    return ReplaySpec.builder().setSource(new DemoSource(0, 4)).setDetectors(List.of("H1"))
        .setSegments(segments).setFrameDuration(frameDuration).setStartPositions(resume).build();
  }

  private static List<Long> frames(ReplaySpec s) {
    List<Long> out = new ArrayList<>();
    FramePlan plan = new FramePlan(s.segments(), s.frameDuration(), s.startPosition("H1"));
    while (plan.hasNext()) {
      out.add(plan.next());
    }
    return out;
  }

  private static List<Long> framesOfShards(List<ReplaySpec> shards) {
    List<Long> out = new ArrayList<>();
    shards.forEach(s -> out.addAll(frames(s)));
    return out;
  }

  @Test
  void shardsCoverEveryFrameOnceAcrossSegmentGapsAndOddBounds() {
    SegmentList segments = SegmentList.of(List.of(new Segment(1238166003, 1238166500), new Segment(1238166610, 1238167001)));
    for (long d : new long[] {1, 4, 10}) {
      ReplaySpec whole = spec(segments, d, Map.of());
      for (int n = 1; n <= 9; n++) {
        List<ReplaySpec> shards = TimeShards.split(whole, n);
        assertThat("duration " + d + ", " + n + " shards", framesOfShards(shards), equalTo(frames(whole)));
        assertThat(shards.size() <= n, equalTo(true));
      }
    }
    assertThat(TimeShards.split(spec(segments, 1, Map.of()), 4), hasSize(4));
  }

  @Test
  void aResumedReplayIsShardedFromWhereItContinues() {
    ReplaySpec resumed = spec(SegmentList.of(1238166000, 1238167000), 1, Map.of("H1", 1238166700L));
    List<ReplaySpec> shards = TimeShards.split(resumed, 3);
    assertThat(framesOfShards(shards), equalTo(frames(resumed)));
    assertThat(framesOfShards(shards).get(0), equalTo(1238166700L));
  }

  @Test
  void shortSpansAndPacedReplaysStayWhole() {
    ReplaySpec shortOne = spec(SegmentList.of(1238166000, 1238166100), 1, Map.of());
    assertThat(TimeShards.split(shortOne, 4), hasSize(1));
    ReplaySpec paced = spec(SegmentList.of(1238166000, 1238167000), 1, Map.of()).toBuilder()
        .setClock(ReplayClock.paced(GpsTime.ofSeconds(1238166000), Instant.now(), 1, java.time.Duration.ZERO)).build();
    assertThat(new FrameReadSource(paced).split(8, org.apache.beam.sdk.options.PipelineOptionsFactory.create()), hasSize(1));
    assertThat(new FrameReadSource(spec(SegmentList.of(1238166000, 1238167000), 1, Map.of()))
        .split(8, org.apache.beam.sdk.options.PipelineOptionsFactory.create()), hasSize(8));
    assertThat(new FrameReadSource(spec(SegmentList.of(1238166000, 1238167000), 1, Map.of()).toBuilder().setTimeSharded(false).build())
        .split(8, org.apache.beam.sdk.options.PipelineOptionsFactory.create()), hasSize(1));
  }
}
