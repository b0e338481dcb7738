package org.gwreplay.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.gwreplay.cli.ReplayJob;
import org.gwreplay.gwf.FrameFileName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frames released together (here: a clock anchored 10 s in the past, so ten frames per detector
 * are due at once, as after a runner's pause) still appear in GPS order: consumers depend on it
 * (DevShmSource skips a file older than the last it read; PyCBC Live takes the newest by ctime).
 * Without the ordering in the sink, the direct runner wrote most of such a burst out of order.
 */
class WriteOrderTest {

  @TempDir Path out;

  @Test
  void aBurstOfDueFramesAppearsInGpsOrder() throws Exception {
    long start = 1238166018;
    List<String> dets = List.of("H1", "L1", "V1");
    for (String d : dets) {
      Files.createDirectories(out.resolve(d));
    }
    ReplayJob job = ReplayJob.fromArgs(new String[] {"--source=demo", "--detectors=H1,L1,V1", "--gps-start=" + start,
        "--gps-end=" + (start + 14), "--speed=1", "--anchor-wall=" + Instant.now().plusSeconds(3).minusSeconds(10),
        "--output=" + out, "--status-file=none", "--retention=0"}, Instant.now());
    List<Path> arrivals = Collections.synchronizedList(new ArrayList<>());
    try (ArrivalWatcher w = new ArrivalWatcher(dets.stream().map(out::resolve).toList(), (p, at) -> arrivals.add(p))) {
      assertThat(job.pipeline().run().waitUntilFinish(), equalTo(PipelineResult.State.DONE));
      Thread.sleep(200);
    }
    for (String d : dets) {
      List<Long> order = arrivals.stream().filter(p -> p.getParent().getFileName().toString().equals(d))
          .map(p -> FrameFileName.parse(p.getFileName().toString()).gpsStart()).toList();
      List<Long> sorted = new ArrayList<>(order);
      Collections.sort(sorted);
      assertThat(d + " arrival order", order, equalTo(sorted));
      assertThat(d + " all frames", order.size(), equalTo(14));
    }
  }
}
