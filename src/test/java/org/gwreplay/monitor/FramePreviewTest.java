package org.gwreplay.monitor;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.gwreplay.gwf.Compression;
import org.gwreplay.gwf.Frame;
import org.gwreplay.gwf.GwfWriter;
import org.gwreplay.gwf.ProcData;
import org.gwreplay.time.GpsTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the page shows of the newest frames, read back from real files. */
class FramePreviewTest {

  @TempDir Path tmp;

  private void write(String name, long gps, String stateChannel, int state) throws Exception {
    double[] h = new double[1024];
    for (int i = 0; i < h.length; i++) {
      h[i] = gps + i / 1024.0; // the sample is its own time: order and continuity are visible
    }
    Frame.Builder b = Frame.builder("H1", GpsTime.ofSeconds(gps), 1).addProcData(ProcData.timeSeries("H1:GDS-CALIB_STRAIN", 1024, h));
    if (stateChannel != null) {
      double[] s = new double[16];
      java.util.Arrays.fill(s, state);
      b.addProcData(ProcData.timeSeries(stateChannel, 16, s));
    }
    Files.write(tmp.resolve(name), GwfWriter.toBytes(List.of(b.build()), Compression.lowLatencyDefault()));
  }

  @Test
  void newestSecondsOfStrainAndTheStateBitsOfTheNewestFrame() throws Exception {
    for (long t = 100; t < 106; t++) {
      write("H-H1_llhoft-" + t + "-1.gwf", t, t == 105 ? "H1:GDS-CALIB_STATE_VECTOR" : null, 1 | 2 | 64 | 16384);
    }
    write(".H-H1_llhoft-106-1.gwf.tmp", 106, null, 0); // a write in progress is not a frame
    FramePreview p = FramePreview.read(tmp, "H1");
    assertThat(p.newestFile(), equalTo("H-H1_llhoft-105-1.gwf"));
    assertThat(p.strainChannel(), equalTo("H1:GDS-CALIB_STRAIN"));
    assertThat(p.strain().length, equalTo(4 * 1024));
    assertThat(p.gpsStart(), closeTo(102, 1e-9));
    assertThat(p.strain()[0], closeTo(102, 1e-9));
    assertThat(p.strain()[4 * 1024 - 1], closeTo(106 - 1 / 1024.0, 1e-9));
    assertThat(p.stateChannel(), equalTo("H1:GDS-CALIB_STATE_VECTOR"));
    assertThat(FramePreview.bitNames("H1", p.stateValue()), equalTo(List.of("HOFT_OK", "SCIENCE_INTENT", "NO_CBC_HW_INJ", "NO_GAP")));
    assertThat(FramePreview.bitNames("V1", 1 | 2 | 1024), equalTo(List.of("HOFT_OK", "SCIENCE_INTENT", "VIRGO_GOOD_DQ")));
  }

  @Test
  void aGapStopsTheStrainAtTheNewestContiguousFrames() throws Exception {
    write("H-H1_llhoft-100-1.gwf", 100, null, 0);
    write("H-H1_llhoft-103-1.gwf", 103, null, 0);
    write("H-H1_llhoft-104-1.gwf", 104, null, 0);
    FramePreview p = FramePreview.read(tmp, "H1");
    assertThat(p.gpsStart(), closeTo(103, 1e-9));
    assertThat(p.strain().length, equalTo(2 * 1024));
    assertThat(p.stateChannel(), equalTo(null));
    assertThat(FramePreview.read(tmp, "L1"), equalTo(null));
  }

  @Test
  void readsAFrameWrittenByOtherSoftware() throws Exception {
    Path sample = Paths.get(System.getProperty("gwreplay.samples", "../shared/gwf-samples")).resolve("HLV-HW100916-968654552-1.gwf");
    assumeTrue(Files.isReadable(sample), "sample " + sample + " is absent: skipped");
    Files.copy(sample, tmp.resolve(sample.getFileName()));
    FramePreview p = FramePreview.read(tmp, "V1");
    // The file holds three sites' channels: V1's own is shown, though not named like strain.
    assertThat(p.strainChannel(), equalTo("V1:h_16384Hz"));
    assertThat(p.strain().length, equalTo(16384));
    assertThat(p.strain()[0], closeTo(-1.57345210e-19, 1e-27));
    assertThat(FramePreview.read(tmp, "H1").strainChannel(), equalTo("H1:LDAS-STRAIN"));
    assertThat(p.asd().frequencies().length, equalTo(8193));
  }
}
