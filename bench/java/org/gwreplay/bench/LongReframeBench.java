package org.gwreplay.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gwreplay.gwf.Compression;

/**
 * The steady rate of a long re-framing, where a whole-run re-framing (hours) spends nearly all
 * its time: each case (the codec alone on one thread, the direct runner at 1 and 2 shards, embedded
 * Flink at 1 and 2 slots) re-frames the same archive files {@code --jobs} times in this JVM, and the
 * rate is taken inside the last job, between 40 % and 90 % of its files (a watcher counts them
 * every 250 ms, with the process's CPU time), so the job's start-up, the JIT's warm-up and the drain
 * are left out. The first job's rate is printed beside: on a 2-core machine the C2 compiler takes
 * 15-35 % of the CPU through the first minute of Beam and Flink code, which the short jobs of
 * {@link ReframeBench} are made of. Each case's ratio to the codec is over a codec job run right
 * after it, since the codec's own rate moves with what the JVM ran before. Raw output, and with
 * {@code --compressed-files} the default compression too; archive and output in /dev/shm (tmpfs),
 * against {@code cp -r} of the archive files measured in the same run.
 *
 * <pre>java ... org.gwreplay.bench.LongReframeBench [--files=96] [--compressed-files=0] [--jobs=3]</pre>
 */
public final class LongReframeBench {

  public static void main(String[] args) throws Exception {
    int files = 96;
    int compressedFiles = 0;
    int jobs = 3;
    for (String a : args) {
      if (a.startsWith("--files=")) {
        files = Integer.parseInt(a.substring(8));
      } else if (a.startsWith("--compressed-files=")) {
        compressedFiles = Integer.parseInt(a.substring(19));
      } else if (a.startsWith("--jobs=")) {
        jobs = Integer.parseInt(a.substring(7));
      } else {
        throw new IllegalArgumentException("unknown argument " + a);
      }
    }
    Path shm = Path.of("/dev/shm");
    Path work = Files.isDirectory(shm) && Files.isWritable(shm)
        ? Files.createTempDirectory(shm, "gwreplay-long") : Files.createTempDirectory("gwreplay-long");
    CpuSteal steal = CpuSteal.now();
    try {
      System.out.printf("H1, archive files of 256 s of 16384 Hz float64 strain in %s re-framed into 1-s files; each case"
          + " %d jobs in one JVM, rates between 40 %% and 90 %% of a job's files; 'per core vs codec' is over the codec's"
          + " job run right after the case's (the codec's own rate moves with what the JVM ran before it).%n%n",
          work.getParent(), jobs);
      System.out.println("| output | case | first job: frames per CPU s | last job: frames/s (wall) | frames per CPU s"
          + " | cores | per core vs codec | MB/s (wall) | vs cp |");
      System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
      compare(work, Compression.RAW, files, jobs);
      if (compressedFiles > 0) {
        compare(work, Compression.lowLatencyDefault(), compressedFiles, jobs);
      }
      System.out.printf("CPU time stolen by the host over the whole run: %.1f %% of the machine's.%n", steal.percentSince());
    } finally {
      ThroughputBench.delete(work);
    }
  }

  private static void compare(Path work, Compression c, int files, int jobs) throws Exception {
    Path lake = work.resolve("lake-" + c);
    ReframeBench.writeLake(lake.resolve("H1"), files, 256, c);
    long frames = files * 256L;
    long bytes = ThroughputBench.du(lake);
    double[] cp = ReframeBench.copyTime(3, lake, work.resolve("cp"));
    double cpMbs = bytes / 1e6 / cp[0];
    String output = String.format("%s, %d files of 256 s (%.2f GB)", c.name().toLowerCase(), files, bytes / 1e9);
    System.out.println(Stats.row(output, "cp -r of the archive files (median of 3)", "", "", "", "", "", Math.round(cpMbs),
        "1.00"));
    List<Case> cases = cases();
    Case codec = cases.get(0);
    List<Middle> codecRuns = new ArrayList<>();
    for (Case k : cases) {
      List<Middle> runs = new ArrayList<>();
      for (int j = 0; j < jobs; j++) {
        runs.add(k.run(lake, work.resolve("out"), frames, c));
      }
      Middle last = runs.get(runs.size() - 1);
      Middle baseline;
      if (k.codec()) {
        baseline = last;
      } else {
        baseline = codec.run(lake, work.resolve("out"), frames, c);
      }
      codecRuns.add(baseline);
      double mbs = last.perWall() * bytes / frames / 1e6;
      System.out.println(Stats.row(output, k.name(), Math.round(runs.get(0).perCpu()), Math.round(last.perWall()),
          Math.round(last.perCpu()), String.format("%.2f", last.cores()),
          String.format("%.2f", last.perCpu() / baseline.perCpu()), Math.round(mbs), String.format("%.2f", mbs / cpMbs)));
    }
    System.out.printf("%nThe codec's own rate in the jobs the rows above divide by (%s): %s frames per CPU s.%n%n",
        c.name().toLowerCase(), String.join(", ", codecRuns.stream().map(m -> String.valueOf(Math.round(m.perCpu()))).toList()));
  }

  /** A case: its row's name and, unless it is the codec alone, the replay's runner options. */
  record Case(String name, List<String> options) {
    boolean codec() {
      return options == null;
    }

    /** One job of this case into {@code out} (deleted after), timed in its middle. */
    Middle run(Path lake, Path out, long frames, Compression c) throws Exception {
      try {
        return Middle.watch(codec() ? out : out.resolve("H1"), frames, () -> {
          if (codec()) {
            ReframeBench.reframe(lake.resolve("H1"), out, c);
          } else {
            ReframeBench.replay(lake, out, frames, c, options);
          }
        });
      } finally {
        if (Files.exists(out)) {
          ThroughputBench.delete(out);
        }
      }
    }
  }

  private static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("codec only, one thread (baseline per core)", null));
    cases.add(new Case("Beam replay, direct, 1 shard", List.of("--targetParallelism=1")));
    cases.add(new Case("Beam replay, direct, 2 shards", List.of("--targetParallelism=2")));
    for (int n : new int[] {1, 2}) {
      cases.add(new Case("Beam replay, flink embedded, " + n + (n == 1 ? " slot" : " slots"),
          List.of("--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=" + n)));
    }
    return cases;
  }

  /** The wall and process CPU time a job took to go from 40 % to 90 % of its files. */
  record Middle(long files, double wallSeconds, double cpuSeconds) {
    double perWall() {
      return files / wallSeconds;
    }

    double perCpu() {
      return files / cpuSeconds;
    }

    double cores() {
      return cpuSeconds / wallSeconds;
    }

    /** Runs {@code job}, counting the committed files in {@code dir} every 250 ms. */
    static Middle watch(Path dir, long frames, ReframeBench.Op job) throws Exception {
      List<long[]> marks = new ArrayList<>(); // {nanoTime, process CPU ns, files}
      File d = dir.toFile();
      Runnable mark = () -> {
        String[] names = d.list((x, n) -> n.endsWith(".gwf"));
        long[] m = {System.nanoTime(), ReframeBench.processCpuNanos(), names == null ? 0 : names.length};
        synchronized (marks) {
          marks.add(m);
        }
      };
      Thread watcher = new Thread(() -> {
        try {
          while (true) {
            mark.run();
            Thread.sleep(250);
          }
        } catch (InterruptedException e) {
          // the job is over
        }
      }, "file-count-watcher");
      watcher.start();
      try {
        job.run();
      } finally {
        watcher.interrupt();
        watcher.join();
      }
      mark.run(); // the last files may come in the job's last quarter second
      long[] from = null;
      long[] to = null;
      for (long[] m : marks) {
        if (from == null && m[2] >= frames * 0.4) {
          from = m;
        }
        if (to == null && m[2] >= frames * 0.9) {
          to = m;
        }
      }
      if (from == null || to == null || to[0] == from[0]) {
        throw new IllegalStateException("the job was too short to time its middle: use more --files");
      }
      return new Middle(to[2] - from[2], (to[0] - from[0]) / 1e9, (to[1] - from[1]) / 1e9);
    }
  }
}
