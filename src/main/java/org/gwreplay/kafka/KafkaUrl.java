package org.gwreplay.kafka;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * A Kafka destination or origin given as {@code kafka://HOST:PORT[,HOST:PORT...]/TOPIC}; the topic
 * may hold {@code {IFO}} (or {@code {ifo}}), replaced by each detector's name, e.g. {@code {IFO}_llhoft}.
 */
public record KafkaUrl(String bootstrap, String topicPattern) implements Serializable {

  public static final String SCHEME = "kafka://";
  /** Kafka's own rule for topic names, checked after the detector is put in. */
  private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");
  private static final Pattern HOST_PORT = Pattern.compile("[^\\s,/:]+:\\d{1,5}");

  public static boolean isKafka(String output) {
    return output != null && output.startsWith(SCHEME);
  }

  /** Parses the URL; anything malformed gets a one-line IllegalArgumentException naming the problem. */
  public static KafkaUrl parse(String url) {
    if (!isKafka(url)) {
      throw new IllegalArgumentException("not a Kafka URL (kafka://HOST:PORT/TOPIC): '" + url + "'");
    }
    String rest = url.substring(SCHEME.length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      throw new IllegalArgumentException("a Kafka URL names the broker and the topic, kafka://HOST:PORT/TOPIC, not '" + url + "'");
    }
    String bootstrap = rest.substring(0, slash);
    for (String hp : bootstrap.split(",")) {
      if (!HOST_PORT.matcher(hp).matches()) {
        throw new IllegalArgumentException("the broker address in '" + url + "' must be HOST:PORT (comma-separated for several), not '" + hp + "'");
      }
    }
    KafkaUrl u = new KafkaUrl(bootstrap, rest.substring(slash + 1));
    u.topicFor("H1"); // validates the pattern
    return u;
  }

  public boolean perDetector() {
    return topicPattern.contains("{IFO}") || topicPattern.contains("{ifo}");
  }

  /** The topic a detector's frames go to. */
  public String topicFor(String detector) {
    String t = topicPattern.replace("{IFO}", detector).replace("{ifo}", detector);
    if (!TOPIC.matcher(t).matches()) {
      throw new IllegalArgumentException("'" + t + "' is not a valid Kafka topic name (letters, digits, '.', '_', '-'; at most 249)");
    }
    return t;
  }

  @Override
  public String toString() {
    return SCHEME + bootstrap + "/" + topicPattern;
  }
}
