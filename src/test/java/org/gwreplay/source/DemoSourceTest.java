package org.gwreplay.source;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.gwreplay.gwf.Frame;
import org.gwreplay.gwf.GwfReader;
import org.junit.jupiter.api.Test;

/** The demo lake's spec, its files around "off" spans, and repeatable bytes. */
class DemoSourceTest {

  private static String refused(String spec) {
    return assertThrows(IllegalArgumentException.class, () -> DemoSource.parse(spec, 0)).getMessage();
  }

  @Test
  void badSettingsAreRefusedInOneLine() {
    assertThat(refused("demo:bogus=1"), equalTo("unknown demo setting 'bogus' (known: chirp, file, off, nonscience, hwinj)"));
    assertThat(refused("demo:chirp=soon"), equalTo("demo setting 'chirp=soon' needs a whole number (chirp=1238166034)"
        + " or a span GPS+SECONDS (off=1238166020+4)"));
    assertThat(refused("demo:chirp"), containsString("demo setting 'chirp' needs a whole number"));
    assertThat(refused("demo:off=1238166020"), containsString("demo setting 'off=1238166020' needs"));
    assertThat(refused("demo:off=1238166020+0"), equalTo("demo span '1238166020+0' needs a positive number of seconds after '+'"));
    assertThat(refused("demo:file=0"), equalTo("demo file duration must be 1 to 4096 s: 0"));
    assertThat(refused("demo:file=8192"), equalTo("demo file duration must be 1 to 4096 s: 8192"));
    assertThat(refused("demo:hwinj=OMC_DCPD_ADC_OVERFLOW"), containsString("is a DQ vector bit, not a state vector bit"));
  }

  @Test
  void settingsAndDefaults() {
    assertThat(DemoSource.parse("demo", 77).chirpGps(), equalTo(77L));
    assertThat(DemoSource.parse("demo:", 77).chirpGps(), equalTo(77L));
    DemoSource d = DemoSource.parse("demo: chirp = 1238166040 ,file=8,off=1238166000+4", 77);
    assertThat(d.chirpGps(), equalTo(1238166040L));
    assertThat(d.describe(), containsString("8-s files, chirp at GPS 1238166040, detector off ["));
    assertThat(DemoSource.parse("demo", 77).describe(), not(containsString("off")));
  }

  @Test
  void offSpansLeaveNoFilesAndSplitTheFilesAtTheirEdges() {
    DemoSource d = DemoSource.parse("demo:file=4,off=1000+6", 0);
    List<String> names = new ArrayList<>();
    d.files("H1", 997, 1012).forEachRemaining(f -> names.add(f.name().toString()));
    // Slots of 4 s from 996: [1000, 1004) is wholly off, [1004, 1008) keeps what follows the span.
    assertThat(names, contains("H-H1_llhoft-996-4.gwf", "H-H1_llhoft-1006-2.gwf", "H-H1_llhoft-1008-4.gwf"));
  }

  @Test
  void theSameGpsTimeGivesTheSameFrameFile() throws Exception {
    DemoSource d = new DemoSource(1238166034L, 1);
    SourceFile h = d.files("H1", 1238166030L, 1238166031L).next();
    byte[] once = d.fetch(h);
    assertArrayEquals(once, new DemoSource(1238166034L, 1).fetch(h));
    Frame f = GwfReader.read(once).get(0);
    assertThat(f.procData().get(0).name(), equalTo(DemoSource.channel("H1")));
    SourceFile l = d.files("L1", 1238166030L, 1238166031L).next();
    assertThat(java.util.Arrays.equals(once, d.fetch(l)), equalTo(false));
  }
}
