package org.gwreplay.gwf;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.ArrayList;
import java.util.List;
import org.gwreplay.time.GpsTime;
import org.junit.jupiter.api.Test;

/**
 * Re-framing keeps every structure and every sample, each in the output frame that covers its
 * time (issue 17, item 3): frames laid out as FrameL's own multi-frame test file has them.
 */
class FramesTest {

  static final GpsTime T0 = GpsTime.ofSeconds(925484675);
  static final int RATE = 200;

  private static Event event(String name, GpsTime t, boolean simulated) {
    return new Event(simulated, name, "", "", t, 0f, 0f, 0, 1f, 0f, "", List.of(), List.of(), List.of());
  }

  private static SimData sim(String name, int second, double base) {
    double[] v = new double[RATE];
    for (int i = 0; i < RATE; i++) {
      v[i] = base + second * RATE + i;
    }
    return new SimData(name, "", RATE, 0, 0, 0f, List.of(Vect.ofDoubles(name, v, 1.0 / RATE, 0, "")), List.of());
  }

  /**
   * Ten 1-s frames, each with: two FrSimData both named sim1 (different samples), an FrSerData
   * stamped at GPS 0, an event inside the frame, and a copy of an event stamped in the first
   * frame (outside its own frame for nine of the ten).
   */
  static List<Frame> frameLikeTestFile() {
    List<Frame> frames = new ArrayList<>();
    for (int s = 0; s < 10; s++) {
      GpsTime t = T0.plusSeconds(s);
      frames.add(Frame.builder("demo", t, 1)
          .addSimData(sim("sim1", s, 0)).addSimData(sim("sim1", s, 1e6))
          .addSerData(new SerData("sms1", 0, 0, 1, "s=" + s, List.of()))
          .addEvent(event("trigger_1", t.plusNanos(500_000_000 + s * 1_000_000L), false))
          .addEvent(event("Burst_1", T0.plusNanos(200_000_000), false))
          .addEvent(event("Sim_Inspiral_2", T0.plusNanos(400_000_000), true))
          .build());
    }
    return frames;
  }

  private static List<Frames.Cut> reframe(List<List<Frame>> files, GpsTime from, int seconds, int each) {
    List<Frames.Cut> out = new ArrayList<>();
    for (int k = 0; k < seconds; k += each) {
      out.add(Frames.cutFiles(files, from.plusSeconds(k), from.plusSeconds(k + each)));
    }
    return out;
  }

  private static long count(List<Frames.Cut> cuts, String event) {
    return cuts.stream().flatMap(c -> java.util.stream.Stream.concat(c.frame().events().stream(), c.frame().simEvents().stream()))
        .filter(e -> e.name().equals(event)).count();
  }

  @Test
  void twoSimulatedChannelsOfOneNameKeepTheirOwnSamples() {
    List<Frame> in = frameLikeTestFile();
    for (int each : new int[] {1, 2, 5}) {
      for (Frames.Cut c : reframe(List.of(in), T0, 10, each)) {
        List<SimData> sims = c.frame().simData();
        assertThat(sims, hasSize(2));
        int s = (int) (c.frame().start().seconds() - T0.seconds());
        assertThat(sims.get(0).data().toDoubles()[0], equalTo((double) s * RATE));
        assertThat(sims.get(1).data().toDoubles()[0], equalTo(1e6 + s * RATE));
        assertThat(sims.get(1).data().nData(), equalTo((long) each * RATE));
      }
    }
    // Joined across frames too: the second channel's samples run on from frame to frame.
    SimData joined = Frames.cut(in, T0.plusNanos(500_000_000), T0.plusNanos(2_500_000_000L)).simData().get(1);
    double[] v = joined.data().toDoubles();
    for (int i = 0; i < v.length; i++) {
      assertThat(v[i], equalTo(1e6 + RATE / 2 + i));
    }
  }

  @Test
  void serialDataStampedAtZeroStayWithTheirFrame() {
    List<Frame> in = frameLikeTestFile();
    List<Frames.Cut> ones = reframe(List.of(in), T0, 10, 1);
    for (int s = 0; s < 10; s++) {
      assertThat(ones.get(s).frame().serData().stream().map(SerData::data).toList(), contains("s=" + s));
    }
    Frame all = Frames.cut(in, T0, T0.plusSeconds(10));
    assertThat(all.serData(), hasSize(10));
  }

  @Test
  void eventsStampedOutsideTheirFrameGoToTheFrameCoveringTheirTimeOnce() {
    List<Frame> in = frameLikeTestFile();
    for (int each : new int[] {1, 2, 5, 10}) {
      List<Frames.Cut> cuts = reframe(List.of(in), T0, 10, each);
      assertThat(each + " s", count(cuts, "Burst_1"), equalTo(10L));
      assertThat(each + " s", count(cuts, "Sim_Inspiral_2"), equalTo(10L));
      assertThat(each + " s", count(cuts, "trigger_1"), equalTo(10L));
      // All ten copies of Burst_1 (stamped at T0 + 0.2) are in the output frame covering T0.
      assertThat(cuts.get(0).frame().events().stream().filter(e -> e.name().equals("Burst_1")).count(), equalTo(10L));
      for (Frames.Cut c : cuts) {
        for (Event e : c.frame().events()) {
          assertThat(!e.time().isBefore(c.frame().start()) && e.time().isBefore(c.frame().end()), equalTo(true));
        }
        assertThat(c.unplaced(), empty());
      }
    }
  }

  @Test
  void aStructureStampedOutsideItsFileStaysWithItsFrameOnceWhateverTheOutputFrames() {
    // Two 4-s files of 1-s frames; the second file's first frame holds an event stamped in the first file.
    List<Frame> a = new ArrayList<>();
    List<Frame> b = new ArrayList<>();
    for (int s = 0; s < 8; s++) {
      Frame.Builder f = Frame.builder("demo", T0.plusSeconds(s), 1).addSimData(sim("sim1", s, 0));
      if (s == 4) {
        f.addEvent(event("late", T0.plusNanos(1_500_000_000L), false));
      }
      (s < 4 ? a : b).add(f.build());
    }
    for (int each : new int[] {1, 2, 3}) {
      long n = 0;
      for (int k = 0; k + each <= 8; k += each) {
        GpsTime from = T0.plusSeconds(k);
        GpsTime to = T0.plusSeconds(k + each);
        // As the replay does: only the files overlapping the output frame are handed to the cut.
        List<List<Frame>> files = new ArrayList<>();
        if (k < 4) {
          files.add(a);
        }
        if (k + each > 4) {
          files.add(b);
        }
        Frame f = Frames.cutFiles(files, from, to).frame();
        n += f.events().size();
        if (!f.events().isEmpty()) {
          assertThat(inside(T0.plusSeconds(4), f), equalTo(true));
        }
      }
      assertThat(each + " s frames", n, equalTo(1L));
    }
  }

  private static boolean inside(GpsTime t, Frame f) {
    return !t.isBefore(f.start()) && t.isBefore(f.end());
  }

  @Test
  void aSeriesOnlyALaterFrameHoldsIsReportedAsUnplaced() {
    Frame f0 = Frame.builder("demo", T0, 1).addSimData(sim("sim1", 0, 0)).build();
    Frame f1 = Frame.builder("demo", T0.plusSeconds(1), 1).addSimData(sim("sim1", 1, 0)).addSimData(sim("extra", 1, 0)).build();
    Frames.Cut c = Frames.cutFiles(List.of(List.of(f0, f1)), T0, T0.plusSeconds(2));
    assertThat(c.frame().simData(), hasSize(1));
    assertThat(c.unplaced(), hasSize(1));
    assertThat(c.unplaced().get(0), containsString("channel extra of the frame at GPS 925484676"));
    // Cut where that frame is the first, it is kept.
    assertThat(Frames.cut(List.of(f0, f1), T0.plusSeconds(1), T0.plusSeconds(2)).simData(), hasSize(2));
  }

  @Test
  void aSeriesALaterFrameLacksOrHoldsInAnotherTypeIsLeftOutAndReportedTheRestKept() {
    Frame f0 = Frame.builder("demo", T0, 1).addProcData(ProcData.timeSeries("X1:S", 16, new double[16]))
        .addSimData(sim("sim1", 0, 0)).addSimData(sim("gone", 0, 0)).build();
    Frame f1 = Frame.builder("demo", T0.plusSeconds(1), 1).addProcData(new ProcData("X1:S", "", ProcData.TIME_SERIES, 0, 0,
        1, 0, 0f, 0, 0, List.of(), List.of(), List.of(Vect.ofFloats("X1:S", new float[16], 1.0 / 16, 0, "")), List.of(),
        List.of())).addSimData(sim("sim1", 1, 0)).build();
    Frames.Cut c = Frames.cutFiles(List.of(List.of(f0, f1)), T0, T0.plusSeconds(2));
    assertThat(c.frame().procData(), empty());
    assertThat(c.frame().simData().stream().map(SimData::name).toList(), contains("sim1"));
    assertThat(c.frame().simData().get(0).data().nData(), equalTo(2L * RATE));
    assertThat(c.unplaced(), hasSize(2));
    assertThat(c.unplaced().get(0), containsString("channel X1:S of the frame at GPS 925484675 (REAL_8 there, REAL_4 in the frame at GPS 925484676"));
    assertThat(c.unplaced().get(1), containsString("channel gone of the frame at GPS 925484675 (absent from the frame at GPS 925484676"));
  }

  @Test
  void aFrequencySeriesGoesWholeToTheFrameCoveringItsFramesStart() {
    List<Frame> in = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      in.add(Frame.builder("demo", T0.plusSeconds(s), 1).addSimData(sim("sim1", s, 0))
          .addProcData(new ProcData("X1:PSD", "", 2, 0, 0, 0, 0, 0f, 8, 1, List.of(), List.of(),
              List.of(Vect.ofDoubles("X1:PSD", new double[] {s, s}, 4, 0, "")), List.of(), List.of())).build());
    }
    Frame joined = Frames.cut(in, T0, T0.plusSeconds(4));
    assertThat(joined.procData().stream().map(p -> p.data().toDoubles()[0]).toList(), contains(0.0, 1.0, 2.0, 3.0));
    assertThat(Frames.cut(in, T0.plusSeconds(2), T0.plusSeconds(3)).procData().get(0).data().toDoubles()[0], equalTo(2.0));
  }

  @Test
  void aProcessedChannelOfUnknownTypeOnATimeAxisIsCutAsASeries() {
    // FrameL leaves FrProcData's type 0 (unknown); its test file's fastProc has a "time (s)" axis.
    List<Frame> in = new ArrayList<>();
    for (int s = 0; s < 2; s++) {
      double[] v = new double[8];
      for (int i = 0; i < 8; i++) {
        v[i] = s * 8 + i;
      }
      in.add(Frame.builder("demo", T0.plusSeconds(s), 1)
          .addProcData(new ProcData("fastProc", "", 0, 0, 0, 0, 0, 0f, 0, 0, List.of(), List.of(),
              List.of(new Vect("fastProc", VectType.REAL_8, 8, Vect.ofDoubles("x", v, 0.125, 0, "").bytes(),
                  List.of(new Vect.Dimension(8, 0.125, 0, "time (s)")), "")), List.of(), List.of()))
          .addProcData(new ProcData("psd", "", 0, 0, 0, 0, 0, 0f, 0, 0, List.of(), List.of(),
              List.of(new Vect("psd", VectType.REAL_8, 2, Vect.ofDoubles("x", new double[] {s, s}, 1, 0, "").bytes(),
                  List.of(new Vect.Dimension(2, 4, 0, "Hz")), "")), List.of(), List.of()))
          .build());
    }
    Frame joined = Frames.cut(in, T0, T0.plusSeconds(2));
    assertThat(joined.procData().stream().map(ProcData::name).toList(), contains("fastProc", "psd", "psd"));
    double[] v = joined.procData().get(0).data().toDoubles();
    assertThat(v.length, equalTo(16));
    for (int i = 0; i < 16; i++) {
      assertThat(v[i], equalTo((double) i));
    }
  }
}
