package org.gwreplay.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.gwreplay.replay.ReplayClock;
import org.gwreplay.sink.ArrivalWatcher;
import org.gwreplay.time.GpsTime;

/**
 * Memory over a long accelerated replay: 24 GPS hours of one detector from the demo lake, paced
 * at a speed that fits the day into about 15 minutes, through the {@code gwreplay} command on the
 * direct runner in a JVM of its own with a bounded heap, whose live heap after a full collection
 * is read at ten marks over the run ({@link HeapSampler}). Memory that grows with the data
 * replayed (a list of every frame, a metric per second) shows as a rising live heap; "flat" is
 * the ratio of the last mark to the first.
 *
 * <p>Why 16-s frames at speed 96: speed 96 is what fits a day into 15 minutes. The demo lake
 * synthesises 16384 Hz strain and writes it compressed, and the replay decodes, cuts and writes
 * it again: some 12 ms of CPU per GPS second at --speed=max and 15 paced, with 16-s frames, on a
 * loaded 2-core machine (so 1.1 to 1.5 cores at speed 96; 64-s frames save a fifth). 1-s frames
 * would be 96 a wall second, a test of per-frame overhead that this speed cannot sustain here;
 * 16-s frames are 6 a second, cheap beside the per-sample work, and still 5400 frames in a day
 * (540 between marks), enough for a per-frame leak to show. The table's "files written / due"
 * and the lateness tell whether the replay kept pace; behind it, memory stays bounded by the
 * lookahead all the same.
 *
 * <pre>java ... org.gwreplay.bench.DayMemoryBench [--quick] [--hours=24] [--speed=96] [--frame-seconds=16]
 *     [--detector=H1] [--replay-heap=512m] [--lookahead-wall=5]</pre>
 *
 * Full: 24 GPS hours (15 min); --quick: 1 GPS hour (38 s).
 */
public final class DayMemoryBench {

  private static final long START = 1238163456; // a multiple of 256
  private static final int MARKS = 10;

  record Settings(double hours, int speed, long frameSeconds, String detector, String replayHeap, long lookaheadWallSeconds) {
    static Settings parse(String[] args) {
      double hours = List.of(args).contains("--quick") ? 1 : 24;
      int speed = 96;
      long frameSeconds = 16;
      String detector = "H1";
      String replayHeap = "512m";
      long lookaheadWall = 5;
      for (String a : args) {
        String v = a.substring(a.indexOf('=') + 1);
        if (a.startsWith("--hours=")) {
          hours = Double.parseDouble(v);
        } else if (a.startsWith("--speed=")) {
          speed = Integer.parseInt(v);
        } else if (a.startsWith("--frame-seconds=")) {
          frameSeconds = Long.parseLong(v);
        } else if (a.startsWith("--detector=")) {
          detector = v;
        } else if (a.startsWith("--replay-heap=")) {
          replayHeap = v;
        } else if (a.startsWith("--lookahead-wall=")) {
          lookaheadWall = Long.parseLong(v);
        } else if (!a.equals("--quick")) {
          throw new IllegalArgumentException("unknown argument " + a);
        }
      }
      return new Settings(hours, speed, frameSeconds, detector, replayHeap, lookaheadWall);
    }

    /** The end, on a whole frame. */
    long gpsEnd() {
      return START + Math.round(hours * 3600 / frameSeconds) * frameSeconds;
    }
  }

  public static void main(String[] args) throws Exception {
    Settings s = Settings.parse(args);
    Path work = Files.createTempDirectory("gwreplay-day");
    int status;
    try {
      status = run(s, work);
    } finally {
      ThroughputBench.delete(work);
    }
    System.exit(status);
  }

  static int run(Settings s, Path work) throws Exception {
    long start = START;
    long end = s.gpsEnd();
    Path out = work.resolve("out");
    Path statusFile = work.resolve("status.json");
    Path log = work.resolve("replay.log");
    // The pipeline needs some seconds to start (more on a busy machine) before the clock runs.
    Instant w0 = Instant.now().plusSeconds(15);
    ReplayClock clock = ReplayClock.paced(GpsTime.ofSeconds(start), w0, s.speed(), Duration.ZERO);
    Duration length = Duration.ofNanos((long) ((end - start) * 1e9 / s.speed()));
    long lookahead = Math.max(2 * s.frameSeconds(), s.lookaheadWallSeconds() * s.speed());
    // The replay runs on past the measured span by its lookahead and two frames: near the end of
    // its data it holds less prepared data, which would bias the last mark low.
    long replayEnd = end + Math.floorDiv(lookahead + 3 * s.frameSeconds() - 1, s.frameSeconds()) * s.frameSeconds();
    List<String> args = List.of("--source=demo:file=" + s.frameSeconds(), "--detectors=" + s.detector(),
        "--gps-start=" + start, "--gps-end=" + replayEnd, "--frame-duration=" + s.frameSeconds(), "--speed=" + s.speed(),
        "--anchor-wall=" + w0, "--output=" + out, "--retention=600", "--status-file=" + statusFile,
        "--lookahead=" + lookahead);
    AtomicLong files = new AtomicLong();
    List<HeapSampler.Mark> marks;
    int exit;
    double cpu;
    long peak;
    long max;
    String load0 = SoakBench.loadAverage();
    try (ArrivalWatcher arrivals = new ArrivalWatcher(List.of(out.resolve(s.detector())), (f, t) -> files.incrementAndGet());
        ReplayProcess replay = ReplayProcess.start(args, s.replayHeap(), work.resolve("summary.txt"), log);
        HeapSampler heap = new HeapSampler(replay, w0, length, MARKS, () -> SoakBench.replayed(clock, start, end), files::get,
            m -> System.err.printf("day: %3d%% GPS %d, %d files, heap %.0f MiB used, %.0f MiB live%n", m.percent(),
                start + m.gpsReplayed(), m.filesWritten(), m.usedBytes() / 1048576.0, m.liveBytes() / 1048576.0))) {
      System.err.printf("day: replaying %s GPS %d-%d (%.2f h) at speed %d: %.1f min from %s (replay JVM pid %d)%n",
          s.detector(), start, end, (end - start) / 3600.0, s.speed(), length.toMillis() / 60000.0, w0, replay.pid());
      replay.attach();
      heap.start();
      exit = replay.waitFor();
      heap.close();
      Thread.sleep(500); // the last renames reach the watcher
      marks = heap.marks();
      cpu = heap.cpuSeconds();
      peak = heap.peakUsedBytes();
      max = heap.maxHeapBytes();
    }
    long expected = (replayEnd - start) / s.frameSeconds();
    double runSeconds = (replayEnd - start) / (double) s.speed();
    System.out.printf("%s, GPS %d-%d (%.1f h) from the demo lake (16384 Hz strain, %d-s archive files) in %d-s frames"
        + " at speed %d on the direct runner: %.1f min (the replay goes on for its lookahead, %d GPS s, past the last"
        + " mark); the replay's JVM with a heap limit of %.0f MiB; live heap read after a full collection at each"
        + " mark.%n%n", s.detector(), start, end, (end - start) / 3600.0, s.frameSeconds(), s.frameSeconds(), s.speed(),
        length.toMillis() / 60000.0, lookahead, max / 1048576.0);
    System.out.println("| run | elapsed (s) | GPS replayed (h) | files written / due | heap used (MiB) | live heap after full GC (MiB) |");
    System.out.println("| --- | --- | --- | --- | --- | --- |");
    for (HeapSampler.Mark m : marks) {
      System.out.println(Stats.row(m.percent() + "%", String.format("%.0f", m.elapsedSeconds()),
          String.format("%.2f", m.gpsReplayed() / 3600.0), m.filesWritten() + " / " + m.gpsReplayed() / s.frameSeconds(),
          mib(m.usedBytes()), mib(m.liveBytes())));
    }
    System.out.println();
    if (marks.size() >= 2) {
      System.out.printf("Live heap, last mark over first: %.2f (%s MiB at %d%%, %s MiB at %d%%). Peak heap used: %s MiB.%n",
          (double) marks.get(marks.size() - 1).liveBytes() / marks.get(0).liveBytes(), mib(marks.get(0).liveBytes()),
          marks.get(0).percent(), mib(marks.get(marks.size() - 1).liveBytes()), marks.get(marks.size() - 1).percent(),
          mib(peak));
    } else {
      System.out.println("Fewer than two marks taken: the replay ended early (see its exit status).");
    }
    JsonNode lat = Files.exists(statusFile) ? new ObjectMapper().readTree(statusFile.toFile()).path("latenessMs") : null;
    System.out.printf("Replay exit status %d; %d of %d files written; lateness (status file) %s; CPU time of the"
        + " replay's JVM %.0f s (start-up included), %.0f%% of one core over the run; load average (1 min, %d cores) %s"
        + " at the start, %s at the end.%n", exit, files.get(), expected, lat == null ? "?" : "p50 "
        + lat.path("p50").asLong() + " ms, p99 " + lat.path("p99").asLong() + " ms, max " + lat.path("max").asLong()
        + " ms", cpu, 100 * cpu / runSeconds, Runtime.getRuntime().availableProcessors(), load0, SoakBench.loadAverage());
    if (exit != 0) {
      System.out.println("The replay failed; its log:\n\n```\n" + tail(log, 20) + "\n```");
    }
    return exit == 0 && files.get() == expected ? 0 : 1;
  }

  private static String mib(long bytes) {
    return String.format("%.1f", bytes / 1048576.0);
  }

  private static String tail(Path file, int lines) throws Exception {
    List<String> all = Files.readAllLines(file);
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
