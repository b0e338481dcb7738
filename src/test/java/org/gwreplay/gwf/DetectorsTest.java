package org.gwreplay.gwf;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DetectorsTest {

  @Test
  void siteLettersOfTheKnownDetectors() {
    assertThat(Detectors.known(), equalTo(List.of("H1", "H2", "L1", "V1", "G1", "K1", "I1")));
    assertThat(Detectors.site("H2"), equalTo("H"));
    assertThat(Detectors.site("K1"), equalTo("K"));
    assertThat(Detectors.isKnown("h1"), equalTo(false));
    assertThat(assertThrows(IllegalArgumentException.class, () -> Detectors.site("X1")).getMessage(),
        equalTo("unknown detector 'X1' (known: H1, H2, L1, V1, G1, K1, I1)"));
  }
}
