package org.gwreplay.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gwreplay.gwf.Frame;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.gwf.GwfReader;
import org.gwreplay.replay.ReplayPlan;
import org.gwreplay.replay.ReplaySpec;
import org.gwreplay.sink.SharedDirectory;

/**
 * {@code gwreplay verify --output=DIR ...}: checks a replay's output against its plan (the same
 * options as the replay): every file must decode, carry the GPS time its name says, and lie on
 * the plan; reports holes, duplicates, files written out of GPS order, and corrupt files.
 * Exit status 0 when all is well, 1 when something is wrong, 2 for bad options.
 */
final class VerifyCommand {

  private VerifyCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    ReplayJob job;
    try {
      String[] withDry = Arrays.copyOf(args, args.length + 1);
      withDry[args.length] = "--dry-run";
      job = ReplayJob.fromArgs(withDry, Instant.now());
    } catch (IllegalArgumentException e) {
      err.println("gwreplay verify: " + e.getMessage());
      return 2;
    }
    SharedDirectory directory = job.directory();
    if (directory == null) {
      err.println("gwreplay verify: verify reads an output directory; for a Kafka output, run gwreplay consume into one and verify that");
      return 2;
    }
    ReplaySpec spec = job.spec();
    boolean ok = true;
    for (String d : spec.detectors()) {
      try {
        ok &= verify(spec, d, directory, out);
      } catch (IOException e) {
        err.println("gwreplay verify: cannot read " + directory.directoryFor(d) + ": " + e.getMessage());
        return 2;
      }
    }
    out.println(ok ? "verify: OK" : "verify: PROBLEMS FOUND");
    return ok ? 0 : 1;
  }

  private static boolean verify(ReplaySpec spec, String detector, SharedDirectory directory, PrintStream out) throws IOException {
    long shift = spec.shiftSeconds();
    Map<Long, List<Path>> byStart = new TreeMap<>();
    List<String> corrupt = new ArrayList<>();
    List<String> offPlan = new ArrayList<>();
    List<long[]> mtimes = new ArrayList<>();
    for (SharedDirectory.FrameFile f : directory.frames(detector)) {
      FrameFileName n = f.name();
      // A loop's later passes hold the first pass's data one period later each.
      long dataStart = ReplayPlan.dataTime(spec.segments(), spec.frameDuration(), spec.loopPasses(), n.gpsStart() - shift);
      if (n.duration() != spec.frameDuration() || !onPlan(spec, dataStart)) {
        offPlan.add(n.toString());
        continue;
      }
      byStart.computeIfAbsent(n.gpsStart(), k -> new ArrayList<>()).add(f.path());
      mtimes.add(new long[] {n.gpsStart(), Files.getLastModifiedTime(f.path()).toMillis()});
      String problem = check(f.path(), n);
      if (problem != null) {
        corrupt.add(n + ": " + problem);
      }
    }
    long perPass = spec.segments().livetime() / spec.frameDuration();
    String expected = !spec.loops() ? String.valueOf(perPass)
        : spec.loopPasses() == ReplaySpec.LOOP_FOREVER ? perPass + " per pass (a loop forever)" : String.valueOf(perPass * spec.loopPasses());
    java.util.NavigableSet<Long> present = new java.util.TreeSet<>();
    byStart.keySet().forEach(s -> present.add(s - shift));
    List<String> holes = holes(spec, present);
    long duplicates = byStart.values().stream().filter(l -> l.size() > 1).count();
    mtimes.sort((a, b) -> Long.compare(a[0], b[0]));
    long outOfOrder = 0;
    long latest = Long.MIN_VALUE;
    for (long[] m : mtimes) {
      if (m[1] < latest) {
        outOfOrder++;
      }
      latest = Math.max(latest, m[1]);
    }
    out.printf("%s: %d of %s planned frames present in %s; %d holes, %d duplicated, %d corrupt, %d off-plan, %d written out of order%n",
        detector, byStart.size(), expected, directory.directoryFor(detector), holes.size(), duplicates, corrupt.size(), offPlan.size(), outOfOrder);
    holes.stream().limit(20).forEach(h -> out.println("  hole " + h));
    corrupt.stream().limit(20).forEach(c -> out.println("  corrupt " + c));
    offPlan.stream().limit(20).forEach(c -> out.println("  off-plan " + c));
    return holes.isEmpty() && duplicates == 0 && corrupt.isEmpty() && offPlan.isEmpty();
  }

  private static boolean onPlan(ReplaySpec spec, long dataStart) {
    return dataStart % spec.frameDuration() == 0
        && spec.segments().segments().stream().anyMatch(s -> dataStart >= s.start() && dataStart + spec.frameDuration() <= s.end());
  }

  /**
   * Spans of planned frames (replay time, before any shift) with no file. A loop is checked from
   * its oldest file present (earlier passes expire) to its end, or to its newest file when it
   * runs forever.
   */
  private static List<String> holes(ReplaySpec spec, java.util.NavigableSet<Long> present) {
    List<String> holes = new ArrayList<>();
    org.gwreplay.time.SegmentList missing = !spec.loops() ? ReplayPlan.missingSpans(spec.segments(), spec.frameDuration(), present)
        : present.isEmpty() ? ReplayPlan.missingSpans(spec.segments(), spec.frameDuration(), present)
        : ReplayPlan.missingSpans(spec.segments(), spec.frameDuration(), spec.loopPasses(), present, present.first(),
            spec.loopPasses() == ReplaySpec.LOOP_FOREVER ? present.last() + spec.frameDuration() : spec.replayEnd());
    for (org.gwreplay.time.Segment h : missing.segments()) {
      holes.add(h + " (" + h.duration() + " s of data)");
    }
    return holes;
  }

  /** Null when the file decodes and its first frame starts where its name says; else why not. */
  private static String check(Path p, FrameFileName n) {
    try {
      List<Frame> frames = GwfReader.read(p);
      if (frames.isEmpty()) {
        return "no frame in the file";
      }
      if (frames.get(0).start().seconds() != n.gpsStart() || frames.get(0).start().nanos() != 0) {
        return "first frame starts at GPS " + frames.get(0).start() + ", not " + n.gpsStart();
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return e.getMessage();
    }
  }
}
