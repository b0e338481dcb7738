package org.gwreplay.monitor;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.gwreplay.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --monitor and --health-max-lag: parsed, loopback by default, bad values rejected in one line. */
class MonitorOptionsTest {

  @TempDir Path tmp;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... extra) {
    String[] base = {"--gps-start=1238166018", "--gps-end=1238166020", "--detectors=H1", "--output=" + tmp.resolve("out"),
        "--status-file=none", "--speed=max"};
    String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra)).toArray(String[]::new);
    return Main.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void addressDefaultsToLoopback() {
    assertThat(MonitorAddress.parse("8090"), equalTo(new MonitorAddress("127.0.0.1", 8090)));
    assertThat(MonitorAddress.parse(":8090"), equalTo(new MonitorAddress("127.0.0.1", 8090)));
    assertThat(MonitorAddress.parse("[::1]:0"), equalTo(new MonitorAddress("::1", 0)));
    assertThat(MonitorAddress.parse("localhost:8090").isLoopback(), equalTo(true));
    assertThat(MonitorAddress.parse("0.0.0.0:8090").isLoopback(), equalTo(false));
  }

  @Test
  void badValuesAreOneLineErrors() {
    assertThat(run("--monitor=here"), equalTo(2));
    assertThat(err.toString(StandardCharsets.UTF_8), containsString("--monitor must be [HOST:]PORT, e.g. 127.0.0.1:8090, not 'here'"));
    assertThat(run("--monitor=127.0.0.1:70000"), equalTo(2));
    assertThat(err.toString(StandardCharsets.UTF_8), containsString("--monitor port must be 0-65535, not 70000"));
    assertThat(run("--health-max-lag=0"), equalTo(2));
    assertThat(err.toString(StandardCharsets.UTF_8), containsString("--health-max-lag must be a positive number of seconds"));
    assertThat(err.toString(StandardCharsets.UTF_8), not(containsString("Exception")));
  }

  @Test
  void aPortInUseFailsTheRunInOneLine() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThat(run("--monitor=127.0.0.1:" + taken.getLocalPort()), equalTo(1));
    }
    String e = err.toString(StandardCharsets.UTF_8);
    assertThat(e, containsString("--monitor cannot listen on 127.0.0.1:"));
    assertThat(e, not(containsString("Exception")));
  }

  @Test
  void aBatchReplayServesToo() throws Exception {
    // Unpaced: no lateness and no lag to keep; the server starts and stops with the run.
    assertThat(run("--monitor=127.0.0.1:0"), equalTo(0));
  }
}
