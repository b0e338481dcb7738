package org.gwreplay.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.gwreplay.cli.ReplayJob;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.sink.ArrivalWatcher;
import org.gwreplay.time.GpsTime;

/**
 * Pacing accuracy at speed 1: replays the demo lake for H1, L1, V1 with 1-s frames and records,
 * for every file, lateness = the moment an inotify watcher sees it appear minus its scheduled
 * release. Prints p50, p99, max and the drift (median lateness of the last minute minus that of
 * the first).
 *
 * <pre>java ... org.gwreplay.bench.PacingBench --runner=direct|flink --seconds=300 [replay options]</pre>
 */
public final class PacingBench {

  public static void main(String[] args) throws Exception {
    String runner = "direct";
    long seconds = 300;
    List<String> extra = new ArrayList<>();
    for (String a : args) {
      if (a.equals("--header")) {
        System.out.println(header());
        return;
      }
      if (a.startsWith("--runner=")) {
        runner = a.substring(9);
      } else if (a.startsWith("--seconds=")) {
        seconds = Long.parseLong(a.substring(10));
      } else {
        extra.add(a); // any other replay option, e.g. --maxBundleTimeMills=50 to compare settings
      }
    }
    System.out.println(measure(runner, seconds, extra));
  }

  /** Runs one paced replay and returns a Markdown table row of its lateness figures. */
  static String measure(String runner, long seconds, List<String> extra) throws Exception {
    Path out = Files.createTempDirectory("gwreplay-pacing");
    long start = 1238166018;
    List<String> args = new ArrayList<>(List.of("--source=demo", "--detectors=H1,L1,V1",
        "--gps-start=" + start, "--gps-end=" + (start + seconds), "--output=" + out, "--speed=1", "--retention=60"));
    if (runner.equals("flink")) {
      args.addAll(List.of("--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=3"));
    }
    args.addAll(extra);
    ReplayJob job = ReplayJob.fromArgs(args.toArray(new String[0]), Instant.now());
    Map<Path, Instant> arrivals;
    CpuSteal steal = CpuSteal.now();
    try (ArrivalWatcher w = new ArrivalWatcher(List.of(out.resolve("H1"), out.resolve("L1"), out.resolve("V1")))) {
      PipelineResult.State state = job.pipeline().run().waitUntilFinish();
      if (state != PipelineResult.State.DONE) {
        throw new IllegalStateException("replay ended " + state);
      }
      Thread.sleep(200);
      arrivals = w.arrivals();
    }
    double stolen = steal.percentSince();
    List<Double> all = new ArrayList<>();
    List<Double> firstMinute = new ArrayList<>();
    List<Double> lastMinute = new ArrayList<>();
    for (Map.Entry<Path, Instant> a : arrivals.entrySet()) {
      FrameFileName n = FrameFileName.parse(a.getKey().getFileName().toString());
      Instant due = job.spec().clock().releaseTime(GpsTime.ofSeconds(n.gpsEnd()));
      double late = Duration.between(due, a.getValue()).toNanos() / 1e6;
      all.add(late);
      // The first few seconds include the runner's warm-up; drift compares steady minutes.
      if (n.gpsStart() >= start + 5 && n.gpsStart() < start + 65) {
        firstMinute.add(late);
      }
      if (n.gpsStart() >= start + seconds - 60) {
        lastMinute.add(late);
      }
    }
    long expected = 3 * seconds;
    double drift = Stats.quantile(lastMinute, 0.5) - Stats.quantile(firstMinute, 0.5);
    return Stats.row(runner, seconds + " s", all.size() + "/" + expected, Stats.quantile(all, 0.5),
        Stats.quantile(all, 0.99), Stats.quantile(all, 1.0), drift, String.format("%.1f", stolen));
  }

  static String header() {
    return "| runner | length | files | lateness p50 (ms) | p99 (ms) | max (ms) | drift last-first minute (ms)"
        + " | CPU stolen by the host (%) |\n| --- | --- | --- | --- | --- | --- | --- | --- |";
  }
}
