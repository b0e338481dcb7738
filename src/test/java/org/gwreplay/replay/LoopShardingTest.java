package org.gwreplay.replay;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import org.gwreplay.source.DemoSource;
import org.gwreplay.time.SegmentList;
import org.junit.jupiter.api.Test;

/** An unpaced loop is read in one piece: cutting its list into GPS shards would make each shard a loop of its own. */
class LoopShardingTest {

  @Test
  void aLoopIsNotTimeSharded() {
    ReplaySpec once = ReplaySpec.builder().setSource(new DemoSource(0, 4)).setDetectors(List.of("H1"))
        .setSegments(SegmentList.of(1238166016, 1238166016 + 1024)).build();
    assertThat("a long single pass is sharded", TimeShards.split(once, 4).size() > 1, equalTo(true));
    ReplaySpec loop = once.toBuilder().setLoopPasses(3).build();
    assertThat(TimeShards.split(loop, 4), equalTo(List.of(loop)));
  }
}
