package org.gwreplay.monitor;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gwreplay.gwf.FrameFileName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor's endpoints during a real paced replay of the demo lake on the direct runner. */
class MonitorEndpointsTest {

  @TempDir Path tmp;

  private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)\\{detector=\"([A-Z0-9]+)\"(?:,le=\"([^\"]+)\")?\\} (\\S+)$", Pattern.MULTILINE);

  /** name{detector="X"} (and name{detector="X",le="B"} as name@B) -> value. */
  static Map<String, Double> parse(String text) {
    Map<String, Double> m = new HashMap<>();
    Matcher x = SAMPLE.matcher(text);
    while (x.find()) {
      m.put(x.group(1) + "{" + x.group(2) + "}" + (x.group(3) == null ? "" : "@" + x.group(3)), Double.parseDouble(x.group(4)));
    }
    Matcher clock = Pattern.compile("^gwreplay_replay_clock_gps_seconds (\\S+)$", Pattern.MULTILINE).matcher(text);
    if (clock.find()) {
      m.put("clock", Double.parseDouble(clock.group(1)));
    }
    return m;
  }

  @Test
  void endpointsAnswerWhileTheReplayRunsAndAgreeWithTheFiles() throws Exception {
    // Secrets given on the command line (the demo source ignores them) must never be shown.
    try (LiveReplay run = new LiveReplay(tmp, "H1,V1", 30, "--rucio-x509-proxy=/secret-dir/x509up_u0",
        "--rucio-token-file=/secret-dir/token", "--rucio-password-env=SECRET_ENV_NAME")) {
      run.awaitFiles("H1", 4);
      run.awaitFiles("V1", 4);

      HttpResponse<String> metrics = run.get("/metrics");
      assertThat(metrics.statusCode(), equalTo(200));
      assertThat(metrics.headers().firstValue("Content-Type").orElse(""), startsWith("text/plain"));
      assertThat(metrics.body(), containsString("# TYPE gwreplay_lateness_seconds histogram"));
      assertFilesAgree(run, "H1");
      assertFilesAgree(run, "V1");

      HttpResponse<String> health = run.get("/health");
      assertThat(health.body(), health.statusCode(), equalTo(200));
      JsonNode h = new ObjectMapper().readTree(health.body());
      assertThat(h.path("healthy").asBoolean(), equalTo(true));
      assertThat(h.path("lagSeconds").has("H1"), equalTo(true));

      HttpResponse<String> page = run.get("/");
      assertThat(page.statusCode(), equalTo(200));
      assertThat(page.body(), containsString("<script src=\"/app.js\""));
      assertThat(run.get("/app.js").statusCode(), equalTo(200));
      HttpResponse<String> svg = run.get("/plot/asd.svg?detector=H1");
      assertThat(svg.headers().firstValue("Content-Type").orElse(""), equalTo("image/svg+xml"));
      assertThat(svg.body(), containsString("H1:GDS-CALIB_STRAIN"));
      JsonNode data = new ObjectMapper().readTree(run.get("/status.json").body());
      assertThat(data.path("detectors").get(0).path("strainChannel").asText(), equalTo("H1:GDS-CALIB_STRAIN"));
      // The demo frames carry the llhoft state vector, observing: the page shows it.
      assertThat(data.path("detectors").get(0).path("stateChannel").asText(), equalTo("H1:GDS-CALIB_STATE_VECTOR"));

      // Read-only: anything but GET and HEAD is refused, on every path.
      for (String path : List.of("/metrics", "/health", "/", "/status.json", "/plot/strain.svg?detector=H1")) {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
          HttpResponse<String> r = run.send(method, path);
          assertThat(method + " " + path, r.statusCode(), equalTo(405));
          assertThat(r.headers().firstValue("Allow").orElse(""), equalTo("GET, HEAD"));
        }
      }
      assertThat(run.send("HEAD", "/health").statusCode(), equalTo(200));
      assertThat(run.get("/../etc/passwd").statusCode(), equalTo(404));
      assertThat(run.get("/plot/strain.svg?detector=X9").statusCode(), equalTo(404));

      for (String path : List.of("/metrics", "/health", "/status.json", "/")) {
        String body = run.get(path).body();
        assertThat(path, body, not(containsString("secret-dir")));
        assertThat(path, body, not(containsString("SECRET_ENV_NAME")));
      }
      assertThat(run.awaitExit(), equalTo(0));
    }
  }

  @Test
  void servesOnEmbeddedFlinkToo() throws Exception {
    try (LiveReplay run = new LiveReplay(tmp, "L1", 20, "--runner=FlinkRunner", "--flinkMaster=[local]", "--start-delay=6")) {
      run.awaitFiles("L1", 3);
      Map<String, Double> m = parse(run.get("/metrics").body());
      assertThat(m.toString(), m.get("gwreplay_frames_written_total{L1}"), greaterThanOrEqualTo(1.0));
      assertThat(m.get("gwreplay_lateness_seconds_count{L1}"), greaterThanOrEqualTo(1.0));
      assertThat(run.get("/health").statusCode(), equalTo(200));
      assertThat(run.get("/plot/strain.svg?detector=L1").body(), containsString("L1:GDS-CALIB_STRAIN"));
      assertThat(run.awaitExit(), equalTo(0));
    }
  }

  /**
   * The metrics are a snapshot (refreshed every 2 s) of the files seen appear: the counted files
   * are the oldest ones on disk (they appear in GPS order), their sizes add up to the bytes, the
   * newest of them ends at the newest GPS, and the lateness histogram saw at least as many.
   */
  private static void assertFilesAgree(LiveReplay run, String detector) throws Exception {
    AssertionError last = null;
    // The runner reports its counters (gaps, retries, fetches) from its first committed bundle on.
    for (int attempt = 0; attempt < 10; attempt++) {
      Map<String, Double> m = parse(run.get("/metrics").body());
      List<Path> files = run.files(detector);
      try {
        int n = m.get("gwreplay_frames_written_total{" + detector + "}").intValue();
        assertThat(n, greaterThanOrEqualTo(1));
        assertThat(files.size(), greaterThanOrEqualTo(n));
        long bytes = 0;
        for (Path f : files.subList(0, n)) {
          bytes += Files.size(f);
        }
        assertThat(m.get("gwreplay_bytes_written_total{" + detector + "}").longValue(), equalTo(bytes));
        long newestEnd = FrameFileName.parse(files.get(n - 1).getFileName().toString()).gpsEnd();
        assertThat(m.get("gwreplay_newest_gps_written_seconds{" + detector + "}").longValue(), equalTo(newestEnd));
        assertThat(m.get("gwreplay_lateness_seconds_count{" + detector + "}"), greaterThanOrEqualTo((double) n));
        assertThat(m.get("gwreplay_lateness_seconds_bucket{" + detector + "}@+Inf"), greaterThanOrEqualTo((double) n));
        assertThat(m.get("gwreplay_gap_seconds_total{" + detector + "}"), equalTo(0.0));
        assertThat(m.get("gwreplay_retries_total{" + detector + "}"), equalTo(0.0));
        assertThat(m.get("gwreplay_source_fetch_failures_total{" + detector + "}"), equalTo(0.0));
        // Demo files hold 4 s: every 4 frames written needed one fetched (the fetch runs ahead).
        assertThat(m.get("gwreplay_source_files_fetched_total{" + detector + "}"), greaterThanOrEqualTo(Math.ceil(n / 4.0)));
        assertThat(m.get("clock"), greaterThanOrEqualTo((double) newestEnd - 1));
        assertThat(m.get("gwreplay_lag_seconds{" + detector + "}"), lessThanOrEqualTo(30.0));
        return;
      } catch (AssertionError | NullPointerException e) {
        last = e instanceof AssertionError a ? a : new AssertionError("missing metric for " + detector + ": " + m, e);
        System.err.println("not yet: " + last.getMessage());
        Thread.sleep(1000);
      }
    }
    throw last;
  }
}
