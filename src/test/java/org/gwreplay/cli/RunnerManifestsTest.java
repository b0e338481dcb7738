package org.gwreplay.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Kubernetes manifests are valid YAML with the shared volume mounted, and their job arguments parse. */
class RunnerManifestsTest {

  private static JsonNode read(String file) throws Exception {
    return new ObjectMapper(new YAMLFactory()).readTree(Path.of("runners/k8s", file).toFile());
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void flinkDeploymentMountsAnInMemorySharedVolume() throws Exception {
    JsonNode d = read("flink-deployment.yaml");
    assertThat(d.path("apiVersion").asText(), equalTo("flink.apache.org/v1beta1"));
    assertThat(d.path("kind").asText(), equalTo("FlinkDeployment"));
    assertThat(d.path("spec").path("flinkVersion").asText(), equalTo("v1_19"));
    JsonNode pod = d.path("spec").path("podTemplate").path("spec");
    assertThat(pod.path("volumes").get(0).path("emptyDir").path("medium").asText(), equalTo("Memory"));
    assertThat(pod.path("containers").get(0).path("volumeMounts").get(0).path("mountPath").asText(), equalTo("/data"));
    assertThat(d.path("spec").path("job").path("jarURI").asText(), equalTo("local:///opt/gwreplay/lib/gwreplay.jar"));
    List<String> args = strings(d.path("spec").path("job").path("args"));
    assertThat(args, hasItem("--output=/data"));
    assertThat(args, hasItem("--runner=FlinkRunner"));
    // The arguments are ones gwreplay accepts (validated as a dry run, output elsewhere).
    List<String> dry = new ArrayList<>(args);
    dry.replaceAll(a -> a.startsWith("--output=") ? "--output=" + System.getProperty("java.io.tmpdir") + "/k8s-check" : a);
    dry.add("--dry-run");
    ReplayJob.fromArgs(dry.toArray(new String[0]), Instant.now());
  }

  @Test
  void directDeploymentSharesTheVolumeWithAPipelineContainer() throws Exception {
    JsonNode d = read("direct-deployment.yaml");
    assertThat(d.path("kind").asText(), equalTo("Deployment"));
    JsonNode pod = d.path("spec").path("template").path("spec");
    assertThat(pod.path("volumes").get(0).path("emptyDir").path("medium").asText(), equalTo("Memory"));
    assertThat(pod.path("containers").size(), equalTo(2));
    assertThat(pod.path("containers").get(1).path("volumeMounts").get(0).path("readOnly").asBoolean(), equalTo(true));
    JsonNode replay = pod.path("containers").get(0);
    // The probes ask the monitor's /health on the port it listens on.
    assertThat(replay.path("readinessProbe").path("httpGet").path("path").asText(), equalTo("/health"));
    assertThat(replay.path("livenessProbe").path("httpGet").path("path").asText(), equalTo("/health"));
    assertThat(replay.path("ports").get(0).path("containerPort").asInt(), equalTo(8090));
    List<String> args = strings(replay.path("args"));
    assertThat(args, hasItem("--monitor=0.0.0.0:8090"));
    args.replaceAll(a -> a.startsWith("--output=") ? "--output=" + System.getProperty("java.io.tmpdir") + "/k8s-check" : a);
    args.add("--dry-run");
    ReplayJob.fromArgs(args.toArray(new String[0]), Instant.now());
  }
}
