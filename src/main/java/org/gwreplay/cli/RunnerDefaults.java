package org.gwreplay.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.gwreplay.replay.ReplayClock;

/**
 * Settings a replay wants from each runner unless the user chose otherwise: on Flink, watermarks
 * every 20 ms and bundles of at most 20 ms, and the cheaper element copy. Measured on embedded
 * Flink (3 detectors, 1-s frames, speed 1): lateness p50/p99 164/212 ms with 100 ms, 60/108 ms
 * with 20 ms, no better with 10 ms; Flink's defaults gave 0.9-1.6 s. On the direct runner, no
 * per-element immutability and encodability checks, and for a live replay one worker per reader.
 */
final class RunnerDefaults {

  /** Seconds from launch to the replay clock's start when --start-delay is not given. */
  static final String DIRECT_START_DELAY = "5";
  static final String FLINK_START_DELAY = "15";

  private RunnerDefaults() {}

  static boolean isFlink(PipelineOptions o) {
    return o.getRunner() != null && o.getRunner().getSimpleName().startsWith("Flink");
  }

  static String startDelay(PipelineOptions o) {
    String given = ((ReplayOptions) o).getStartDelay();
    if (given != null && !given.isBlank()) {
      return given;
    }
    return isFlink(o) ? FLINK_START_DELAY : DIRECT_START_DELAY;
  }

  static void apply(PipelineOptions o, String[] args) {
    if (!isFlink(o)) {
      applyDirect((ReplayOptions) o, args);
      return;
    }
    FlinkPipelineOptions f = o.as(FlinkPipelineOptions.class);
    if (f.getAutoWatermarkInterval() == null) {
      f.setAutoWatermarkInterval(20L);
    }
    if (!given(args, "maxBundleTimeMills")) {
      f.setMaxBundleTimeMills(20L);
    }
    if (!given(args, "fasterCopy")) {
      f.setFasterCopy(true);
    }
    if ((f.getFlinkConfDir() == null || f.getFlinkConfDir().isBlank()) && System.getenv("FLINK_CONF_DIR") == null) {
      f.setFlinkConfDir(lowLatencyConfDir().toString());
    }
  }

  /**
   * The direct runner's immutability and encodability checks encode and hash every element at
   * every step: test aids that cost a batch replay about a third of its CPU (whole frame files are
   * its elements). The replay's transforms never mutate their input; the tests keep the checks on.
   */
  private static void applyDirect(ReplayOptions o, String[] args) {
    DirectOptions d = o.as(DirectOptions.class);
    if (!given(args, "targetParallelism") && isPaced(o)) {
      d.setTargetParallelism(readers(o));
    }
    if (!given(args, "enforceImmutability")) {
      d.setEnforceImmutability(false);
    }
    if (!given(args, "enforceEncodability")) {
      d.setEnforceEncodability(false);
    }
  }

  /**
   * A live replay on the direct runner: as many worker threads as readers. The runner's scheduler
   * runs on any idle worker without pause (Beam issue #18070); the readers wait for their next
   * frame in {@code advance}, so with no worker left over the scheduler runs only between their
   * waits. Measured, one detector at speed 1 on two busy cores: 0.41 core with three workers,
   * 0.08 with one.
   */
  private static boolean isPaced(ReplayOptions o) {
    try {
      return o.getSpeed() != null && !Double.isInfinite(ReplayClock.parseSpeed(o.getSpeed()));
    } catch (IllegalArgumentException e) {
      return false; // reported when the replay is built
    }
  }

  /** One reader per detector in a live replay. */
  private static int readers(ReplayOptions o) {
    return (int) Math.max(1, CheckedOptions.list(o.getDetectors()).stream().distinct().count());
  }

  /**
   * A Flink configuration directory whose only setting flushes network buffers at once. Flink
   * sends a watermark downstream when its network buffer is flushed, by default every 100 ms, so
   * every window waited up to that long after the replay clock passed its end; frames are large,
   * so flushing at once costs nothing in throughput. Beam takes Flink settings only from a
   * directory, hence a small temporary one; an operator's own --flinkConfDir or FLINK_CONF_DIR
   * wins (runners/flink/conf sets the same).
   */
  static Path lowLatencyConfDir() {
    try {
      Path dir = Files.createTempDirectory("gwreplay-flink-conf");
      // Deleted at exit in the reverse order of registration: the directory once it is empty.
      dir.toFile().deleteOnExit();
      Path conf = Files.writeString(dir.resolve("config.yaml"), FLUSH_AT_ONCE);
      conf.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a Flink configuration to the temporary directory", e);
    }
  }

  static final String FLUSH_AT_ONCE = "execution:\n  buffer-timeout:\n    interval: 0 ms\n";

  private static boolean given(String[] args, String camelName) {
    return Arrays.stream(args).anyMatch(a -> a.startsWith("--" + camelName));
  }
}
