package org.gwreplay.monitor;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The server-side plots: readable ticks, escaped text, and long series merged per pixel. */
class SvgTest {

  @Test
  void ticksAreDistinctAndTextIsEscaped() {
    double[] x = {0, 1, 2, 3};
    String svg = Svg.plot("a <b> & c", "s", "ms", List.of(new Svg.Series("H1", "#ee0000", x, new double[] {0, 12000, 6000, 3000}, false)),
        false, false);
    assertThat(svg, containsString("a &lt;b&gt; &amp; c"));
    assertThat(svg, containsString(">10000<"));
    assertThat(svg, containsString(">12000<"));
    String strain = Svg.plot("t", "s", "strain", List.of(new Svg.Series("H1", "#ee0000", x, new double[] {-3e-19, 1.5e-19, 0, 2e-19}, false)),
        false, false);
    assertThat(strain, containsString(">-2e-19<"));
    assertThat(strain, not(containsString("0e-")));
  }

  @Test
  void aLongSeriesCostsAFewPointsPerPixel() {
    int n = 65536;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i / 16384.0;
      y[i] = Math.sin(i / 50.0);
    }
    String svg = Svg.plot("strain", "s", "", List.of(new Svg.Series("H1", "#ee0000", x, y, false)), false, false);
    assertThat(svg.length(), lessThan(40_000));
    assertThat(Svg.plot("empty", "s", "", List.of(), false, false), containsString("no data yet"));
  }
}
