package org.gwreplay.kafka;

/** The broker could not be reached: a failed run (exit 1), unlike bad options or input (exit 2). */
public final class KafkaUnavailableException extends RuntimeException {
  public KafkaUnavailableException(String message) {
    super(message);
  }
}
