package org.gwreplay.time;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SegmentListTest {

  /** A list from "a-b c-d ..." (empty text: the empty list). */
  private static SegmentList list(String spans) {
    List<Segment> out = new ArrayList<>();
    for (String s : spans.split(" ")) {
      if (!s.isEmpty()) {
        String[] f = s.split("-");
        out.add(new Segment(Long.parseLong(f[0]), Long.parseLong(f[1])));
      }
    }
    return SegmentList.of(out);
  }

  private static String spans(SegmentList l) {
    return String.join(" ", l.segments().stream().map(Segment::toString).toList());
  }

  @Test
  void coalescingSortsAndMergesOverlappingAndTouchingSegments() {
    assertThat(spans(list("30-40 10-20 20-25 15-18 50-60 55-70")), equalTo("10-25 30-40 50-70"));
    assertThat(spans(list("")), equalTo(""));
    assertThat(list("").isEmpty(), equalTo(true));
    assertThat(list("").toString(), equalTo("no segments"));
  }

  @Test
  void unionJoinsTouchingSegmentsOfTheTwoLists() {
    assertThat(spans(list("10-20 40-50").union(list("20-30 45-60 70-80"))), equalTo("10-30 40-60 70-80"));
    assertThat(list("10-20").union(list("")), equalTo(list("10-20")));
    assertThat(list("").union(list("")).isEmpty(), equalTo(true));
  }

  @Test
  void intersectKeepsOnlyCommonTimeAndTouchingIsNotCommon() {
    assertThat(spans(list("10-20 30-40").intersect(list("15-35"))), equalTo("15-20 30-35"));
    assertThat(spans(list("0-100").intersect(list("10-20 30-40 90-120"))), equalTo("10-20 30-40 90-100"));
    assertThat(list("10-20").intersect(list("20-30")).isEmpty(), equalTo(true));
    assertThat(list("10-20").intersect(list("")).isEmpty(), equalTo(true));
    assertThat(list("").intersect(list("10-20")).isEmpty(), equalTo(true));
  }

  @Test
  void intersectWithASpanIsEmptyWhenNothingOverlaps() {
    assertThat(list("10-20 30-40").intersect(15, 35), equalTo(Optional.of(list("15-20 30-35"))));
    assertThat(list("10-20 30-40").intersect(20, 30), equalTo(Optional.empty()));
    assertThat(list("10-20").intersect(-5, 12), equalTo(Optional.of(list("10-12"))));
    assertThat(list("10-20").intersect(15, 15), equalTo(Optional.empty()));
  }

  @Test
  void minusSplitsASegmentAndRemovesWhatItCovers() {
    assertThat(spans(list("10-50").minus(list("20-30"))), equalTo("10-20 30-50"));
    assertThat(spans(list("10-50").minus(list("0-15 20-25 45-60"))), equalTo("15-20 25-45"));
    assertThat(spans(list("10-20 30-40").minus(list("15-35"))), equalTo("10-15 35-40"));
    assertThat(list("10-20").minus(list("0-100")).isEmpty(), equalTo(true));
    assertThat(list("10-20").minus(list("")), equalTo(list("10-20")));
    assertThat(list("10-20").minus(list("20-30 0-10")), equalTo(list("10-20")));
    assertThat(list("").minus(list("10-20")).isEmpty(), equalTo(true));
  }

  @Test
  void alignedInwardsKeepsWholeStepsAndDropsSegmentsTooShort() {
    assertThat(spans(list("1001-1011 1013-1021 1030-1033").alignedInwards(4)), equalTo("1004-1008 1016-1020"));
    assertThat(spans(list("1000-1010").alignedInwards(1)), equalTo("1000-1010"));
  }

  @Test
  void theBuilderCoalescesSpansAddedInAnyOrder() {
    SegmentList.Builder b = new SegmentList.Builder();
    for (long t : new long[] {103, 100, 101, 102, 107, 108, 104, 111}) {
      b.add(t, t + 1);
    }
    assertThat(spans(b.build()), equalTo("100-105 107-109 111-112"));
    b.add(99, 112); // covers them all
    assertThat(spans(b.build()), equalTo("99-112"));
    assertThat(new SegmentList.Builder().build().isEmpty(), equalTo(true));
    // Time before GPS 0 (a name shifted back past it) is no segment time.
    assertThat(spans(new SegmentList.Builder().add(-5, -1).add(-2, 3).build()), equalTo("0-3"));
    assertThrows(IllegalArgumentException.class, () -> new SegmentList.Builder().add(10, 10));
  }

  /** The algebra agrees with a second-by-second model of the same lists. */
  @Test
  void theAlgebraMatchesSetsOfSeconds() {
    Random random = new Random(16);
    for (int round = 0; round < 200; round++) {
      boolean[] a = new boolean[60];
      boolean[] b = new boolean[60];
      SegmentList la = randomList(random, a);
      SegmentList lb = randomList(random, b);
      assertThat(seconds(la.union(lb)), equalTo(model(a, b, (x, y) -> x || y)));
      assertThat(seconds(la.intersect(lb)), equalTo(model(a, b, (x, y) -> x && y)));
      assertThat(seconds(la.minus(lb)), equalTo(model(a, b, (x, y) -> x && !y)));
      assertThat(la.minus(lb).union(la.intersect(lb)), equalTo(la));
      // Coalesced: no two segments touch.
      for (SegmentList l : List.of(la.union(lb), la.intersect(lb), la.minus(lb))) {
        for (int i = 1; i < l.segments().size(); i++) {
          assertThat(l + " is coalesced", l.segments().get(i).start() > l.segments().get(i - 1).end(), equalTo(true));
        }
      }
    }
  }

  private static SegmentList randomList(Random random, boolean[] seconds) {
    List<Segment> out = new ArrayList<>();
    for (int i = random.nextInt(5); i > 0; i--) {
      int start = random.nextInt(55);
      int end = start + 1 + random.nextInt(5);
      out.add(new Segment(start, end));
      for (int t = start; t < end; t++) {
        seconds[t] = true;
      }
    }
    return SegmentList.of(out);
  }

  private static List<Integer> seconds(SegmentList l) {
    List<Integer> out = new ArrayList<>();
    l.segments().forEach(s -> {
      for (long t = s.start(); t < s.end(); t++) {
        out.add((int) t);
      }
    });
    return out;
  }

  private static List<Integer> model(boolean[] a, boolean[] b, java.util.function.BinaryOperator<Boolean> op) {
    List<Integer> out = new ArrayList<>();
    for (int t = 0; t < a.length; t++) {
      if (op.apply(a[t], b[t])) {
        out.add(t);
      }
    }
    return out;
  }

  @Test
  void anEmptyListGivenByTheUserIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SegmentList.parse("# nothing\n"));
    assertThat(e.getMessage(), containsString("the segment list is empty"));
    assertThrows(IllegalArgumentException.class, () -> SegmentList.parse("[]"));
  }
}
