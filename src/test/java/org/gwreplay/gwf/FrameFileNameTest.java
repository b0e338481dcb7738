package org.gwreplay.gwf;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FrameFileNameTest {

  @Test
  void parsesTheLowLatencyName() {
    FrameFileName n = FrameFileName.parse("H-H1_llhoft-1238166018-1.gwf");
    assertThat(n.observatory(), equalTo("H"));
    assertThat(n.tag(), equalTo("H1_llhoft"));
    assertThat(n.gpsStart(), equalTo(1238166018L));
    assertThat(n.duration(), equalTo(1L));
    assertThat(n.gpsEnd(), equalTo(1238166019L));
    assertThat(n.toString(), equalTo("H-H1_llhoft-1238166018-1.gwf"));
  }

  @Test
  void parsesMultiSiteAndArchiveNames() {
    assertThat(FrameFileName.parse("HLV-HW100916-968654552-1.gwf").observatory(), equalTo("HLV"));
    assertThat(FrameFileName.parse("L-L1_HOFT_C00-1238163456-4096.gwf").duration(), equalTo(4096L));
  }

  @Test
  void formatsWhatItParses() {
    FrameFileName n = new FrameFileName("V", "V1Online", 1238166018, 4);
    assertThat(FrameFileName.parse(n.toString()), equalTo(n));
    assertThat(n.withGps(1238166022, 4).toString(), equalTo("V-V1Online-1238166022-4.gwf"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "H-H1_llhoft-1238166018.gwf",        // no duration
      "H-H1_llhoft-1238166018-1.gff",      // wrong extension
      "h-H1_llhoft-1238166018-1.gwf",      // lower-case site
      "H-H1-llhoft-1238166018-1.gwf",      // hyphen in tag
      "H-H1_llhoft-12381660x8-1.gwf",      // non-digit GPS
      "H-H1_llhoft-1238166018-0.gwf",      // zero duration
      "../H-H1_llhoft-1238166018-1.gwf",   // a path, not a name
      "H-H1_llhoft-1238166018--1.gwf",     // negative duration
      ""})
  void rejectsMalformedNames(String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrameFileName.parse(name));
    assertThat(FrameFileName.tryParse(name), nullValue());
    assertThat(e.getMessage().isEmpty(), equalTo(false));
  }

  @Test
  void errorShowsControlCharactersEscaped() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrameFileName.parse("H-\u0007-1-1.gwf\n"));
    assertThat(e.getMessage(), containsString("\\x07"));
  }
}
