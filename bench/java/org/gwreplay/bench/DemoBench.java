package org.gwreplay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.gwreplay.sink.ArrivalWatcher;

/**
 * The README's demo as a user runs it (bin/gwreplay, its own JVM, default settings): peak
 * resident memory and the CPU the replay uses once it is pacing, on each runner. The CPU is
 * counted from five seconds after the first file appears to the last file, when the job only
 * waits for the clock and writes a frame per detector per second.
 *
 * <pre>java ... org.gwreplay.bench.DemoBench [--seconds=40] [--reps=3]</pre>
 */
public final class DemoBench {

  private static final long GPS_START = 1238166018;
  private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

  public static void main(String[] args) throws Exception {
    long seconds = 40;
    int reps = 3;
    for (String a : args) {
      if (a.startsWith("--seconds=")) {
        seconds = Long.parseLong(a.substring(10));
      } else if (a.startsWith("--reps=")) {
        reps = Integer.parseInt(a.substring(7));
      } else {
        throw new IllegalArgumentException("unknown option " + a);
      }
    }
    System.out.println("| runner | runs | peak RSS p50 / max (MiB) | CPU while pacing p50 / max (cores) | files |");
    System.out.println("| --- | --- | --- | --- | --- |");
    for (String runner : List.of("direct", "flink")) {
      List<Double> rss = new ArrayList<>();
      List<Double> cores = new ArrayList<>();
      String files = "";
      for (int i = 0; i < reps; i++) {
        Run r = run(runner, seconds);
        rss.add(r.peakRssMib);
        cores.add(r.pacingCores);
        files = r.files + "/" + 3 * seconds;
      }
      System.out.println(Stats.row(runner, reps, String.format("%.0f / %.0f", Stats.quantile(rss, 0.5), Collections.max(rss)),
          String.format("%.2f / %.2f", Stats.quantile(cores, 0.5), Collections.max(cores)), files));
    }
    System.out.println();
    System.out.println("Targets (issue #15): peak RSS under 600 MiB, CPU while pacing under 0.3 core.");
  }

  private record Run(double peakRssMib, double pacingCores, int files) {}

  private static Run run(String runner, long seconds) throws Exception {
    Path out = Files.createTempDirectory("gwreplay-demo-bench");
    List<Path> dirs = List.of(out.resolve("H1"), out.resolve("L1"), out.resolve("V1"));
    for (Path d : dirs) {
      Files.createDirectories(d);
    }
    List<String> cmd = new ArrayList<>(List.of(Paths.get("bin/gwreplay").toAbsolutePath().toString(), "--source=demo",
        "--detectors=H1,L1,V1", "--gps-start=" + GPS_START, "--gps-end=" + (GPS_START + seconds), "--output=" + out));
    if (runner.equals("flink")) {
      cmd.add("--runner=FlinkRunner");
    }
    List<long[]> samples = new ArrayList<>(); // wall nanos, CPU ticks
    long peakKib = 0;
    Map<Path, Instant> arrivals;
    try (ArrivalWatcher w = new ArrivalWatcher(dirs)) {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.resolve("replay.log").toFile()).start();
      Path proc = Paths.get("/proc", Long.toString(p.pid()));
      while (p.isAlive()) {
        try {
          peakKib = Math.max(peakKib, statusKib(proc, "VmHWM:"));
          samples.add(new long[] {System.nanoTime(), cpuTicks(proc)});
        } catch (IOException | RuntimeException e) {
          // the process is ending between two reads
        }
        Thread.sleep(100);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("the demo replay failed (exit " + p.exitValue() + "), see " + out.resolve("replay.log"));
      }
      arrivals = w.arrivals();
    }
    List<Instant> times = new ArrayList<>(arrivals.values());
    Collections.sort(times);
    long nowNanos = System.nanoTime();
    Instant now = Instant.now();
    long from = toNanos(times.get(0).plusSeconds(5), now, nowNanos);
    long to = toNanos(times.get(times.size() - 1), now, nowNanos);
    long[] a = nearest(samples, from);
    long[] b = nearest(samples, to);
    double cores = (b[1] - a[1]) / (double) TICKS_PER_SECOND / ((b[0] - a[0]) / 1e9);
    return new Run(peakKib / 1024.0, cores, arrivals.size());
  }

  private static long toNanos(Instant t, Instant now, long nowNanos) {
    return nowNanos - Duration.between(t, now).toNanos();
  }

  private static long[] nearest(List<long[]> samples, long nanos) {
    long[] best = samples.get(0);
    for (long[] s : samples) {
      if (Math.abs(s[0] - nanos) < Math.abs(best[0] - nanos)) {
        best = s;
      }
    }
    return best;
  }

  private static long statusKib(Path proc, String field) throws IOException {
    for (String line : Files.readAllLines(proc.resolve("status"))) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
      }
    }
    throw new IOException("no " + field + " in " + proc.resolve("status"));
  }

  /** utime + stime of the process, fields 14 and 15 of /proc/PID/stat (after the command name in parentheses). */
  private static long cpuTicks(Path proc) throws IOException {
    String stat = Files.readString(proc.resolve("stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }
}
