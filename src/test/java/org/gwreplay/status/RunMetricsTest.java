package org.gwreplay.status;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.gwreplay.replay.Gap;
import org.gwreplay.replay.ReplayMetrics;
import org.junit.jupiter.api.Test;

/** RunMetrics reads back what a real (direct runner) pipeline reported. */
class RunMetricsTest {

  /** Reports like a reader and two sinks would. */
  static final class Report extends DoFn<Integer, Void> {
    @ProcessElement
    public void process(@Element Integer i) {
      Metrics.counter(ReplayMetrics.NAMESPACE, ReplayMetrics.framesRead("H1")).inc(i);
      Metrics.counter("one sink", ReplayMetrics.FILES_WRITTEN).inc();
      Metrics.counter("another sink", ReplayMetrics.FILES_WRITTEN).inc();
      Metrics.stringSet(ReplayMetrics.NAMESPACE, ReplayMetrics.gaps("H1")).add(new Gap("H1", 130, 132, "catalog error: 503").report());
      Metrics.stringSet(ReplayMetrics.NAMESPACE, ReplayMetrics.gaps("H1")).add(new Gap("H1", 105, 107, "no data in the source").report());
      Metrics.stringSet(ReplayMetrics.NAMESPACE, ReplayMetrics.gaps("H1")).add("not a report");
      Metrics.stringSet(ReplayMetrics.NAMESPACE, "somethingElse_H1").add("1-2 not a gap");
    }
  }

  @Test
  void countersAreSummedByNameAndGapReportsParsedInOrder() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    p.apply(Create.of(1, 2, 3)).apply(ParDo.of(new Report()));
    PipelineResult result = p.run();
    result.waitUntilFinish();

    RunMetrics run = RunMetrics.of(result);
    assertThat(run.counters().get("framesRead_H1"), equalTo(6L));
    assertThat(run.counters().get("filesWritten"), equalTo(6L)); // both sinks, three elements each
    assertThat(run.gaps().keySet(), equalTo(java.util.Set.of("H1")));
    assertThat(run.gaps().get("H1").stream().map(Gap::toString).toList(),
        equalTo(List.of("H1 105-107 (2 s): no data in the source", "H1 130-132 (2 s): catalog error: 503")));
  }

  /** Reports like a sink: the newest GPS written, and each frame's lateness. */
  static final class Written extends DoFn<Integer, Void> {
    @ProcessElement
    public void process(@Element Integer i) {
      Metrics.distribution(ReplayMetrics.NAMESPACE, ReplayMetrics.gpsWritten("H1")).update(1238166021);
      Metrics.distribution(ReplayMetrics.NAMESPACE, ReplayMetrics.gpsWritten("H1")).update(1238166020); // a shard behind
      Metrics.distribution(ReplayMetrics.NAMESPACE, ReplayMetrics.latenessMs("H1")).update(10);
      Metrics.distribution(ReplayMetrics.NAMESPACE, ReplayMetrics.latenessMs("H1")).update(30);
    }
  }

  @Test
  void theNewestGpsWrittenIsTheMaxAndLatenessKeepsItsSummary() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    p.apply(Create.of(1)).apply(ParDo.of(new Written()));
    PipelineResult result = p.run();
    result.waitUntilFinish();

    RunMetrics run = RunMetrics.of(result);
    assertThat(run.distributions().get(ReplayMetrics.gpsWritten("H1")).getMax(), equalTo(1238166021L));
    org.apache.beam.sdk.metrics.DistributionResult late = run.distributions().get(ReplayMetrics.latenessMs("H1"));
    assertThat(List.of(late.getCount(), late.getMin(), late.getMax(), late.getSum()), equalTo(List.of(2L, 10L, 30L, 40L)));
  }

  @Test
  void reasonsAreThoseOfTheGapsOverlappingASpan() {
    RunMetrics run = new RunMetrics(Map.of(), Map.of("H1", List.of(new Gap("H1", 100, 104, "no data in the source"),
        new Gap("H1", 104, 106, "catalog error: 503"), new Gap("H1", 110, 112, "no data in the source"))));
    assertThat(run.reasons("H1", 103, 111), equalTo(List.of("no data in the source", "catalog error: 503")));
    assertThat(run.reasons("H1", 106, 110), equalTo(List.of())); // touching is not overlapping
    assertThat(run.reasons("L1", 0, 1000), equalTo(List.of()));
  }

  @Test
  void noPipelineReportsNothing() {
    assertThat(RunMetrics.of(null), equalTo(RunMetrics.NONE));
  }
}
