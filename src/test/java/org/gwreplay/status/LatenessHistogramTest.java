package org.gwreplay.status;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

class LatenessHistogramTest {

  @Test
  void percentilesAreNearestRankAndEarlyFilesAreCountedApart() {
    LatenessHistogram h = new LatenessHistogram();
    for (int i = 1; i <= 100; i++) {
      h.add(i);
    }
    h.add(-3);
    assertThat(h.count(), equalTo(101L));
    assertThat(h.quantile(0.5), equalTo(50L));
    assertThat(h.quantile(0.99), equalTo(99L));
    assertThat(h.quantile(1), equalTo(100L));
    assertThat(h.quantile(0), equalTo(0L)); // the early file, counted at 0 ms
    assertThat(h.max(), equalTo(100L));
    assertThat(h.early(), equalTo(1L));
  }

  @Test
  void pastAMinuteQuantilesSaturateButTheMaximumIsExact() {
    LatenessHistogram h = new LatenessHistogram();
    h.add(10);
    h.add(90_000);
    assertThat(h.quantile(0.99), equalTo(60_000L));
    assertThat(h.max(), equalTo(90_000L));
  }

  @Test
  void anEmptyHistogramReadsAsZero() {
    LatenessHistogram h = new LatenessHistogram();
    assertThat(h.count(), equalTo(0L));
    assertThat(h.quantile(0.5), equalTo(0L));
    assertThat(h.max(), equalTo(0L));
    assertThat(h.early(), equalTo(0L));
  }
}
