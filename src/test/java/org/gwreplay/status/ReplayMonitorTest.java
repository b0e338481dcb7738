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
