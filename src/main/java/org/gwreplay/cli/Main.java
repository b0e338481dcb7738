package org.gwreplay.cli;

import java.io.PrintStream;
import java.time.Instant;
import org.apache.beam.sdk.PipelineResult;
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
    try {
      PipelineResult result = job.pipeline().run();
      PipelineResult.State state = result.waitUntilFinish();
      if (state != PipelineResult.State.DONE) {
        err.println("gwreplay: the replay ended in state " + state);
        return 1;
      }
      LOG.info("replay done");
      return 0;
    } catch (RuntimeException e) {
      err.println("gwreplay: the replay failed: " + rootMessage(e));
      LOG.debug("failure", e);
      return 1;
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
