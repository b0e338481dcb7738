package org.gwreplay.rucio;

/** Rucio refused our credentials (or the token we were given); retrying will not help. */
class RucioAuthException extends RucioException {
  private static final long serialVersionUID = 1L;

  public RucioAuthException(String message, int status, String exceptionClass) {
    super(message, status, exceptionClass);
  }
}
