package org.gwreplay.status;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.TreeMap;
import org.gwreplay.time.Segment;
import org.gwreplay.time.SegmentList;
import org.junit.jupiter.api.Test;

class ReplayMonitorTest {

  @Test
  void spansMergeInAnyOrderAndMissingTimeIsWhatTheyLeave() {
    TreeMap<Long, Long> seen = new TreeMap<>();
    for (long t : new long[] {103, 100, 101, 102, 107, 108, 104, 111}) {
      ReplayMonitor.addSpan(seen, t, t + 1);
    }
    assertThat(seen, equalTo(new TreeMap<>(java.util.Map.of(100L, 105L, 107L, 109L, 111L, 112L))));
    SegmentList segments = SegmentList.of(List.of(new Segment(100, 115), new Segment(120, 124)));
    List<long[]> missing = ReplayMonitor.missing(segments, 1, seen);
    assertThat(missing.stream().map(m -> m[0] + "-" + m[1]).toList(), equalTo(List.of("105-107", "109-111", "112-115", "120-124")));
  }

  @Test
  void percentilesOfLatenessFromTheHistogram() {
    LatenessHistogram h = new LatenessHistogram();
    for (int i = 1; i <= 100; i++) {
      h.add(i);
    }
    h.add(-3);
    assertThat(h.quantile(0.5), equalTo(50L));
    assertThat(h.quantile(0.99), equalTo(99L));
    assertThat(h.max(), equalTo(100L));
    assertThat(h.early(), equalTo(1L));
  }
}
