package org.gwreplay.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gwreplay.replay.ReplayClock;
import org.gwreplay.rucio.FaultyStorage;
import org.gwreplay.rucio.RucioTestLake;
import org.gwreplay.time.GpsTime;

/**
 * Soak with fault injection: hours of GPS data replayed at an accelerated but paced speed from a
 * lake on loopback whose replicas are often sick and whose catalog fails now and then, through
 * the {@code gwreplay} command itself ({@code org.gwreplay.cli.Main}) on the direct runner, in a
 * JVM of its own with a bounded heap (-Xmx512m) whose heap is sampled over JMX; the lake, the
 * fault injection and the checks run in this JVM. Then every output file is read back and
 * checked. Prints Markdown tables; exits 1 when an invariant fails:
 * <ul>
 *   <li>missing frames are exactly those of the archive files whose every replica was bad, each
 *       with the replay's reason naming the file and every replica's failure, and the summary's
 *       spans without files are exactly those;
 *   <li>no frame missing without a reason; no second written twice (by name, or appearing twice
 *       by inotify); no corrupt file (checksums, GPS span against the name, samples against the
 *       source strain); no stray or temporary file left.
 * </ul>
 *
 * <pre>java -Xmx1g ... org.gwreplay.bench.SoakBench [--quick] [--hours=3] [--speed=13] [--rate=4096]
 *     [--seed=7] [--all-bad=2] [--lookahead-wall=15] [--replay-heap=512m] [--replay-arg=--OPTION=VALUE]...
 *     [--keep] [--dir=PARENT]</pre>
 *
 * Full: 3 GPS hours at speed 13 (14 min, 15 with the lake and the checks); --quick: half an hour
 * (2.3 min, 3 in all).
 */
public final class SoakBench {

  static final List<String> DETECTORS = List.of("H1", "L1", "V1");
  /** O3 time, on a multiple of the archive file length; the replay starts half a file later. */
  static final long LAKE_START = 1238163456L;
  static final long FILE_SECONDS = 64;
  /**
   * Timeouts short enough that stalled replicas cost little, long enough that a healthy loopback
   * download or catalog call does not time out on a machine that others load heavily too.
   */
  static final int DOWNLOAD_TIMEOUT_S = 3;
  static final int REQUEST_TIMEOUT_S = 5;
  static final int REPLICA_ATTEMPTS = 2;

  public static void main(String[] args) throws Exception {
    Settings s = Settings.parse(args);
    PrintStream progress = System.err;
    Path work = Files.createTempDirectory(s.parent, "gwreplay-soak");
    int status;
    try {
      status = run(s, work, progress);
    } finally {
      if (!s.keep) {
        deleteTree(work);
      } else {
        progress.println("soak: kept " + work);
      }
    }
    System.exit(status);
  }

  /** Run settings: --quick picks a short run; each can be given. */
  record Settings(double hours, int speed, int rate, long seed, double sickFraction, int allBadPerDetector,
      long lookaheadWallSeconds, String replayHeap, boolean keep, Path parent, List<String> replayArgs) {
    static Settings parse(String[] args) {
      boolean quick = List.of(args).contains("--quick");
      // Speed 13 leaves room on a 2-core machine that others use too: the direct runner costs
      // some 30 ms of CPU per frame, and 3 detectors at speed 13 are 39 frames a second.
      double hours = quick ? 0.5 : 3;
      int speed = 13;
      int rate = 4096;
      long seed = 7;
      int allBad = quick ? 1 : 2;
      long lookaheadWall = 15;
      String replayHeap = "512m";
      boolean keep = false;
      List<String> replayArgs = new ArrayList<>();
      Path parent = Path.of(System.getProperty("java.io.tmpdir"));
      for (String a : args) {
        String v = a.contains("=") ? a.substring(a.indexOf('=') + 1) : "";
        if (a.startsWith("--hours=")) {
          hours = Double.parseDouble(v);
        } else if (a.startsWith("--speed=")) {
          speed = Integer.parseInt(v);
        } else if (a.startsWith("--rate=")) {
          rate = Integer.parseInt(v);
        } else if (a.startsWith("--seed=")) {
          seed = Long.parseLong(v);
        } else if (a.startsWith("--all-bad=")) {
          allBad = Integer.parseInt(v);
        } else if (a.startsWith("--lookahead-wall=")) {
          lookaheadWall = Long.parseLong(v);
        } else if (a.startsWith("--replay-heap=")) {
          replayHeap = v;
        } else if (a.startsWith("--replay-arg=")) {
          replayArgs.add(v);
        } else if (a.equals("--keep")) {
          keep = true;
        } else if (a.startsWith("--dir=")) {
          parent = Path.of(v);
        } else if (!a.equals("--quick")) {
          throw new IllegalArgumentException("unknown argument " + a);
        }
      }
      return new Settings(hours, speed, rate, seed, 0.3, allBad, lookaheadWall, replayHeap, keep, parent,
          List.copyOf(replayArgs));
    }

    long gpsStart() {
      return LAKE_START + FILE_SECONDS / 2;
    }

    long gpsEnd() {
      return gpsStart() + Math.round(hours * 3600);
    }

    /** Data prepared ahead of the clock (GPS s), given in wall time. */
    long lookahead() {
      return Math.max(30, lookaheadWallSeconds * speed);
    }
  }

  static int run(Settings s, Path work, PrintStream progress) throws Exception {
    long start = s.gpsStart();
    long end = s.gpsEnd();
    long lakeEnd = Math.floorDiv(end + FILE_SECONDS - 1, FILE_SECONDS) * FILE_SECONDS;
    SoakStrain strain = new SoakStrain(s.rate());
    FaultPlan plan = FaultPlan.create(DETECTORS, LAKE_START, lakeEnd, FILE_SECONDS, s.sickFraction(), s.allBadPerDetector(), s.seed());
    RucioTestLake lake;
    try {
      lake = RucioTestLake.start(work.resolve("lake"));
    } catch (RuntimeException e) {
      // Outside JUnit the fixture's "skip" is an exception: no xrootd, no soak (bench/run goes on).
      System.out.println("Skipped: the xrootd storage element could not start (" + e.getMessage() + ").");
      return 0;
    }
    try (lake; FaultyStorage faulty = new FaultyStorage()) {
      long t0 = System.nanoTime();
      long stored = SoakLake.build(plan, strain, lake, faulty);
      progress.printf("soak: lake of %d files, %d replicas, %.0f MB stored, built in %.1f s%n", plan.files().size(),
          plan.replicaCount(), stored / 1e6, (System.nanoTime() - t0) / 1e9);

      Path out = work.resolve("out");
      Path statusFile = work.resolve("status.json");
      Path log = work.resolve("replay.log");
      // The pipeline needs some seconds to start (more on a busy machine) before the clock runs.
      Instant w0 = Instant.now().plusSeconds(15);
      ReplayClock clock = ReplayClock.paced(GpsTime.ofSeconds(start), w0, s.speed(), Duration.ZERO);
      Duration length = Duration.ofNanos((long) ((end - start) * 1e9 / s.speed()));
      List<String> args = new ArrayList<>(List.of(
          "--source=rucio:" + RucioTestLake.SCOPE, "--detectors=" + String.join(",", DETECTORS),
          "--gps-start=" + start, "--gps-end=" + end, "--speed=" + s.speed(), "--anchor-wall=" + w0,
          "--output=" + out, "--retention=0", "--lookahead=" + s.lookahead(), "--status-file=" + statusFile,
          "--rucio-config=" + lake.rucioConfig(), "--rucio-schemes=davs,https,http",
          "--rucio-chunk-seconds=100", "--rucio-max-file-seconds=" + FILE_SECONDS,
          "--rucio-download-timeout-seconds=" + DOWNLOAD_TIMEOUT_S, "--rucio-request-timeout-seconds=" + REQUEST_TIMEOUT_S,
          "--rucio-replica-attempts=" + REPLICA_ATTEMPTS, "--rucio-backoff-millis=100",
          // The soak judges every frame itself; faults placed at the start must not end the run.
          "--allow-gaps"));
      args.addAll(s.replayArgs()); // e.g. other runner options, for comparisons
      Files.createDirectories(out);
      SoakRun result;
      String load0 = loadAverage();
      try (ArrivalCounter arrivals = new ArrivalCounter(out, DETECTORS, start, end);
          ReplayProcess replay = ReplayProcess.start(args, s.replayHeap(), work.resolve("summary.txt"), log);
          CatalogFaults catalog = new CatalogFaults(lake, clock, start, end - s.lookahead() - 300, REQUEST_TIMEOUT_S,
              Duration.ofSeconds(Math.max(20, length.toSeconds() / 6)));
          HeapSampler heap = new HeapSampler(replay, w0, length, 10, () -> replayed(clock, start, end), arrivals::total,
              m -> progress.printf("soak: %3d%% GPS %d, %d files, heap %.0f MiB used, %.0f MiB live%n", m.percent(),
                  start + m.gpsReplayed(), m.filesWritten(), m.usedBytes() / 1048576.0, m.liveBytes() / 1048576.0))) {
        progress.printf("soak: replaying GPS %d-%d (%.2f h) at speed %d: %.1f min from %s (replay JVM pid %d)%n", start,
            end, (end - start) / 3600.0, s.speed(), length.toMillis() / 60000.0, w0, replay.pid());
        replay.attach();
        catalog.start();
        heap.start();
        int exit = replay.waitFor();
        String load1 = loadAverage();
        List<String> injected = catalog.done();
        int pending = catalog.pending();
        heap.close();
        Thread.sleep(500); // the last renames reach the watcher
        progress.printf("soak: replay exited %d; checking %d files%n", exit, arrivals.total());
        String summaryText = Files.readString(work.resolve("summary.txt"));
        SoakCheck check = new SoakCheck(out, start, end, strain, plan, log, summaryText);
        List<SoakCheck.Result> results = new ArrayList<>();
        for (String d : DETECTORS) {
          results.add(check.check(d, arrivals.counts(d)));
        }
        JsonNode status = Files.exists(statusFile) ? new ObjectMapper().readTree(statusFile.toFile()) : null;
        result = new SoakRun(s, start, end, length, exit, plan, results, status, heap.marks(), heap.peakUsedBytes(),
            heap.maxHeapBytes(), injected, catalog.injectedFailures(), pending, lake.logins(), arrivals.unexpected(),
            check.gapLines(), heap.cpuSeconds(), load0, load1, SoakCheck.failuresLogged(log));
      }
      SoakReport.print(result, System.out);
      return result.holds() ? 0 : 1;
    }
  }

  /** The 1-minute load average (Linux), or "?": how busy others kept the machine. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  /** GPS seconds the clock has released so far, within the run. */
  static long replayed(ReplayClock clock, long start, long end) {
    GpsTime t = clock.releasedThrough(Instant.now());
    return Math.max(0, Math.min(end, t.seconds()) - start);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
    }
  }
}
