package org.gwreplay.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Kafka clients made the same way everywhere: bootstrap from the URL, the user's settings on top of ours. */
public final class KafkaClients {

  /** How long a launch waits for the broker before saying it cannot be reached. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private KafkaClients() {}

  private static Properties base(String bootstrap, Map<String, String> defaults, Map<String, String> settings) {
    Properties p = new Properties();
    p.putAll(defaults);
    p.putAll(settings);
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return p;
  }

  /**
   * A producer that writes each part once even when it retries (idempotence), waits for all
   * in-sync replicas, and sends at once (no linger), since frames are due at their release time.
   */
  public static KafkaProducer<byte[], byte[]> producer(String bootstrap, Map<String, String> settings) {
    Map<String, String> d = new HashMap<>();
    d.put(ProducerConfig.ACKS_CONFIG, "all");
    d.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    d.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    d.put(ProducerConfig.CLIENT_ID_CONFIG, "gwreplay");
    return new KafkaProducer<>(base(bootstrap, d, settings), new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Checks the settings as the producer will read them, so that a bad value is bad input before the run. */
  public static void validateProducer(Map<String, String> settings) {
    Properties p = base("127.0.0.1:9092", Map.of(), settings);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try {
      new ProducerConfig(p);
    } catch (org.apache.kafka.common.config.ConfigException e) {
      throw new IllegalArgumentException("Kafka setting: " + e.getMessage());
    }
  }

  /** A consumer that assigns partitions itself (no group, like kafka2frame reading partition 0). */
  public static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, Map<String, String> settings) {
    Map<String, String> d = new HashMap<>();
    d.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    d.put(ConsumerConfig.CLIENT_ID_CONFIG, "gwreplay-consume");
    d.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 << 20));
    return new KafkaConsumer<>(base(bootstrap, d, settings), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static Admin admin(String bootstrap, Map<String, String> settings) {
    Map<String, String> d = new HashMap<>();
    d.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(CONNECT_TIMEOUT.toMillis()));
    d.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(CONNECT_TIMEOUT.toMillis()));
    Properties p = base(bootstrap, d, settings);
    // Producer- and consumer-only settings would only make the admin client warn.
    p.keySet().retainAll(AdminClientConfig.configNames());
    return Admin.create(p);
  }

  /**
   * Checks before a run that the broker answers and that every topic exists with a partition 0,
   * or will be created by the broker. An unreachable broker throws KafkaUnavailableException; a
   * missing topic IllegalArgumentException; both with one line saying what to do.
   */
  public static void check(KafkaUrl url, Map<String, String> settings, Collection<String> topics) {
    try (Admin a = admin(url.bootstrap(), settings)) {
      Collection<Node> nodes;
      try {
        nodes = a.describeCluster().nodes().get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        throw new KafkaUnavailableException("cannot reach the Kafka broker at " + url.bootstrap() + " within "
            + CONNECT_TIMEOUT.toSeconds() + " s" + reason(e));
      }
      for (String topic : topics) {
        try {
          TopicDescription t = a.describeTopics(List.of(topic)).allTopicNames().get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
          if (t.partitions().stream().noneMatch(p -> p.partition() == 0)) {
            throw new IllegalArgumentException("topic " + topic + " on " + url.bootstrap() + " has no partition 0");
          }
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
            throw new KafkaUnavailableException("cannot describe topic " + topic + " on " + url.bootstrap() + reason(e));
          }
          if (!autoCreates(a, nodes)) {
            throw new IllegalArgumentException("topic " + topic + " does not exist on " + url.bootstrap()
                + " and the broker does not create topics (auto.create.topics.enable=false): create it first");
          }
        } catch (TimeoutException e) {
          throw new KafkaUnavailableException("the Kafka broker at " + url.bootstrap() + " did not describe topic " + topic + " in time");
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new KafkaUnavailableException("interrupted");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaUnavailableException("interrupted while reaching " + url.bootstrap());
    }
  }

  private static boolean autoCreates(Admin a, Collection<Node> nodes) {
    if (nodes.isEmpty()) {
      return false;
    }
    ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(nodes.iterator().next().id()));
    try {
      Config c = a.describeConfigs(List.of(broker)).all().get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(broker);
      return c.get("auto.create.topics.enable") != null && "true".equals(c.get("auto.create.topics.enable").value());
    } catch (Exception e) {
      return false; // not allowed to read the broker's settings: assume the safe answer
    }
  }

  static String reason(Exception e) {
    Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    String m = t.getMessage();
    return m == null || m.isBlank() ? "" : ": " + m.lines().findFirst().orElse(m);
  }
}
