package org.gwreplay.replay;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import org.gwreplay.time.Segment;
import org.gwreplay.time.SegmentList;
import org.junit.jupiter.api.Test;

class FramePlanTest {

  private static List<Long> all(FramePlan p) {
    List<Long> out = new ArrayList<>();
    while (p.hasNext()) {
      out.add(p.next());
    }
    return out;
  }

  @Test
  void framesAreAlignedAndWhollyInsideSegments() {
    SegmentList s = SegmentList.of(List.of(new Segment(1001, 1011), new Segment(1013, 1021)));
    assertThat(all(new FramePlan(s, 4, 0)), equalTo(List.of(1004L, 1016L)));
    assertThat(all(new FramePlan(s, 1, 1009)), equalTo(List.of(1009L, 1010L, 1013L, 1014L, 1015L, 1016L, 1017L, 1018L, 1019L, 1020L)));
  }

  @Test
  void resumingAtOrPastTheEndPlansNothing() {
    SegmentList s = SegmentList.of(1000, 1064);
    assertThat(all(new FramePlan(s, 4, Long.MAX_VALUE)), equalTo(List.of()));
    assertThat(all(new FramePlan(s, 4, 1064)), equalTo(List.of()));
    assertThat(all(new FramePlan(s, 4, 1060)), equalTo(List.of(1060L)));
  }

  @Test
  void loopPassesFollowOneAnotherWithoutGapOrOverlapAndKeepTheListsGaps() {
    // Span 1001-1021 rounded inwards to whole 2-s frames: 1002-1020, a period of 18 s.
    SegmentList s = SegmentList.of(List.of(new Segment(1001, 1009), new Segment(1013, 1021)));
    assertThat(FramePlan.period(s, 2), equalTo(18L));
    List<Long> pass0 = List.of(1002L, 1004L, 1006L, 1014L, 1016L, 1018L);
    List<Long> expected = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      for (long t : pass0) {
        expected.add(t + 18L * k);
      }
    }
    assertThat(all(new FramePlan(s, 2, 3, 0)), equalTo(expected));
    assertThat(FramePlan.end(s, 2, 3), equalTo(1002L + 3 * 18));
    // Resuming inside pass 1 (replay time 1024 = data 1006) goes on from there, through pass 2.
    assertThat(all(new FramePlan(s, 2, 3, 1024)), equalTo(expected.subList(8, 18)));
    // A resume point in the list's own gap of pass 2 continues at the next frame of that pass.
    assertThat(all(new FramePlan(s, 2, 3, 1045)), equalTo(List.of(1050L, 1052L, 1054L)));
    assertThat(all(new FramePlan(s, 2, 3, FramePlan.end(s, 2, 3))), equalTo(List.of()));
  }

  @Test
  void aLoopForeverIsLazyAndCountsPassesFarAhead() {
    SegmentList s = SegmentList.of(1000, 1010);
    FramePlan p = new FramePlan(s, 1, FramePlan.FOREVER, 1000 + 10L * 1_000_000 + 3);
    assertThat(p.pass(), equalTo(1_000_000L));
    assertThat(p.next(), equalTo(1000 + 10L * 1_000_000 + 3));
    assertThat(FramePlan.end(s, 1, FramePlan.FOREVER), equalTo(Long.MAX_VALUE));
    // Ten million frames walked without keeping any: only the position moves.
    FramePlan walk = new FramePlan(s, 1, FramePlan.FOREVER, 0);
    long last = 0;
    for (int i = 0; i < 10_000_000; i++) {
      long t = walk.next();
      assertThat(t == last + 1 || i == 0, equalTo(true));
      last = t;
    }
    assertThat(last, equalTo(1000L + 10_000_000 - 1));
  }
}
