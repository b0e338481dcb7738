package org.gwreplay.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Client settings as the Kafka ecosystem spells them ({@code acks=all}, {@code compression.type=lz4},
 * {@code security.protocol=SASL_SSL}, {@code sasl.jaas.config=...}): from a properties file (as
 * kafka-console-producer's {@code --producer.config}) and then {@code KEY=VALUE} pairs, which win.
 */
public final class KafkaSettings {

  private KafkaSettings() {}

  /** Reads the file (null or blank for none) and the pairs into one map; bad input gets a one-line error. */
  public static Map<String, String> of(String file, List<String> pairs) {
    Map<String, String> m = new TreeMap<>();
    if (file != null && !file.isBlank()) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(Path.of(file))) {
        p.load(r);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the Kafka properties file " + file + ": " + e.getMessage());
      }
      p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
    }
    for (String pair : pairs == null ? List.<String>of() : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--kafka-property takes KEY=VALUE as Kafka spells it (e.g. acks=all), not '" + pair + "'");
      }
      m.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    if (m.containsKey("bootstrap.servers")) {
      throw new IllegalArgumentException("bootstrap.servers comes from the kafka:// URL; leave it out of the Kafka properties");
    }
    return m;
  }

  /** The names only, for logs: values may be passwords or JAAS configurations. */
  public static String describe(Map<String, String> settings) {
    return settings.isEmpty() ? "no extra settings" : "settings " + String.join(", ", settings.keySet());
  }
}
