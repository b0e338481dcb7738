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
}
