package org.gwreplay.rucio;

import java.io.IOException;

/**
 * A failed catalog call, decoded from Rucio's {@code ExceptionClass}/{@code ExceptionMessage}
 * (or the plain-text body of a non-Rucio failure). The message never holds a secret.
 */
public class RucioException extends IOException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String exceptionClass;

  public RucioException(String message, int status, String exceptionClass) {
    super(message);
    this.status = status;
    this.exceptionClass = exceptionClass;
  }

  public RucioException(String message, Throwable cause) {
    super(message, cause);
    this.status = -1;
    this.exceptionClass = null;
  }

  /** HTTP status, or -1 when no answer came (timeout, connection refused, circuit open). */
  public int status() {
    return status;
  }

  /** Rucio's exception class name (e.g. {@code DataIdentifierNotFound}), or null. */
  public String exceptionClass() {
    return exceptionClass;
  }

  /** Worth retrying: no answer, or a server-side (5xx) failure. */
  public boolean retryable() {
    return status < 0 || status >= 500;
  }
}
