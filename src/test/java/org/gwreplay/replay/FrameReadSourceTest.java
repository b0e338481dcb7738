package org.gwreplay.replay;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.sameInstance;

import java.util.Iterator;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.gwreplay.source.FrameSource;
import org.gwreplay.source.SourceFile;
import org.gwreplay.time.SegmentList;
import org.junit.jupiter.api.Test;

/**
 * How the retries metric is fed. Found by the soak benchmark: on the direct runner the detectors'
 * splits shared one source, so each detector reported the retries of all, and the readers the
 * runner re-creates (at random, from checkpoints) counted the same failures again.
 */
class FrameReadSourceTest {

  /** A source that keeps a failure count per instance, as the Rucio source does per session. */
  private static final class CountingSource implements FrameSource {
    long failures;

    @Override
    public Iterator<SourceFile> files(String detector, long gpsStart, long gpsEnd) {
      return List.<SourceFile>of().iterator();
    }

    @Override
    public byte[] fetch(SourceFile file) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long retries() {
      return failures;
    }

    @Override
    public FrameSource forDetector(String detector) {
      return new CountingSource();
    }

    @Override
    public String describe() {
      return "counting";
    }
  }

  private static FrameReadSource source(String... detectors) {
    return new FrameReadSource(ReplaySpec.builder().setSource(new CountingSource()).setDetectors(List.of(detectors))
        .setSegments(SegmentList.of(1238166018L, 1238166030L)).build());
  }

  @Test
  void eachDetectorsSplitHasASourceOfItsOwn() {
    List<FrameReadSource> splits = source("H1", "L1").split(2, PipelineOptionsFactory.create());
    ((CountingSource) splits.get(1).spec().source()).failures = 2;
    assertThat(splits.get(0).spec().source(), not(sameInstance(splits.get(1).spec().source())));
    assertThat(splits.get(0).unreportedRetries(), equalTo(0L));
    assertThat(splits.get(1).unreportedRetries(), equalTo(2L));
  }

  @Test
  void retriesAreReportedOnceWhateverTheReadersOfTheSplit() {
    FrameReadSource split = source("H1", "L1").split(2, PipelineOptionsFactory.create()).get(0);
    CountingSource counts = (CountingSource) split.spec().source();
    counts.failures = 2;
    assertThat(split.unreportedRetries(), equalTo(2L));
    // A reader re-created on the same split (same source, same running total) adds only what is new.
    assertThat(split.unreportedRetries(), equalTo(0L));
    counts.failures = 5;
    assertThat(split.unreportedRetries(), equalTo(3L));
  }
}
