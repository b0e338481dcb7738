package org.gwreplay.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.gwreplay.time.Segment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --segments clipped to --gps-start/--gps-end, and a list that misses the range refused. */
class SegmentsOptionTest {

  @TempDir Path tmp;

  private ReplayJob job(Path segments, long start, long end) {
    return ReplayJob.fromArgs(new String[] {"--segments=" + segments, "--gps-start=" + start, "--gps-end=" + end,
        "--output=" + tmp.resolve("out"), "--dry-run"}, Instant.now());
  }

  @Test
  void theListIsClippedToTheRangeAndARangeOutsideItIsRefused() throws Exception {
    Path list = Files.writeString(tmp.resolve("segs.txt"), "1238166000 1238166100\n1238166200 1238166300\n");
    assertThat(job(list, 1238166050, 1238166250).spec().segments().segments(),
        equalTo(List.of(new Segment(1238166050, 1238166100), new Segment(1238166200, 1238166250))));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> job(list, 1238166400, 1238166500));
    assertThat(e.getMessage(), equalTo("no segment of " + list + " overlaps the GPS range given"));
  }
}
