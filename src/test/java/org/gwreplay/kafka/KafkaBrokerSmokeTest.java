package org.gwreplay.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerSmokeTest {
  @Test
  void startsAndCreatesTopics(@TempDir Path dir) throws Exception {
    long t = System.nanoTime();
    try (KafkaBroker b = KafkaBroker.start(dir, false)) {
      System.out.println("broker up in " + (System.nanoTime() - t) / 1_000_000 + " ms");
      b.createTopics("H1_llhoft");
      try (Admin a = b.admin()) {
        assertEquals(Set.of("H1_llhoft"), a.listTopics().names().get(10, TimeUnit.SECONDS));
      }
    }
  }
}
