package org.gwreplay.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.PipelineResult;
import org.gwreplay.monitor.MonitorServer;
import org.gwreplay.status.ReplayMonitor;
import org.gwreplay.status.RunMetrics;
import org.gwreplay.replay.ReplayPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code gwreplay} command. */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; returns the exit status (0 done, 1 failed, 2 bad options or input). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length > 0 && args[0].equals("inspect")) {
      return InspectCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
    }
    if (args.length > 0 && args[0].equals("consume")) {
      return ConsumeCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
    }
    if (args.length > 0 && args[0].equals("verify")) {
      return VerifyCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
    }
    if (Arguments.wantsHelp(args)) {
      out.print(Arguments.help());
      return 0;
    }
    ReplayJob job;
    try {
      job = ReplayJob.fromArgs(args, Instant.now());
    } catch (IllegalArgumentException e) {
      err.println("gwreplay: " + e.getMessage());
      err.println("Try 'gwreplay --help' for the options.");
      return 2;
    } catch (org.gwreplay.kafka.KafkaUnavailableException e) {
      err.println("gwreplay: " + e.getMessage());
      return 1;
    }
    if (job.isDryRun()) {
      try {
        out.print(PlanReport.render(job.spec(), ReplayPlan.of(job.spec())));
        return 0;
      } catch (RuntimeException e) {
        err.println("gwreplay: planning failed: " + rootMessage(e));
        return 1;
      }
    }
    LOG.info(job.describe());
    AtomicReference<PipelineResult> running = new AtomicReference<>();
    ReplayMonitor monitor = job.monitor(() -> RunMetrics.of(running.get()));
    MonitorServer server = job.monitorServer(monitor);
    String outcome = "failed";
    try {
      monitor.start();
      if (server != null) {
        server.start();
      }
      // The direct runner returns at once when told not to block, so the monitor can read its counters live.
      job.options().as(DirectOptions.class).setBlockOnRun(false);
      PipelineResult result = job.pipeline().run();
      running.set(result);
      PipelineResult.State state = result.waitUntilFinish();
      if (state != PipelineResult.State.DONE) {
        err.println("gwreplay: the replay ended in state " + state);
        return 1;
      }
      String failure = job.deliveryFailure(RunMetrics.of(result));
      if (failure != null) {
        err.println("gwreplay: the replay failed: " + failure);
        return 1;
      }
      outcome = "done";
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("gwreplay: the replay failed: " + rootMessage(e));
      LOG.debug("failure", e);
      return 1;
    } finally {
      if (server != null) {
        server.close();
      }
      out.print(monitor.finish(outcome));
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
