package org.gwreplay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gwreplay.gwf.Detectors;
import org.gwreplay.gwf.Frame;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.gwf.GwfReader;
import org.gwreplay.gwf.ProcData;
import org.gwreplay.time.GpsTime;

/**
 * Checks one detector's output after the soak against what the lake held: every expected 1-s
 * frame is there once, intact and holding the right samples, or is missing because every
 * replica of its archive file was bad, with the replay saying so (the gap line in its log, the
 * span in its summary).
 */
final class SoakCheck {

  /** A gap as the replay logged it: {@code gap H1 1238166018-1238166082 (64 s): reason}. */
  static final Pattern GAP_LINE = Pattern.compile("\\bgap (\\S+) (\\d+)-(\\d+) \\((\\d+) s\\): (.*)$");
  /** A span without files in the end-of-run summary. */
  static final Pattern SUMMARY_SPAN = Pattern.compile("^\\s*(\\S+): no files for GPS (\\d+)-(\\d+) ");

  /** What was found for one detector. */
  static final class Result {
    final String detector;
    long expected;
    long written;
    long missingWithReason;
    long missingWithoutReason;
    /** Missing seconds outside the files whose replicas were all bad. */
    long missingUnexpected;
    /** Seconds of files whose replicas were all bad that were written anyway. */
    long expectedGapsWritten;
    /** Seconds covered by more than one file in the output. */
    long duplicatedByName;
    /** Seconds that appeared more than once (inotify). */
    long duplicatedByArrival;
    /** Files present that inotify never saw appear. */
    long arrivalsNotSeen;
    long corrupt;
    /** Hidden temporaries or names that are not 1-s frames of this detector inside the run. */
    long stray;
    int expectedGapFiles;
    /** Files with every replica bad whose gap reason names the file and each replica's failure. */
    int reasonsNamingTheFailure;
    boolean summaryMatches;
    final List<String> problems = new ArrayList<>();

    Result(String detector) {
      this.detector = detector;
    }

    boolean holds() {
      return missingWithoutReason == 0 && missingUnexpected == 0 && expectedGapsWritten == 0 && duplicatedByName == 0
          && duplicatedByArrival == 0 && corrupt == 0 && stray == 0 && reasonsNamingTheFailure == expectedGapFiles
          && summaryMatches;
    }

    void problem(String p) {
      synchronized (problems) {
        if (problems.size() < 10) {
          problems.add(detector + ": " + p);
        }
      }
    }
  }

  private final Path output;
  private final long start;
  private final long end;
  private final SoakStrain strain;
  private final FaultPlan plan;
  private final List<String> logLines;
  private final String summary;

  SoakCheck(Path output, long start, long end, SoakStrain strain, FaultPlan plan, Path log, String summary) throws IOException {
    this.output = output;
    this.start = start;
    this.end = end;
    this.strain = strain;
    this.plan = plan;
    // Only the gap lines are kept: the log of a long run is large.
    try (Stream<String> lines = Files.lines(log)) {
      this.logLines = lines.filter(l -> GAP_LINE.matcher(l).find()).toList();
    }
    this.summary = summary;
  }

  Result check(String detector, byte[] arrivals) throws IOException {
    Result r = new Result(detector);
    int n = Math.toIntExact(end - start);
    r.expected = n;
    byte[] files = new byte[n];
    readOutput(detector, files, r);

    // Reasons the replay gave, second by second (null: none).
    String[] reasons = new String[n];
    for (String line : logLines) {
      Matcher m = GAP_LINE.matcher(line);
      if (m.find() && m.group(1).equals(detector)) {
        for (long t = Math.max(start, Long.parseLong(m.group(2))); t < Math.min(end, Long.parseLong(m.group(3))); t++) {
          reasons[(int) (t - start)] = m.group(5);
        }
      }
    }
    boolean[] expectedGap = new boolean[n];
    for (FaultPlan.FileFaults f : plan.allBadFiles()) {
      if (f.detector().equals(detector) && f.name().gpsEnd() > start && f.name().gpsStart() < end) {
        r.expectedGapFiles++;
        long from = Math.max(start, f.name().gpsStart());
        long to = Math.min(end, f.name().gpsEnd());
        for (long t = from; t < to; t++) {
          expectedGap[(int) (t - start)] = true;
        }
        String why = reasons[(int) (from - start)];
        if (namesTheFailure(why, f)) {
          r.reasonsNamingTheFailure++;
        } else {
          r.problem("gap " + from + "-" + to + " of " + f.name() + " (replicas " + f.replicas() + ") has reason: " + why);
        }
      }
    }
    TreeMap<Long, Long> missingSpans = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      long t = start + i;
      if (files[i] > 0) {
        r.written++;
        if (files[i] > 1) {
          r.duplicatedByName++;
          r.problem(files[i] + " files for GPS " + t);
        }
        if (arrivals[i] > 1) {
          r.duplicatedByArrival++;
          r.problem("GPS " + t + " appeared " + arrivals[i] + " times");
        } else if (arrivals[i] == 0) {
          r.arrivalsNotSeen++;
        }
        if (expectedGap[i]) {
          r.expectedGapsWritten++;
        }
        continue;
      }
      Map.Entry<Long, Long> last = missingSpans.lastEntry();
      if (last != null && last.getValue() == t) {
        missingSpans.put(last.getKey(), t + 1);
      } else {
        missingSpans.put(t, t + 1);
      }
      if (reasons[i] != null) {
        r.missingWithReason++;
      } else {
        r.missingWithoutReason++;
      }
      if (!expectedGap[i]) {
        r.missingUnexpected++;
      }
    }
    for (Map.Entry<Long, Long> s : missingSpans.entrySet()) {
      if (!expectedGap[(int) (s.getKey() - start)] || reasons[(int) (s.getKey() - start)] == null) {
        r.problem("missing GPS " + s.getKey() + "-" + s.getValue() + ": " + reasons[(int) (s.getKey() - start)]);
      }
    }
    TreeMap<Long, Long> summarised = summarySpans(detector);
    r.summaryMatches = summarised.equals(missingSpans);
    if (!r.summaryMatches) {
      r.problem("summary lists spans " + summarised + ", output misses " + missingSpans);
    }
    return r;
  }

  /** A failed download attempt or catalog call as the replay logs each one (and counts it as a retry). */
  static final Pattern FAILURE_LINE = Pattern.compile("\\[WARN\\] (ReplicaDownloader - .* attempt \\d+/\\d+ failed: "
      + "|RucioClient - .*\\(attempt \\d+/\\d+\\)$)");

  /** Failed attempts the replay logged: what its retries metric must add up to. */
  static long failuresLogged(Path log) throws IOException {
    try (Stream<String> lines = Files.lines(log)) {
      return lines.filter(l -> FAILURE_LINE.matcher(l).find()).count();
    }
  }

  /** The gap lines of the replay's log. */
  List<String> gapLines() {
    return logLines;
  }

  /** The reason names the archive file and, for each replica, its RSE and what went wrong. */
  static boolean namesTheFailure(String reason, FaultPlan.FileFaults f) {
    if (reason == null || !reason.contains(f.name().toString())) {
      return false;
    }
    for (FaultPlan.Kind k : f.replicas()) {
      int at = reason.indexOf(k.rse() + " ");
      // The text after this replica's RSE, up to the next replica's entry.
      String own = at < 0 ? "" : reason.substring(at, indexOrEnd(reason, "; ", at));
      if (!k.reason.matcher(own).find()) {
        return false;
      }
    }
    return true;
  }

  private static int indexOrEnd(String s, String what, int from) {
    int i = s.indexOf(what, from);
    return i < 0 ? s.length() : i;
  }

  private TreeMap<Long, Long> summarySpans(String detector) {
    TreeMap<Long, Long> spans = new TreeMap<>();
    for (String line : summary.split("\n")) {
      Matcher m = SUMMARY_SPAN.matcher(line);
      if (m.find() && m.group(1).equals(detector)) {
        spans.put(Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
      }
    }
    return spans;
  }

  /** Reads every file of the detector's directory back (in parallel: tens of thousands of files). */
  private void readOutput(String detector, byte[] files, Result r) throws IOException {
    Path dir = output.resolve(detector);
    List<Path> all;
    try (Stream<Path> s = Files.list(dir)) {
      all = s.toList();
    }
    AtomicLong corrupt = new AtomicLong();
    ConcurrentLinkedQueue<Integer> seconds = new ConcurrentLinkedQueue<>();
    all.parallelStream().forEach(p -> {
      String fileName = p.getFileName().toString();
      FrameFileName name = FrameFileName.tryParse(fileName);
      if (fileName.startsWith(".") || name == null || name.duration() != 1 || name.gpsStart() < start
          || name.gpsStart() >= end || !name.observatory().equals(Detectors.site(detector))) {
        synchronized (r) {
          r.stray++;
        }
        r.problem("stray file " + fileName);
        return;
      }
      seconds.add((int) (name.gpsStart() - start));
      String bad = verify(p, detector, name);
      if (bad != null) {
        corrupt.incrementAndGet();
        r.problem("corrupt " + fileName + ": " + bad);
      }
    });
    for (int i : seconds) {
      if (files[i] < Byte.MAX_VALUE) {
        files[i]++;
      }
    }
    r.corrupt = corrupt.get();
  }

  /** Null when the file reads back (checksums verified by the reader) as the right second of strain. */
  private String verify(Path p, String detector, FrameFileName name) {
    List<Frame> frames;
    try {
      frames = GwfReader.read(p);
    } catch (IOException e) {
      return e.getMessage();
    }
    if (frames.size() != 1) {
      return frames.size() + " frames";
    }
    Frame f = frames.get(0);
    if (!f.start().equals(GpsTime.ofSeconds(name.gpsStart())) || f.duration() != 1.0) {
      return "frame starts " + f.start() + " and lasts " + f.duration() + " s";
    }
    ProcData strainChannel = f.procData().stream().filter(c -> c.name().equals(SoakStrain.channel(detector)))
        .findFirst().orElse(null);
    if (strainChannel == null || f.procData().size() != 1 || !f.adcData().isEmpty()) {
      return "channels " + f.channels().stream().map(org.gwreplay.gwf.Channel::name).toList();
    }
    if (!Arrays.equals(strainChannel.data().toDoubles(), strain.second(detector, name.gpsStart()))) {
      return "samples differ from the source strain of that second";
    }
    return null;
  }
}
