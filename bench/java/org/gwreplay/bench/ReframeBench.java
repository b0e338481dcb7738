package org.gwreplay.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.beam.sdk.PipelineResult;
import org.gwreplay.cli.ReplayJob;
import org.gwreplay.gwf.Compression;
import org.gwreplay.gwf.Frame;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.gwf.Frames;
import org.gwreplay.gwf.GwfReader;
import org.gwreplay.gwf.GwfWriter;
import org.gwreplay.gwf.ProcData;
import org.gwreplay.sink.AtomicFiles;
import org.gwreplay.source.DemoSource;
import org.gwreplay.time.GpsTime;

/**
 * Re-framing long archive files into 1-s files, the job of a whole-run re-framing: our codec alone
 * on one thread (read, cut, write each file atomically: the baseline, no Beam), against the Beam
 * replay of the same directory at --speed=max on each runner and slot count, and raw bytes against
 * {@code cp} of the same files. Rates are per CPU second of the process (all its threads: readers,
 * sink, GC, JIT), so a ratio is "per core used" whatever else the machine runs; wall times too.
 *
 * <p>Scaling: each runner at 1, 2 (and 4) slots or shards, and with {@code --cluster-jar} a Flink
 * session cluster of two TaskManagers with one slot each (runners/flink/start-cluster, the job
 * submitted from this JVM with the shaded jar staged) at parallelism 1 and 2, whose CPU time is
 * that of the cluster's processes. "Speed-up per slot" is the wall rate at N slots over the
 * rate at 1 slot of the same runner, divided by N: 1 is perfect scaling.
 *
 * <p>These jobs last seconds, so they are mostly start-up and the JIT's warm-up; "without the
 * job's fixed cost" (a 1-s job's CPU taken out) is the difference of two numbers of about the
 * same size and has come out well above the steady rate (Flink 1.0-1.6 of the codec per core,
 * where long jobs give 0.8-0.9). {@link LongReframeBench} measures the steady rate inside long jobs.
 *
 * <pre>java ... org.gwreplay.bench.ReframeBench [--files=4] [--file-seconds=256] [--reps=3] [--cluster-jar=JAR]</pre>
 */
public final class ReframeBench {

  private static final long START = 1238163456; // a multiple of 256

  public static void main(String[] args) throws Exception {
    int files = 4;
    long fileSeconds = 256;
    int reps = 3;
    Path clusterJar = null;
    for (String a : args) {
      if (a.startsWith("--files=")) {
        files = Integer.parseInt(a.substring(8));
      } else if (a.startsWith("--file-seconds=")) {
        fileSeconds = Long.parseLong(a.substring(15));
      } else if (a.startsWith("--reps=")) {
        reps = Integer.parseInt(a.substring(7));
      } else if (a.startsWith("--cluster-jar=")) {
        clusterJar = Path.of(a.substring(14)).toAbsolutePath();
      } else {
        throw new IllegalArgumentException("unknown argument " + a);
      }
    }
    Path work = Files.createTempDirectory("gwreplay-reframe");
    try (SessionCluster cluster = clusterJar == null ? null : startCluster(work.resolve("flink"))) {
      System.out.printf("H1, %d archive files of %d s of 16384 Hz float64 strain (%d one-second frames out); %d runs a"
          + " case, medians; frames per CPU second of the process (of the JobManager and TaskManagers for the session"
          + " cluster, not counting the client that submits the job), 'per core vs codec' is that rate over the codec's in"
          + " the same run, and 'without the job's fixed cost' the same with the CPU of a 1-s job of that runner (its"
          + " start-up and shut-down, measured in the same run) taken out; 'speed-up per slot' is (frames/s at N slots or shards / at 1 of the same runner) / N.%s%n%n",
          files, fileSeconds, files * fileSeconds, reps, cluster == null ? "" : String.format(" Each session-cluster run"
              + " is a job of its own: it uploads the shaded jar (%.0f MB) and deploys, a fixed cost in its wall and CPU"
              + " time (measured alone below the table).", Files.size(clusterJar) / 1e6));
      header();
      for (Compression c : List.of(Compression.RAW, Compression.lowLatencyDefault())) {
        compare(c, "", work, files, fileSeconds, reps, cases(cluster, clusterJar));
      }
      // The same bytes in memory: the shared volume of low-latency consumers is /dev/shm, and there
      // neither cp nor the replay waits for a disk, so the ratio is the work of each alone.
      Path shm = Path.of("/dev/shm");
      if (Files.isDirectory(shm) && Files.isWritable(shm)) {
        Path inMemory = Files.createTempDirectory(shm, "gwreplay-reframe");
        try {
          System.out.printf("%nThe raw rows again with the archive files and the output in /dev/shm (tmpfs):%n%n");
          header();
          compare(Compression.RAW, ", /dev/shm", inMemory, files, fileSeconds, reps,
              cases(null, null).stream().filter(k -> k.slots() <= 2).toList());
        } finally {
          ThroughputBench.delete(inMemory);
        }
      }
      if (cluster != null) {
        List<String> oneSlot = clusterOptions(cluster, clusterJar, 1);
        double[] job = measure(reps, cluster::cpuNanos, () -> {
          Path out = work.resolve("beam");
          replay(work.resolve("lake-" + Compression.RAW), out, 1, Compression.RAW, oneSlot);
          ThroughputBench.delete(out);
        });
        System.out.printf("%nThe fixed cost of a job on the session cluster (submission, jar upload, deployment), as a"
            + " 1-s raw replay at parallelism 1: %.1f s wall, %.1f s CPU of the cluster (medians).%n", job[0], job[1]);
      }
    }
    ThroughputBench.delete(work);
  }

  /** The session cluster of two TaskManagers of one slot, or null (its rows skipped, the rest measured) if it cannot start. */
  private static SessionCluster startCluster(Path runDir) throws InterruptedException {
    try {
      return SessionCluster.start(runDir, 2, 1);
    } catch (IOException e) {
      System.out.println("Session cluster rows skipped: " + e.getMessage() + "\n");
      return null;
    }
  }

  private static void header() {
    System.out.println("| compression | case | wall s | CPU s | frames/s (wall) | frames per CPU s | per core vs codec"
        + " | the same without the job's fixed cost | MB/s (wall) | vs cp | vs cp then sync | speed-up per slot |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  }

  private static void compare(Compression c, String where, Path work, int files, long fileSeconds, int reps,
      List<Case> cases) throws Exception {
    long seconds = files * fileSeconds;
    Path lake = work.resolve("lake-" + c);
    writeLake(lake.resolve("H1"), files, fileSeconds, c);
    long bytes = ThroughputBench.du(lake);
    Path copy = work.resolve("cp");
    double[] cp = copyTime(reps, lake, copy);
    // cp leaves its bytes in the page cache; the replay's are on the disk when a bundle ends.
    double[] cpSync = measure(reps, () -> {
      run("cp", "-r", lake.toString(), copy.toString());
      run("sync", "-f", copy.toString());
      ThroughputBench.delete(copy);
    });
    Baselines base = new Baselines(cp, cpSync);
    row(c, where, "cp -r of the archive files (baseline for MB/s)", cp, seconds, bytes, base, null, "", null);
    row(c, where, "cp -r, then sync (the bytes on the disk)", cpSync, seconds, bytes, base, null, "", null);
    double[] codec = measure(reps, () -> {
      Path out = work.resolve("codec");
      reframe(lake.resolve("H1"), out, c);
      ThroughputBench.delete(out);
    });
    row(c, where, "codec only, one thread (baseline per core)", codec, seconds, bytes, base, codec, "", null);
    // Each runner's cost of a job whatever its length (start-up, deployment, shut-down): a 1-s replay.
    Map<String, double[]> fixed = new HashMap<>();
    for (Case k : cases) {
      if (k.slots() == 1) {
        fixed.put(k.runner(), measure(reps, k.cpuNanos(), () -> {
          Path out = work.resolve("beam");
          replay(lake, out, 1, c, k.options());
          ThroughputBench.delete(out);
        }));
      }
    }
    Map<String, Double> oneSlotWall = new HashMap<>();
    for (Case k : cases) {
      double[] beam = measure(reps, k.cpuNanos(), () -> {
        Path out = work.resolve("beam");
        replay(lake, out, seconds, c, k.options());
        ThroughputBench.delete(out);
      });
      if (k.slots() == 1) {
        oneSlotWall.put(k.runner(), beam[0]);
      }
      String perSlot = String.format("%.2f", oneSlotWall.get(k.runner()) / beam[0] / k.slots());
      row(c, where, "Beam replay, " + k.name(), beam, seconds, bytes, base, codec, perSlot, fixed.get(k.runner()));
    }
  }

  /**
   * A Beam replay to measure: its row, the runner's options, the runner it scales against and at
   * how many slots (or shards), and whose CPU time counts.
   */
  record Case(String name, List<String> options, String runner, int slots, LongSupplier cpuNanos) {}

  private static List<Case> cases(SessionCluster cluster, Path clusterJar) {
    List<Case> cases = new ArrayList<>();
    for (int n : new int[] {1, 2}) {
      cases.add(new Case("direct, " + n + (n == 1 ? " shard" : " shards"), List.of("--targetParallelism=" + n), "direct",
          n, ReframeBench::processCpuNanos));
    }
    for (int n : new int[] {1, 2, 4}) {
      cases.add(new Case("flink embedded, " + n + (n == 1 ? " slot" : " slots"),
          List.of("--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=" + n), "flink", n,
          ReframeBench::processCpuNanos));
    }
    if (cluster != null) {
      for (int n : new int[] {1, 2}) {
        cases.add(new Case("flink session cluster (2 TaskManagers of 1 slot), parallelism " + n,
            clusterOptions(cluster, clusterJar, n), "cluster", n, cluster::cpuNanos));
      }
    }
    return cases;
  }

  private static List<String> clusterOptions(SessionCluster cluster, Path clusterJar, int parallelism) {
    return List.of("--runner=FlinkRunner", "--flinkMaster=" + cluster.master(), "--parallelism=" + parallelism,
        "--filesToStage=" + clusterJar);
  }

  /** The wall and CPU seconds of cp -r alone and of cp -r then sync, measured beside the rows they divide. */
  record Baselines(double[] cp, double[] cpSync) {}

  /** Median wall and CPU seconds of {@code cp -r lake copy} (the copy removed after each), the baseline for raw bytes. */
  static double[] copyTime(int reps, Path lake, Path copy) throws Exception {
    return measure(reps, () -> {
      run("cp", "-r", lake.toString(), copy.toString());
      ThroughputBench.delete(copy);
    });
  }

  private static void run(String... command) throws IOException, InterruptedException {
    if (new ProcessBuilder(command).inheritIO().start().waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed");
    }
  }

  /** @param fixed the runner's wall and CPU seconds for a 1-s job, or null: the steady rate leaves them out */
  private static void row(Compression c, String where, String name, double[] m, long frames, long bytes, Baselines base,
      double[] codec, String perSlot, double[] fixed) {
    double perCpu = frames / m[1];
    String vsCodec = codec == null ? "" : String.format("%.2f", perCpu / (frames / codec[1]));
    String steady = fixed == null || m[1] <= fixed[1] ? ""
        : String.format("%.2f", (frames - 1) / (m[1] - fixed[1]) / (frames / codec[1]));
    System.out.println(Stats.row(c.name().toLowerCase() + where, name, m[0], m[1], frames / m[0], perCpu, vsCodec, steady,
        bytes / 1e6 / m[0], base.cp()[0] / m[0], base.cpSync()[0] / m[0], perSlot));
  }

  interface Op {
    void run() throws Exception;
  }

  /** Median wall seconds and median process CPU seconds over {@code reps} runs after a warm-up. */
  static double[] measure(int reps, Op op) throws Exception {
    return measure(reps, ReframeBench::processCpuNanos, op);
  }

  /** Median wall seconds and median CPU seconds (as {@code cpuNanos} counts them) over {@code reps} runs after a warm-up. */
  static double[] measure(int reps, LongSupplier cpuNanos, Op op) throws Exception {
    op.run();
    double[] wall = new double[reps];
    double[] cpu = new double[reps];
    for (int i = 0; i < reps; i++) {
      long c0 = cpuNanos.getAsLong();
      long t0 = System.nanoTime();
      op.run();
      wall[i] = (System.nanoTime() - t0) / 1e9;
      cpu[i] = (cpuNanos.getAsLong() - c0) / 1e9;
    }
    return new double[] {Stats.median(wall), Stats.median(cpu)};
  }

  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Archive files as a lake of long files would hold them, written once by our codec. */
  static void writeLake(Path dir, int files, long fileSeconds, Compression c) throws Exception {
    Files.createDirectories(dir);
    DemoSource demo = new DemoSource(START + 100, fileSeconds);
    for (int i = 0; i < files; i++) {
      long t = START + i * fileSeconds;
      double[] h = demo.strain("H1", t, (int) (fileSeconds * DemoSource.SAMPLE_RATE));
      Frame f = Frame.builder("LHO", GpsTime.ofSeconds(t), fileSeconds)
          .addProcData(ProcData.timeSeries("H1:GDS-CALIB_STRAIN", DemoSource.SAMPLE_RATE, h)).build();
      Files.write(dir.resolve(new FrameFileName("H", "H1_HOFT_C00", t, fileSeconds).toString()), GwfWriter.toBytes(List.of(f), c));
    }
  }

  /**
   * The baseline: what the replay does per file with our codec alone, on this thread; each archive
   * file's 1-s files committed together, as the replay commits a bundle's.
   */
  static void reframe(Path lake, Path out, Compression c) throws Exception {
    Files.createDirectories(out);
    List<Path> inputs = new ArrayList<>();
    try (var s = Files.list(lake)) {
      s.sorted().forEach(inputs::add);
    }
    for (Path in : inputs) {
      List<Frame> frames = GwfReader.read(in); // read as dir: reads them (GwfReader.fileBytes)
      FrameFileName name = FrameFileName.parse(in.getFileName().toString());
      try (AtomicFiles.Batch batch = new AtomicFiles.Batch()) {
        for (long t = name.gpsStart(); t < name.gpsEnd(); t++) {
          Frame cut = Frames.cut(frames, GpsTime.ofSeconds(t), GpsTime.ofSeconds(t + 1));
          byte[] bytes = GwfWriter.toBytes(List.of(cut), c);
          batch.write(out.resolve(new FrameFileName("H", "H1_HOFT_C00", t, 1).toString()), bytes);
        }
        batch.commit();
      }
    }
  }

  static void replay(Path lake, Path out, long seconds, Compression c, List<String> runner) throws Exception {
    List<String> args = new ArrayList<>(List.of("--source=dir:" + lake, "--detectors=H1", "--gps-start=" + START,
        "--gps-end=" + (START + seconds), "--output=" + out, "--speed=max", "--retention=0", "--status-file=none",
        "--compression=" + c.name().toLowerCase(), "--enforceEncodability=false", "--enforceImmutability=false"));
    args.addAll(runner);
    if (args.contains("--runner=FlinkRunner")) {
      args.removeIf(a -> a.startsWith("--enforce"));
    }
    ReplayJob job = ReplayJob.fromArgs(args.toArray(new String[0]), Instant.now());
    if (job.pipeline().run().waitUntilFinish() != PipelineResult.State.DONE) {
      throw new IllegalStateException("replay failed");
    }
    if (ThroughputBench.count(out) != seconds) {
      throw new IllegalStateException("replay wrote " + ThroughputBench.count(out) + " files, not " + seconds);
    }
  }
}
