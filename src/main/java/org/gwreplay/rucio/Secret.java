package org.gwreplay.rucio;

import java.io.Serializable;

/**
 * A password or token that must never be printed: {@link #toString()} is redacted, so a secret
 * that slips into a log line or an exception message shows as {@code <redacted>}.
 */
final class Secret implements Serializable {
  private static final long serialVersionUID = 1L;
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** Null or empty input gives null, so "not configured" stays a plain null check. */
  public static Secret ofNullable(String value) {
    return value == null || value.isEmpty() ? null : new Secret(value);
  }

  /** The secret itself; only for putting on the wire. */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "<redacted>";
  }
}
