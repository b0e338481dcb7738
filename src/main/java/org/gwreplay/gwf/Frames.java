package org.gwreplay.gwf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.gwreplay.time.GpsTime;

/** Operations across frames: cutting a span out of them, and joining them. */
public final class Frames {

  /** How far (in samples) a cut may fall from a sample boundary and still count as on it. */
  private static final double ON_SAMPLE = 1e-6;

  private Frames() {}

  /**
   * One frame covering exactly [start, end), cut out of (or joined across) consecutive frames that
   * together cover it: every time-series channel sliced sample-exact, events and serial data kept
   * when they fall inside. Metadata (name, run, detectors, history) come from the first frame used.
   *
   * @throws IllegalArgumentException when the frames leave part of the span uncovered, a channel
   *     is missing from one of them, or the span's edges fall between samples
   */
  public static Frame cut(List<Frame> covering, GpsTime start, GpsTime end) {
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("cut end " + end + " is not after its start " + start);
    }
    List<Frame> used = new ArrayList<>();
    for (Frame f : covering) {
      if (f.start().isBefore(end) && f.end().isAfter(start)) {
        used.add(f);
      }
    }
    used.sort(Comparator.comparing(Frame::start));
    // Each frame contributes only the time not yet covered, so overlapping inputs give no sample twice.
    List<Frame> chain = new ArrayList<>();
    List<GpsTime[]> spans = new ArrayList<>();
    GpsTime covered = start;
    for (Frame f : used) {
      if (f.start().isAfter(covered)) {
        break;
      }
      if (f.end().isAfter(covered)) {
        GpsTime to = earlier(end, f.end());
        chain.add(f);
        spans.add(new GpsTime[] {covered, to});
        covered = to;
      }
    }
    if (chain.isEmpty() || covered.isBefore(end)) {
      throw new IllegalArgumentException("frames cover " + start + " to " + end + " only up to " + covered);
    }
    used = chain;
    Frame first = used.get(0);
    long spanNanos = end.totalNanos() - start.totalNanos();
    Frame.Builder b = Frame.builder(first.name(), start, spanNanos / 1e9)
        .run(first.run()).frameNumber(first.frameNumber()).leapSeconds(first.leapSeconds())
        .rawDataName(first.rawDataName());
    long dq = 0;
    for (Frame f : used) {
      dq |= f.dataQuality();
    }
    b.dataQuality(dq);
    first.detectSim().forEach(b::addDetectSim);
    first.detectProc().forEach(b::addDetector);
    first.history().forEach(b::addHistory);
    first.type().forEach(b::addType);
    first.user().forEach(b::addUser);
    first.auxData().forEach(b::addAuxData);
    for (AdcData a : first.adcData()) {
      b.addAdcData((AdcData) cutChannel(a, used, spans, start, Frame::adcData));
    }
    for (ProcData p : first.procData()) {
      ProcData c = (ProcData) cutChannel(p, used, spans, start, Frame::procData);
      b.addProcData(c.type() == ProcData.TIME_SERIES ? c.withTRange(spanNanos / 1e9) : c);
    }
    for (SimData s : first.simData()) {
      b.addSimData((SimData) cutChannel(s, used, spans, start, Frame::simData));
    }
    for (int k = 0; k < used.size(); k++) {
      Frame f = used.get(k);
      GpsTime from = spans.get(k)[0];
      GpsTime to = spans.get(k)[1];
      for (Event e : f.events()) {
        if (inside(e.time(), from, to)) {
          b.addEvent(e);
        }
      }
      for (Event e : f.simEvents()) {
        if (inside(e.time(), from, to)) {
          b.addEvent(e);
        }
      }
      for (SerData s : f.serData()) {
        if (s.timeNsec() < 1_000_000_000L && inside(new GpsTime(s.timeSec(), (int) s.timeNsec()), from, to)) {
          b.addSerData(s);
        }
      }
    }
    return b.build();
  }

  private static boolean inside(GpsTime t, GpsTime start, GpsTime end) {
    return !t.isBefore(start) && t.isBefore(end);
  }

  /**
   * A channel's samples for [start, end), joined from each frame's part. A channel that is not a
   * one-dimensional series (a frequency series, say) is taken from the first frame as it is. Only
   * the first vector is the series; further vectors (auxiliary data, rare in strain frames, with
   * no time axis the specification defines) are kept from the first frame as they are.
   */
  private static Channel cutChannel(Channel c, List<Frame> frames, List<GpsTime[]> spans, GpsTime start,
      java.util.function.Function<Frame, List<? extends Channel>> of) {
    Vect v0 = c.data();
    if (v0.dims().size() != 1 || v0.type() == VectType.STRING || v0.dx() <= 0
        || (c instanceof ProcData p && p.type() != ProcData.TIME_SERIES)) {
      return c;
    }
    List<Vect> parts = new ArrayList<>();
    for (int k = 0; k < frames.size(); k++) {
      Frame f = frames.get(k);
      Channel fc = of.apply(f).stream().filter(x -> x.name().equals(c.name())).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("channel " + c.name() + " is missing from the frame at GPS " + f.start()));
      Vect v = fc.data();
      // Sample i of this frame's channel lies at frameStart + timeOffset + startX + i * dx.
      double origin = seconds(f.start(), start) + fc.timeOffset() + v.startX();
      GpsTime from = spans.get(k)[0];
      GpsTime to = spans.get(k)[1];
      long i0 = sampleIndex((seconds(from, start) - origin) / v.dx(), c.name(), from);
      long i1 = sampleIndex((seconds(to, start) - origin) / v.dx(), c.name(), to);
      if (i0 < 0 || i1 > v.nData()) {
        throw new IllegalArgumentException("channel " + c.name() + " holds no samples for " + from + " to " + to);
      }
      parts.add(v.slice(i0, i1 - i0));
    }
    Vect joined = Vect.concat(parts);
    long expected = Math.round(seconds(spans.get(spans.size() - 1)[1], spans.get(0)[0]) / v0.dx());
    if (joined.nData() != expected) {
      throw new IllegalArgumentException("channel " + c.name() + ": " + joined.nData() + " samples for " + expected + " expected");
    }
    // The new frame starts at `start`: the first kept sample is its origin, less the channel's offset.
    double startX = parts.get(0).startX() + seconds(frames.get(0).start(), start);
    if (Math.abs(startX) < 1e-9) {
      startX = 0; // rounding of i * dx, not a real offset
    }
    Vect.Dimension d = joined.dims().get(0);
    joined = new Vect(joined.name(), joined.type(), joined.nData(), joined.rawBytes(),
        List.of(new Vect.Dimension(d.nx(), d.dx(), startX, d.unitX())), joined.unitY());
    List<Vect> vectors = new ArrayList<>(c.vectors());
    vectors.set(0, joined);
    return c.with(c.name(), vectors);
  }

  /** Seconds from {@code origin} to {@code t}. */
  private static double seconds(GpsTime t, GpsTime origin) {
    return (t.totalNanos() - origin.totalNanos()) / 1e9;
  }

  private static long sampleIndex(double x, String channel, GpsTime at) {
    long i = Math.round(x);
    if (Math.abs(x - i) > ON_SAMPLE) {
      throw new IllegalArgumentException("cannot cut channel " + channel + " at GPS " + at + ": it falls between samples");
    }
    return i;
  }


  private static GpsTime earlier(GpsTime a, GpsTime b) {
    return a.isBefore(b) ? a : b;
  }
}
