package org.gwreplay.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class RunnerDefaultsTest {

  private static FlinkPipelineOptions applied(String... args) {
    ReplayOptions o = PipelineOptionsFactory.fromArgs(args).as(ReplayOptions.class);
    RunnerDefaults.apply(o, args);
    return o.as(FlinkPipelineOptions.class);
  }

  @Test
  void flinkGetsLowLatencySettingsThatFlinkItselfReads() {
    Assumptions.assumeTrue(System.getenv("FLINK_CONF_DIR") == null, "an operator's FLINK_CONF_DIR wins");
    FlinkPipelineOptions f = applied("--runner=FlinkRunner");
    assertThat(f.getAutoWatermarkInterval(), equalTo(20L));
    assertThat(f.getMaxBundleTimeMills(), equalTo(20L));
    // Read back with Flink's own loader, as Beam does when it builds the environment.
    Configuration conf = GlobalConfiguration.loadConfiguration(f.getFlinkConfDir());
    assertThat(conf.get(ExecutionOptions.BUFFER_TIMEOUT), equalTo(Duration.ZERO));
  }

  @Test
  void theOperatorsChoicesWin() {
    FlinkPipelineOptions f = applied("--runner=FlinkRunner", "--maxBundleTimeMills=500",
        "--autoWatermarkInterval=200", "--flinkConfDir=/etc/flink");
    assertThat(f.getAutoWatermarkInterval(), equalTo(200L));
    assertThat(f.getMaxBundleTimeMills(), equalTo(500L));
    assertThat(f.getFlinkConfDir(), equalTo("/etc/flink"));
  }

  @Test
  void theDirectRunnerSkipsItsPerElementChecksUnlessAsked() {
    String[] none = {"--output=/tmp/x"};
    ReplayOptions o = PipelineOptionsFactory.fromArgs(none).as(ReplayOptions.class);
    RunnerDefaults.apply(o, none);
    assertThat(o.as(DirectOptions.class).isEnforceImmutability(), equalTo(false));
    assertThat(o.as(DirectOptions.class).isEnforceEncodability(), equalTo(false));
    String[] asked = {"--output=/tmp/x", "--enforceImmutability=true"};
    ReplayOptions p = PipelineOptionsFactory.fromArgs(asked).as(ReplayOptions.class);
    RunnerDefaults.apply(p, asked);
    assertThat(p.as(DirectOptions.class).isEnforceImmutability(), equalTo(true));
  }

  @Test
  void theDirectRunnerGetsNoFlinkSettings() {
    FlinkPipelineOptions f = applied("--output=/tmp/x");
    assertThat(f.getFlinkConfDir(), nullValue());
    assertThat(f.getAutoWatermarkInterval(), nullValue());
  }

  @Test
  void aLiveReplayOnTheDirectRunnerGetsOneWorkerPerReader() {
    assertThat(direct("--detectors=H1,L1,V1,L1").getTargetParallelism(), equalTo(3));
    assertThat(direct("--detectors=H1", "--speed=10").getTargetParallelism(), equalTo(1));
    assertThat(direct("--detectors=H1", "--targetParallelism=4").getTargetParallelism(), equalTo(4));
    // A batch replay is read in shards: it keeps the runner's own worker count.
    int runnersOwn = PipelineOptionsFactory.create().as(DirectOptions.class).getTargetParallelism();
    assertThat(direct("--detectors=H1", "--speed=max").getTargetParallelism(), equalTo(runnersOwn));
  }

  private static DirectOptions direct(String... args) {
    ReplayOptions o = PipelineOptionsFactory.fromArgs(args).as(ReplayOptions.class);
    RunnerDefaults.apply(o, args);
    return o.as(DirectOptions.class);
  }
}
