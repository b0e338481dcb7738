package org.gwreplay.gwf;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gwreplay.time.GpsTime;
import org.junit.jupiter.api.Test;

/** Files written by the collaborations' own frame libraries (../shared/gwf-samples). */
class GwfConformanceTest {

  static final String HLV = "HLV-HW100916-968654552-1.gwf";

  @Test
  void readsTheHlvSampleAsItsReadmeDescribes() throws Exception {
    List<Frame> frames = GwfReader.read(GwfSamples.require(HLV));
    assertThat(frames.size(), equalTo(1));
    Frame f = frames.get(0);
    assertThat(f.start(), equalTo(GpsTime.ofSeconds(968654552)));
    assertThat(f.duration(), equalTo(1.0));
    assertThat(f.procData().stream().map(ProcData::name).toList(),
        contains("H1:LDAS-STRAIN", "L1:LDAS-STRAIN", "V1:h_16384Hz"));
    double[] first = {1.26329846e-17, -2.83959930e-17, -1.57345210e-19};
    for (int i = 0; i < 3; i++) {
      ProcData p = f.procData().get(i);
      assertThat(p.sampleRate(), equalTo(16384.0));
      assertThat(p.data().type(), equalTo(VectType.REAL_8));
      double[] samples = p.data().toDoubles();
      assertThat(samples.length, equalTo(16384));
      assertThat(samples[0], closeTo(first[i], Math.abs(first[i]) * 1e-8));
    }
  }

  @Test
  void everySampleInTheFolderReads() throws Exception {
    java.nio.file.Path dir = GwfSamples.dir();
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(dir), "no samples folder: skipped");
    int n = 0;
    try (var files = Files.list(dir)) {
      for (Path p : files.filter(x -> x.toString().endsWith(".gwf")).toList()) {
        List<Frame> frames = GwfReader.read(p);
        assertThat(p + " has frames", frames.isEmpty(), equalTo(false));
        for (Frame f : frames) {
          for (Channel c : f.channels()) {
            c.data().toDoubles();
          }
        }
        n++;
      }
    }
    assertThat(n > 0, equalTo(true));
  }

  @Test
  void rewritingTheSampleKeepsEverySampleBitForBit() throws Exception {
    Path sample = GwfSamples.require(HLV);
    List<Frame> original = GwfReader.read(sample);
    for (Compression c : Compression.values()) {
      byte[] written = GwfWriter.toBytes(original, c);
      List<Frame> back = GwfReader.read(written);
      assertThat(c + " round trip", back, equalTo(original));
    }
    assertThat(Files.size(sample) > 0, equalTo(true));
  }
}
