package org.gwreplay.rucio;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RucioConfigTest {
  @TempDir Path dir;

  private Path cfg(String client) throws Exception {
    Path p = dir.resolve("rucio.cfg");
    Files.writeString(p, "# a comment\n[common]\nlogdir = /var/log/rucio\n\n[client]\n" + client);
    return p;
  }

  private RucioOptions opts() {
    return PipelineOptionsFactory.as(RucioOptions.class);
  }

  @Test
  void readsClientSectionAndOptionsOverrideIt() throws Exception {
    Path p = cfg("rucio_host = https://rucio.example.org/\nauth_host: https://auth.example.org\nauth_type = userpass\n"
        + "account = alice\nusername = al\npassword = pw-from-file\nca_cert = /etc/grid-security/certificates\n");
    RucioOptions o = opts();
    o.setRucioAccount("bob");
    RucioConfig c = RucioConfig.load(o, Map.of("RUCIO_CONFIG", p.toString(), "RUCIO_ACCOUNT", "carol"));
    assertThat(c.rucioHost.toString(), equalTo("https://rucio.example.org"));
    assertThat(c.authHost.toString(), equalTo("https://auth.example.org"));
    assertThat(c.account, equalTo("bob"));
    assertThat(c.password().reveal(), equalTo("pw-from-file"));
    assertThat(c.toString(), not(containsString("pw-from-file")));
  }

  @Test
  void environmentAccountAndPasswordVariable() throws Exception {
    Path p = cfg("rucio_host = https://r.example.org\nauth_type = userpass\naccount = alice\nusername = al\n");
    RucioOptions o = opts();
    o.setRucioConfig(p.toString());
    RucioConfig c = RucioConfig.load(o, Map.of("RUCIO_ACCOUNT", "carol", "RUCIO_PASSWORD", "pw-env"));
    assertThat(c.account, equalTo("carol"));
    assertThat(c.password().reveal(), equalTo("pw-env"));
  }

  @Test
  void rucioHomeIsSearched() throws Exception {
    Files.createDirectories(dir.resolve("home/etc"));
    Files.writeString(dir.resolve("home/etc/rucio.cfg"), "[client]\nrucio_host=https://h.example.org\nauth_type=oidc\n");
    RucioConfig c = RucioConfig.load(opts(), Map.of("RUCIO_HOME", dir.resolve("home").toString(), "BEARER_TOKEN", "t"));
    assertThat(c.authType, equalTo(AuthType.TOKEN));
  }

  @Test
  void clearMessagesNameFileAndKey() throws Exception {
    Path p = cfg("rucio_host = https://r.example.org\nauth_type = userpass\nusername = al\npassword = hunter2hunter2\n");
    RucioOptions o = opts();
    o.setRucioConfig(p.toString());
    RucioConfigException e = assertThrows(RucioConfigException.class, () -> RucioConfig.load(o, Map.of()));
    assertThat(e.getMessage(), containsString(p.toString()));
    assertThat(e.getMessage(), containsString("account"));
    assertThat(e.getMessage(), not(containsString("hunter2")));

    Path bad = cfg("rucio_host = http://plain.example.org\nauth_type = userpass\n");
    o.setRucioConfig(bad.toString());
    assertThat(assertThrows(RucioConfigException.class, () -> RucioConfig.load(o, Map.of())).getMessage(),
        containsString("rucio_host must be an https:// URL"));

    o.setRucioConfig(dir.resolve("missing.cfg").toString());
    assertThat(assertThrows(RucioConfigException.class, () -> RucioConfig.load(o, Map.of())).getMessage(),
        containsString("missing.cfg (from --rucioConfig) does not exist"));

    Path kerberos = cfg("rucio_host = https://r.example.org\nauth_type = gss\naccount = a\n");
    o.setRucioConfig(kerberos.toString());
    assertThat(assertThrows(RucioConfigException.class, () -> RucioConfig.load(o, Map.of())).getMessage(),
        containsString("auth_type 'gss' is not supported"));
  }

  @Test
  void malformedLineIsNotEchoed() throws Exception {
    Path p = dir.resolve("rucio.cfg");
    Files.writeString(p, "[client]\nmy password is hunter2\n");
    RucioOptions o = opts();
    o.setRucioConfig(p.toString());
    RucioConfigException e = assertThrows(RucioConfigException.class, () -> RucioConfig.load(o, Map.of()));
    assertThat(e.getMessage(), containsString("line 2"));
    assertThat(e.getMessage(), not(containsString("hunter2")));
  }

  @Test
  void optionsParseFromTheCommandLine() {
    RucioOptions o = PipelineOptionsFactory.fromArgs("--rucioHost=https://h.example.org", "--rucioAttempts=5",
        "--rucioSchemes=davs").as(org.apache.beam.sdk.options.PipelineOptions.class).as(RucioOptions.class);
    assertThat(o.getRucioHost(), equalTo("https://h.example.org"));
    assertThat(o.getRucioAttempts(), equalTo(5));
    assertThat(o.getRucioReplicaAttempts(), equalTo(2));
  }

  @Test
  void pythonLiteralsForDidSearch() {
    assertThat(PythonLiteral.of(java.util.List.of(Map.of("name", "H-H1*", "gps_start.gte", 1238163500L))),
        containsString("'name': 'H-H1*'"));
    assertThat(PythonLiteral.of(java.util.Arrays.asList(true, false, null, "it's")), equalTo("[True, False, None, 'it\\'s']"));
  }
}
