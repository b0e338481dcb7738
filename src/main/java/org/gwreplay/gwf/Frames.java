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

  /** A cut frame, and a line for each structure of the input that it could not place. */
  public record Cut(Frame frame, List<String> unplaced) {
    public Cut {
      unplaced = List.copyOf(unplaced);
    }
  }

  /**
   * One frame covering exactly [start, end), cut out of (or joined across) consecutive frames that
   * together cover it, all taken as one file; see {@link #cutFiles}.
   */
  public static Frame cut(List<Frame> covering, GpsTime start, GpsTime end) {
    return cutFiles(List.of(covering), start, end).frame();
  }

  /**
   * One frame covering exactly [start, end), cut out of (or joined across) the frames of the
   * files that cover it. Every time-series channel is sliced sample-exact; channels are matched
   * across frames by kind, name and rank among channels of that name, so two channels of one name
   * stay two. Structures stamped with a GPS time (FrEvent, FrSimEvent, FrSerData; absolute GPS
   * times in LIGO-T970130) go to the output frame covering their time when their file covers it,
   * whichever of the file's frames holds them; one stamped outside its file (a time never set, 0
   * say) goes with the frame it came in, to the output frame covering that frame's start. Other
   * channels (frequency series, say) go, whole, to the output frame covering their frame's start.
   * So each input structure lands in exactly one of the output frames cut from the same files.
   * Metadata (name, run, detectors, history) come from the first frame used.
   *
   * @param files the frames of each file, a list per file: what "its file covers" means
   * @throws IllegalArgumentException when the frames leave part of the span uncovered or the
   *     span's edges fall between samples
   */
  public static Cut cutFiles(List<List<Frame>> files, GpsTime start, GpsTime end) {
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("cut end " + end + " is not after its start " + start);
    }
    List<Frame> used = new ArrayList<>();
    for (List<Frame> file : files) {
      for (Frame f : file) {
        if (f.start().isBefore(end) && f.end().isAfter(start)) {
          used.add(f);
        }
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
    List<String> unplaced = new ArrayList<>();
    for (Channel c : series(first.adcData(), used, spans, start, end, Frame::adcData, unplaced)) {
      b.addAdcData((AdcData) c);
    }
    for (Channel c : series(first.procData(), used, spans, start, end, Frame::procData, unplaced)) {
      ProcData p = (ProcData) c;
      b.addProcData(isSeries(p) ? p.withTRange(spanNanos / 1e9) : p);
    }
    for (Channel c : series(first.simData(), used, spans, start, end, Frame::simData, unplaced)) {
      b.addSimData((SimData) c);
    }
    placeWhole(files, first, start, end, b);
    return new Cut(b.build(), unplaced);
  }

  /**
   * Adds what goes whole into [start, end) from every frame of the files: events and serial data
   * by {@link #home}, channels that are not time series (other than the first frame's, already
   * added in their order) by their frame's start.
   */
  private static void placeWhole(List<List<Frame>> files, Frame first, GpsTime start, GpsTime end, Frame.Builder b) {
    for (List<Frame> file : files) {
      GpsTime fileStart = file.stream().map(Frame::start).min(Comparator.naturalOrder()).orElse(start);
      GpsTime fileEnd = file.stream().map(Frame::end).max(Comparator.naturalOrder()).orElse(start);
      for (Frame f : file) {
        // Whole channels that are not time series belong to the output frame covering their frame's start.
        if (f != first && inside(f.start(), start, end)) {
          f.adcData().stream().filter(c -> !isSeries(c)).forEach(b::addAdcData);
          f.procData().stream().filter(c -> !isSeries(c)).forEach(b::addProcData);
          f.simData().stream().filter(c -> !isSeries(c)).forEach(b::addSimData);
        }
        for (Event e : f.events()) {
          if (inside(home(e.time(), f, fileStart, fileEnd), start, end)) {
            b.addEvent(e);
          }
        }
        for (Event e : f.simEvents()) {
          if (inside(home(e.time(), f, fileStart, fileEnd), start, end)) {
            b.addEvent(e);
          }
        }
        for (SerData s : f.serData()) {
          GpsTime t = s.timeNsec() < 1_000_000_000L ? new GpsTime(s.timeSec(), (int) s.timeNsec()) : null;
          if (inside(home(t, f, fileStart, fileEnd), start, end)) {
            b.addSerData(s);
          }
        }
      }
    }
  }

  /** Where a structure stamped {@code t} belongs: its time if its file covers it, else its frame's start. */
  private static GpsTime home(GpsTime t, Frame f, GpsTime fileStart, GpsTime fileEnd) {
    return t != null && inside(t, fileStart, fileEnd) ? t : f.start();
  }

  /**
   * Whether a channel's first vector is a time series that can be sliced by time. A processed
   * channel says so by its type; of type 0 (unknown, as FrameL leaves it) by a time axis.
   */
  private static boolean isSeries(Channel c) {
    if (c.vectors().isEmpty()) {
      return false;
    }
    Vect v0 = c.data();
    if (v0.dims().size() != 1 || v0.type() == VectType.STRING || !(v0.dx() > 0)) {
      return false;
    }
    if (c instanceof ProcData p && p.type() != ProcData.TIME_SERIES) {
      return p.type() == 0 && isTimeAxis(v0.dims().get(0).unitX());
    }
    return true;
  }

  /** A unit of time as frame writers name the x axis: "s", "Time (sec)", "time (s)". */
  private static boolean isTimeAxis(String unitX) {
    String u = unitX.trim().toLowerCase(java.util.Locale.ROOT);
    return u.equals("s") || u.contains("time") || u.contains("sec");
  }

  /**
   * The channels of the first frame in their order: each time series cut from every frame of the
   * chain, others whole if the first frame starts in [start, end). A series that some frame of
   * the chain lacks (or holds in another type) cannot be cut for the whole span, nor can one
   * that a later frame of the chain has and the first lacks: each is left out and named in
   * {@code unplaced}, and the other channels still make the frame.
   */
  private static List<Channel> series(List<? extends Channel> firsts, List<Frame> frames, List<GpsTime[]> spans,
      GpsTime start, GpsTime end, java.util.function.Function<Frame, List<? extends Channel>> of, List<String> unplaced) {
    List<Channel> out = new ArrayList<>();
    for (int i = 0; i < firsts.size(); i++) {
      Channel c = firsts.get(i);
      if (isSeries(c)) {
        String lacking = lacking(c, rank(firsts, i), frames, of);
        if (lacking == null) {
          out.add(cutChannel(c, rank(firsts, i), frames, spans, start, of));
        } else {
          unplaced.add("channel " + c.name() + " of the frame at GPS " + frames.get(0).start() + " (" + lacking
              + ", so not cut for " + start + " to " + end + ")");
        }
      } else if (inside(frames.get(0).start(), start, end)) {
        out.add(c); // whole, in the output frame covering its frame's start
      }
    }
    for (int k = 1; k < frames.size(); k++) {
      List<? extends Channel> later = of.apply(frames.get(k));
      for (int i = 0; i < later.size(); i++) {
        Channel c = later.get(i);
        if (isSeries(c) && match(firsts, c.name(), rank(later, i)) == null) {
          unplaced.add("channel " + c.name() + " of the frame at GPS " + frames.get(k).start()
              + " (absent from the frame at GPS " + frames.get(0).start() + ", so not cut for " + spans.get(k)[0] + ")");
        }
      }
    }
    return out;
  }

  /** Why the channel cannot be joined across {@code frames} (a frame lacks it, or has it in another type), or null. */
  private static String lacking(Channel c, int rank, List<Frame> frames,
      java.util.function.Function<Frame, List<? extends Channel>> of) {
    for (Frame f : frames) {
      Channel fc = match(of.apply(f), c.name(), rank);
      if (fc == null || !isSeries(fc)) {
        return "absent from the frame at GPS " + f.start();
      }
      if (fc.data().type() != c.data().type()) {
        return c.data().type() + " there, " + fc.data().type() + " in the frame at GPS " + f.start();
      }
    }
    return null;
  }

  /** How many channels before {@code i} in {@code list} share its name. */
  private static int rank(List<? extends Channel> list, int i) {
    int r = 0;
    for (int k = 0; k < i; k++) {
      if (list.get(k).name().equals(list.get(i).name())) {
        r++;
      }
    }
    return r;
  }

  /** The {@code rank}-th channel named {@code name} in {@code list}, or null. */
  private static Channel match(List<? extends Channel> list, String name, int rank) {
    int r = 0;
    for (Channel c : list) {
      if (c.name().equals(name) && r++ == rank) {
        return c;
      }
    }
    return null;
  }

  private static boolean inside(GpsTime t, GpsTime start, GpsTime end) {
    return !t.isBefore(start) && t.isBefore(end);
  }

  /**
   * A time-series channel's samples for [start, end), joined from each frame's part: in each
   * frame, the channel of the same name and rank. Only the first vector is the series; further
   * vectors (auxiliary data, rare in strain frames, with no time axis the specification defines)
   * are kept from the first frame as they are.
   */
  private static Channel cutChannel(Channel c, int rank, List<Frame> frames, List<GpsTime[]> spans, GpsTime start,
      java.util.function.Function<Frame, List<? extends Channel>> of) {
    Vect v0 = c.data();
    List<Vect> parts = new ArrayList<>();
    for (int k = 0; k < frames.size(); k++) {
      Frame f = frames.get(k);
      Channel fc = match(of.apply(f), c.name(), rank);
      if (fc == null || !isSeries(fc)) {
        throw new IllegalArgumentException("channel " + c.name() + (rank > 0 ? " (number " + (rank + 1) + " of that name)" : "")
            + " is missing from the frame at GPS " + f.start());
      }
      Vect v = fc.data();
      if (v.type() != v0.type()) {
        throw new IllegalArgumentException("channel " + c.name() + " is " + v0.type() + " in the frame at GPS "
            + frames.get(0).start() + " but " + v.type() + " in the frame at GPS " + f.start());
      }
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
    joined = joined.withDims(List.of(new Vect.Dimension(d.nx(), d.dx(), startX, d.unitX())));
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
