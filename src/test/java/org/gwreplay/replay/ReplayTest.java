package org.gwreplay.replay;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.gwreplay.sink.DirectoryTarget;
import org.gwreplay.sink.SharedDirectory;
import org.gwreplay.source.DemoSource;
import org.gwreplay.time.GpsTime;
import org.gwreplay.time.SegmentList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Replay.of(spec).to(target)}: the pipeline's steps, as the target asks for them, and what it writes. */
class ReplayTest {

  @TempDir Path out;

  private static final long START = 1238166018;

  private static ReplaySpec spec(ReplayClock clock) {
    return ReplaySpec.builder().setSource(new DemoSource(START + 100, 4)).setDetectors(List.of("H1"))
        .setSegments(SegmentList.of(START, START + 4)).setClock(clock).build();
  }

  /** The top-level steps, in order. */
  private static List<String> steps(Pipeline p) {
    List<String> names = new ArrayList<>();
    p.traverseTopologically(new Pipeline.PipelineVisitor.Defaults() {
      @Override
      public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
        if (!node.isRootNode()) {
          names.add(node.getFullName());
          return CompositeBehavior.DO_NOT_ENTER_TRANSFORM;
        }
        return CompositeBehavior.ENTER_TRANSFORM;
      }
    });
    return names;
  }

  private DirectoryTarget target() {
    return new DirectoryTarget(SharedDirectory.of(out, "{ifo}"), 0);
  }

  @Test
  void unpacedReplayIntoADirectoryWritesEveryFrameWithoutTheReleaseStep() throws Exception {
    Pipeline p = Replay.of(spec(ReplayClock.unpaced())).to(target()).pipeline(PipelineOptionsFactory.create());
    assertThat(steps(p), equalTo(List.of("ReadFrames", "SharedVolumeSink")));
    p.run().waitUntilFinish();
    try (Stream<Path> files = Files.list(out.resolve("H1"))) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted().toList(), equalTo(List.of(
          "H-H1_llhoft-" + START + "-1.gwf", "H-H1_llhoft-" + (START + 1) + "-1.gwf", "H-H1_llhoft-" + (START + 2) + "-1.gwf",
          "H-H1_llhoft-" + (START + 3) + "-1.gwf")));
    }
  }

  @Test
  void pacedReplayIsReleasedByTheClockFirst() {
    ReplayClock paced = ReplayClock.paced(GpsTime.ofSeconds(START), Instant.now(), 1, Duration.ZERO);
    assertThat(steps(Replay.of(spec(paced)).to(target()).pipeline(PipelineOptionsFactory.create())),
        equalTo(List.of("ReadFrames", "ReleaseFrames", "SharedVolumeSink")));
  }
}
