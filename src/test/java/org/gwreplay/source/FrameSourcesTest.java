package org.gwreplay.source;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.PipelineOptionsRegistrar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing a source by its scheme, through the providers listed in META-INF/services. */
class FrameSourcesTest {
  private static final String FORMS = "demo, demo:chirp=GPS,file=SECONDS,off=GPS+SECONDS,nonscience=GPS+SECONDS,hwinj=BIT,"
      + " dir:PATH, rucio:SCOPE, rucio:SCOPE:DATASET";
  @TempDir Path dir;
  private final PipelineOptions options = PipelineOptionsFactory.create();

  private IllegalArgumentException refused(String spec) {
    return assertThrows(IllegalArgumentException.class, () -> FrameSources.create(spec, 1238166018L, options));
  }

  @Test
  void everySchemeHasItsProviderAndTheirFormsMakeTheHelp() {
    assertThat(FrameSources.providers().stream().map(FrameSourceProvider::scheme).toList(), contains("demo", "dir", "rucio"));
    assertThat(FrameSources.help(), equalTo(FORMS));
  }

  @Test
  void unknownOrMissingSchemeListsTheForms() {
    assertThat(refused("ftp://host/frames").getMessage(), equalTo("unknown source scheme 'ftp' (expected one of: " + FORMS + ")"));
    assertThat(refused("demox").getMessage(), containsString("unknown source scheme 'demox'"));
    assertThat(refused(" ").getMessage(), equalTo("no --source given (one of: " + FORMS + ")"));
    assertThat(refused(null).getMessage(), containsString("no --source given"));
  }

  @Test
  void eachSchemeGoesToItsSource() throws Exception {
    FrameSource demo = FrameSources.create("demo", 1238166018L, options);
    assertThat("the chirp 16 s into the replay", ((DemoSource) demo).chirpGps(), equalTo(1238166034L));
    assertThat(((DemoSource) FrameSources.create("demo:chirp=5", 1238166018L, options)).chirpGps(), equalTo(5L));
    assertThat(FrameSources.create("dir:" + dir, 0, options).describe(), equalTo("directory " + dir.toAbsolutePath().normalize()));
    assertThat("a bare scheme is its own source's error", refused("dir").getMessage(),
        equalTo("dir: needs a directory, e.g. dir:/data/frames"));

    Path cfg = Files.writeString(dir.resolve("rucio.cfg"), String.join("\n", "[client]", "rucio_host = https://127.0.0.1:1",
        "auth_type = userpass", "account = gwreplay", "username = u", "password = p", ""));
    RucioSourceOptions rucio = options.as(RucioSourceOptions.class);
    rucio.setRucioConfig(cfg.toString());
    rucio.setRucioAccount("gwreplay"); // over any $RUCIO_ACCOUNT of the caller
    FrameSource lake = FrameSources.create("rucio:ligo", 0, options);
    assertThat(lake, instanceOf(RucioSource.class));
    assertThat(lake.describe(), containsString("rucio:ligo (names {site}-{ifo}_llhoft-{gps}-{dur}.gwf, 1000 s per query)"
        + " at https://127.0.0.1:1 (userpass, account gwreplay"));
    rucio.setRucioChunkSeconds(300);
    assertThat("the rucio options are read", refused("rucio:ligo").getMessage(), containsString("must be a power of ten"));
  }

  @Test
  void sourceOptionsAreRegisteredForEveryLauncher() {
    // Beam refuses options that no interface it was asked for declares, unless a registrar names them.
    assertThat(ServiceLoader.load(PipelineOptionsRegistrar.class).stream().map(ServiceLoader.Provider::type).toList(),
        hasItem(SourceOptionsRegistrar.class));
    assertThat(new SourceOptionsRegistrar().getPipelineOptions(), hasItem(RucioSourceOptions.class));
  }
}
