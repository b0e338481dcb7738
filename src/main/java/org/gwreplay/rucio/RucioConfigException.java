package org.gwreplay.rucio;

/** A missing or invalid Rucio setting; the message names the file or option and the key. */
public class RucioConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public RucioConfigException(String message) {
    super(message);
  }

  public RucioConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
