package org.gwreplay.source;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.gwreplay.rucio.RucioConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code rucio:} spec and the lake layout it implies, checked before any server is asked. */
class RucioSourceSpecTest {
  @TempDir Path dir;

  private Path cfg(String client) throws Exception {
    Path p = dir.resolve("rucio.cfg");
    Files.writeString(p, "[client]\n" + client);
    return p;
  }

  @Test
  void sourceSpecIsValidatedEarly() throws Exception {
    Path p = cfg("rucio_host = https://r.example.org\nauth_type = oidc\n");
    RucioSourceOptions o = PipelineOptionsFactory.as(RucioSourceOptions.class);
    o.setRucioConfig(p.toString());
    o.setRucioTokenEnv("MY_TOKEN");
    assertThat(assertThrows(RucioConfigException.class, () -> RucioSource.create("file:/data", o, Map.of())).getMessage(),
        containsString("'rucio:SCOPE' or 'rucio:SCOPE:DATASET'"));
    assertThat(assertThrows(RucioConfigException.class, () -> RucioSource.create("rucio:bad scope", o, Map.of())).getMessage(),
        containsString("scope"));
    o.setRucioChunkSeconds(300);
    assertThat(assertThrows(RucioConfigException.class, () -> RucioSource.create("rucio:ligo", o, Map.of())).getMessage(),
        containsString("power of ten"));
    o.setRucioChunkSeconds(1000);
    o.setRucioNamePattern("H-H1_llhoft.gwf");
    assertThat(assertThrows(RucioConfigException.class, () -> RucioSource.create("rucio:ligo", o, Map.of())).getMessage(),
        containsString("{gps}"));
    o.setRucioNamePattern(LakeLayout.DEFAULT_NAME_PATTERN);
    o.setRucioSchemes("gsiftp");
    assertThat(assertThrows(RucioConfigException.class, () -> RucioSource.create("rucio:ligo", o, Map.of())).getMessage(),
        containsString("'gsiftp' is not supported"));
  }

  @Test
  void nameWildcardsNarrowToLeadingGpsDigits() {
    LakeLayout l = new LakeLayout("ligo", null, LakeLayout.DEFAULT_NAME_PATTERN, 1000, 4096);
    assertThat(l.nameWildcard("H1", l.chunkOf(1238166018L)), equalTo("H-H1_llhoft-1238166*-*.gwf"));
    assertThat(l.nameRegex("L1").matcher("L-L1_llhoft-1238166018-1.gwf").matches(), equalTo(true));
    assertThat(l.nameRegex("L1").matcher("H-H1_llhoft-1238166018-1.gwf").matches(), equalTo(false));
    LakeLayout ds = new LakeLayout("ligo", "O3_{ifo}_{gps/100000}", LakeLayout.DEFAULT_NAME_PATTERN, 1000, 1);
    assertThat(ds.datasetName("V1", ds.chunkOf(1238166018L)), equalTo("O3_V1_12381"));
  }
}
