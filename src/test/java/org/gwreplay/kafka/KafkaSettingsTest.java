package org.gwreplay.kafka;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSettingsTest {

  @TempDir Path tmp;

  @Test
  void pairsWinOverTheFileAndValuesStayOutOfLogs() throws Exception {
    Path f = tmp.resolve("site.properties");
    Files.writeString(f, "security.protocol=SASL_SSL\nacks=1\n"
        + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"s3cret,x\";\n");
    Map<String, String> m = KafkaSettings.of(f.toString(), List.of("acks=all", "compression.type=lz4"));
    assertEquals("all", m.get("acks"));
    assertEquals("SASL_SSL", m.get("security.protocol"));
    assertThat(m.get("sasl.jaas.config"), containsString("password=\"s3cret,x\""));
    assertThat(KafkaSettings.describe(m), not(containsString("s3cret")));
    KafkaClients.validateProducer(m);
  }

  @Test
  void badSettingsAreOneLineErrors() {
    assertThat(assertThrows(IllegalArgumentException.class, () -> KafkaSettings.of(tmp.resolve("none").toString(), List.of()))
        .getMessage(), containsString("cannot read the Kafka properties file"));
    assertThat(assertThrows(IllegalArgumentException.class, () -> KafkaSettings.of(null, List.of("bootstrap.servers=x:1")))
        .getMessage(), containsString("comes from the kafka:// URL"));
    assertThat(assertThrows(IllegalArgumentException.class, () -> KafkaClients.validateProducer(Map.of("acks", "most")))
        .getMessage(), containsString("acks"));
  }
}
