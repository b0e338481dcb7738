package org.gwreplay.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.gwreplay.gwf.Detectors;
import org.gwreplay.gwf.FrameFileName;

/**
 * Which replicas of each archive file in the soak's lake are sick, decided from a seed alone, so
 * every run with the same settings injects exactly the same faults and the outcome can be
 * predicted: which GPS spans must be gaps, and how many download attempts must fail.
 */
final class FaultPlan {

  /** What one replica URL does when asked for the file. */
  enum Kind {
    /** A healthy copy on the xrootd storage element. */
    OK("(?!)"),
    /** Answers 500. */
    HTTP_500("HTTP 500"),
    /** Sends half the body, then closes the connection. */
    SHORT("reading the body|size \\d+ bytes"),
    /** Sends the right length of wrong bytes. */
    CORRUPT("corrupt \\(adler32"),
    /** Real storage serving a copy with one byte flipped. */
    BITFLIP("corrupt \\(adler32"),
    /** Sends half the body, then stalls. */
    STALL("body not complete within|timed out"),
    /** Never answers (the client's request timeout and the download deadline race: either names it). */
    HANG("no answer within|timed out");

    /** What the download error says for this kind. */
    final java.util.regex.Pattern reason;

    Kind(String reason) {
      this.reason = java.util.regex.Pattern.compile(reason);
    }

    /** The RSE name the catalog shows for a sick replica of this kind. */
    String rse() {
      return this == BITFLIP ? "BITFLIP_XRD" : "SICK_" + name();
    }
  }

  /** Sick kinds and their weights: stalls and hangs cost whole download timeouts, so they are rarer. */
  private static final Kind[] SICK = {Kind.HTTP_500, Kind.SHORT, Kind.CORRUPT, Kind.BITFLIP, Kind.STALL, Kind.HANG};
  private static final double[] WEIGHT = {0.25, 0.20, 0.20, 0.20, 0.10, 0.05};

  /** One archive file and its replicas in the catalog's priority order. */
  record FileFaults(String detector, FrameFileName name, List<Kind> replicas) {
    boolean allBad() {
      return !replicas.contains(Kind.OK);
    }

    /** Download attempts that fail before the first healthy replica (all of them when none is). */
    int failedAttempts(int attemptsPerUrl) {
      int sick = 0;
      for (Kind k : replicas) {
        if (k == Kind.OK) {
          break;
        }
        sick++;
      }
      return sick * attemptsPerUrl;
    }
  }

  private final List<FileFaults> files;

  private FaultPlan(List<FileFaults> files) {
    this.files = files;
  }

  /**
   * Plans the files covering [lakeStart, lakeEnd) in {@code fileSeconds}-s files for each detector:
   * 2 or 3 replicas each, each replica sick with probability {@code sickFraction} (at least one
   * healthy), except {@code allBadPerDetector} files per detector, spread over the run, whose
   * every replica is sick (kinds rotating so every kind appears among them).
   */
  static FaultPlan create(List<String> detectors, long lakeStart, long lakeEnd, long fileSeconds, double sickFraction,
      int allBadPerDetector, long seed) {
    List<FileFaults> out = new ArrayList<>();
    int rotation = 0;
    for (String d : detectors) {
      int n = (int) ((lakeEnd - lakeStart) / fileSeconds);
      SplittableRandom random = new SplittableRandom(seed * 31 + d.hashCode());
      TreeSet<Integer> bad = allBadIndices(n, allBadPerDetector, random);
      for (int i = 0; i < n; i++) {
        FrameFileName name = new FrameFileName(Detectors.site(d), d + "_llhoft", lakeStart + i * fileSeconds, fileSeconds);
        int replicas = random.nextDouble() < 0.6 ? 2 : 3;
        List<Kind> kinds = new ArrayList<>();
        if (bad.contains(i)) {
          for (int r = 0; r < replicas; r++) {
            kinds.add(SICK[(rotation + r) % SICK.length]);
          }
          rotation += replicas;
        } else {
          for (int r = 0; r < replicas; r++) {
            kinds.add(random.nextDouble() < sickFraction ? pick(random) : Kind.OK);
          }
          if (!kinds.contains(Kind.OK)) {
            kinds.set(random.nextInt(replicas), Kind.OK);
          }
        }
        out.add(new FileFaults(d, name, List.copyOf(kinds)));
      }
    }
    return new FaultPlan(List.copyOf(out));
  }

  /** Evenly spread over the files (never the first or last two), with some seeded jitter, never adjacent. */
  private static TreeSet<Integer> allBadIndices(int n, int count, SplittableRandom random) {
    TreeSet<Integer> bad = new TreeSet<>();
    if (n < 5) {
      return bad;
    }
    for (int k = 1; k <= count; k++) {
      int centre = (int) ((long) k * n / (count + 1));
      int jitter = Math.max(1, n / (4 * (count + 1)));
      int i = Math.max(2, Math.min(n - 3, centre + random.nextInt(-jitter, jitter + 1)));
      // The nearest index with no bad neighbour; none left in a short run: fewer bad files.
      for (int step = 0; step < n; step++) {
        int j = i + (step % 2 == 0 ? step / 2 : -(step / 2 + 1));
        if (j >= 2 && j <= n - 3 && !bad.contains(j) && !bad.contains(j - 1) && !bad.contains(j + 1)) {
          bad.add(j);
          break;
        }
      }
    }
    return bad;
  }

  private static Kind pick(SplittableRandom random) {
    double x = random.nextDouble();
    for (int i = 0; i < SICK.length; i++) {
      x -= WEIGHT[i];
      if (x < 0) {
        return SICK[i];
      }
    }
    return SICK[SICK.length - 1];
  }

  List<FileFaults> files() {
    return files;
  }

  List<FileFaults> allBadFiles() {
    return files.stream().filter(FileFaults::allBad).toList();
  }

  int replicaCount() {
    return files.stream().mapToInt(f -> f.replicas().size()).sum();
  }

  /** Replicas of each sick kind (OK left out). */
  Map<Kind, Integer> sickReplicas() {
    Map<Kind, Integer> m = new EnumMap<>(Kind.class);
    for (FileFaults f : files) {
      for (Kind k : f.replicas()) {
        if (k != Kind.OK) {
          m.merge(k, 1, Integer::sum);
        }
      }
    }
    return m;
  }

  /** Replicas of each sick kind that the replay will actually try (those ahead of a healthy copy). */
  Map<Kind, Integer> sickReplicasTried() {
    Map<Kind, Integer> m = new EnumMap<>(Kind.class);
    for (FileFaults f : files) {
      for (Kind k : f.replicas()) {
        if (k == Kind.OK) {
          break;
        }
        m.merge(k, 1, Integer::sum);
      }
    }
    return m;
  }

  /** Frames due in [gpsStart, through) over all detectors: every second but those of files with every replica bad. */
  long framesDue(List<String> detectors, long gpsStart, long through) {
    long due = detectors.size() * Math.max(0, through - gpsStart);
    for (FileFaults f : allBadFiles()) {
      due -= Math.max(0, Math.min(through, f.name().gpsEnd()) - Math.max(gpsStart, f.name().gpsStart()));
    }
    return due;
  }

  /** Failed download attempts the replay must make for files overlapping [gpsStart, gpsEnd). */
  long failedAttempts(long gpsStart, long gpsEnd, int attemptsPerUrl) {
    return files.stream().filter(f -> f.name().gpsEnd() > gpsStart && f.name().gpsStart() < gpsEnd)
        .mapToLong(f -> f.failedAttempts(attemptsPerUrl)).sum();
  }
}
