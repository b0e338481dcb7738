package org.gwreplay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Flink session cluster started by runners/flink/start-cluster for a benchmark: its own state
 * directory and ports moved by {@link #PORT_OFFSET}, so it stands beside a cluster someone else
 * runs (FlinkClusterIT's, a user's). Its CPU time is read from /proc for the JobManager and
 * TaskManager processes, whose pids the scripts leave in the state directory.
 */
final class SessionCluster implements AutoCloseable {

  static final int PORT_OFFSET = 300;
  private static final Path SCRIPTS = Path.of("runners/flink");

  private final Path runDir;
  private final List<Long> pids = new ArrayList<>();
  private final long ticksPerSecond;

  private SessionCluster(Path runDir) throws IOException, InterruptedException {
    this.runDir = runDir;
    this.ticksPerSecond = Long.parseLong(output(List.of("getconf", "CLK_TCK")).trim());
  }

  /** Starts a JobManager and {@code taskManagers} TaskManagers of {@code slots} slots each. */
  static SessionCluster start(Path runDir, int taskManagers, int slots) throws IOException, InterruptedException {
    SessionCluster c = new SessionCluster(runDir);
    try {
      c.script("start-cluster", "--taskmanagers=" + taskManagers, "--slots=" + slots);
      try (Stream<Path> s = Files.list(runDir)) {
        for (Path p : s.filter(p -> p.toString().endsWith(".pid")).toList()) {
          c.pids.add(Long.parseLong(Files.readString(p).trim()));
        }
      }
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  /** The --flinkMaster of a job for this cluster. */
  String master() {
    return "127.0.0.1:" + (8081 + PORT_OFFSET);
  }

  /** CPU time (user + system) of the cluster's processes so far. */
  long cpuNanos() {
    long ticks = 0;
    for (long pid : pids) {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // Fields after the command name in parentheses (which may hold spaces): utime, stime are the 12th, 13th.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
      } catch (IOException e) {
        throw new IllegalStateException("cluster process " + pid + " has gone: see " + runDir.resolve("log"), e);
      }
    }
    return ticks * 1_000_000_000L / ticksPerSecond;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    script("stop-cluster");
  }

  private void script(String name, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(SCRIPTS.resolve(name).toString()));
    cmd.addAll(List.of(args));
    output(cmd);
  }

  /** Runs a command with the cluster's environment: its output, or an exception with its last line when it fails. */
  private String output(List<String> cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("GWREPLAY_FLINK_RUN", runDir.toString());
    pb.environment().put("GWREPLAY_FLINK_PORT_OFFSET", Integer.toString(PORT_OFFSET));
    pb.environment().remove("GWREPLAY_FLINK_REST");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes()); // the scripts bound their own waits
    if (p.waitFor() != 0) {
      String last = out.isBlank() ? "no output" : out.strip().lines().reduce((x, y) -> y).orElseThrow();
      throw new IOException(String.join(" ", cmd) + " failed: " + last);
    }
    return out;
  }
}
