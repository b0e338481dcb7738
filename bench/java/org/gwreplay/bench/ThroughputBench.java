package org.gwreplay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.gwreplay.cli.ReplayJob;

/**
 * Batch replay throughput (--speed=max) end to end, from the demo lake and from a local directory,
 * on the direct runner and embedded Flink, against {@code cp} of the same files into the same
 * file system in the same run. Each case runs {@code reps} times; the median is reported.
 *
 * <pre>java ... org.gwreplay.bench.ThroughputBench [--seconds=120] [--reps=3]</pre>
 */
public final class ThroughputBench {

  public static void main(String[] args) throws Exception {
    long seconds = 120;
    int reps = 3;
    for (String a : args) {
      if (a.startsWith("--seconds=")) {
        seconds = Long.parseLong(a.substring(10));
      } else if (a.startsWith("--reps=")) {
        reps = Integer.parseInt(a.substring(7));
      }
    }
    Path work = Files.createTempDirectory("gwreplay-throughput");
    long start = 1238166016;
    // The lake for the directory cases: the demo's own frames, written once.
    Path lake = work.resolve("lake");
    replay("demo", lake, start, seconds, "direct");
    long bytes = du(lake);
    long frames = count(lake);
    final long span = seconds;
    System.out.println("| case | frames | MB | median s | frames/s | MB/s | vs cp |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
    double cp = median(reps, () -> {
      Path to = work.resolve("cp-" + System.nanoTime());
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder("cp", "-r", lake.toString(), to.toString()).inheritIO().start();
      if (p.waitFor() != 0) {
        throw new IOException("cp failed");
      }
      double s = (System.nanoTime() - t0) / 1e9;
      delete(to);
      return s;
    });
    System.out.println(Stats.row("cp -r of the output (baseline)", frames, bytes / 1e6, cp, frames / cp, bytes / 1e6 / cp, 1.0));
    for (String runner : List.of("direct", "flink")) {
      for (String source : List.of("demo", "dir:" + lake)) {
        double s = median(reps, () -> {
          Path out = work.resolve("out-" + System.nanoTime());
          long t0 = System.nanoTime();
          replay(source, out, start, span, runner);
          double took = (System.nanoTime() - t0) / 1e9;
          delete(out);
          return took;
        });
        String name = (source.equals("demo") ? "demo" : "dir") + " -> volume, " + runner;
        System.out.println(Stats.row(name, frames, bytes / 1e6, s, frames / s, bytes / 1e6 / s, cp / s));
      }
    }
    delete(work);
  }

  interface Timed {
    double run() throws Exception;
  }

  static double median(int reps, Timed t) throws Exception {
    double[] v = new double[reps];
    for (int i = 0; i < reps; i++) {
      v[i] = t.run();
    }
    return Stats.median(v);
  }

  static void replay(String source, Path out, long start, long seconds, String runner) throws Exception {
    List<String> args = new ArrayList<>(List.of("--source=" + source, "--detectors=H1,L1,V1", "--gps-start=" + start,
        "--gps-end=" + (start + seconds), "--output=" + out, "--speed=max", "--retention=0",
        "--enforceEncodability=false", "--enforceImmutability=false"));
    if (runner.equals("flink")) {
      args.removeIf(a -> a.startsWith("--enforce"));
      args.addAll(List.of("--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2"));
    }
    ReplayJob job = ReplayJob.fromArgs(args.toArray(new String[0]), Instant.now());
    if (job.pipeline().run().waitUntilFinish() != PipelineResult.State.DONE) {
      throw new IllegalStateException("replay failed");
    }
  }

  static long du(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  static long count(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".gwf")).count();
    }
  }

  static void delete(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
    }
  }
}
