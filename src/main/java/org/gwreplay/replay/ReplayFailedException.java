package org.gwreplay.replay;

/**
 * The replay cannot deliver what it was asked for (see {@link DeliveryRule}); the message is the
 * one line the user sees. It has no cause, so it is the root of whatever the runner wraps it in.
 */
public final class ReplayFailedException extends RuntimeException {

  public ReplayFailedException(String message) {
    super(message, null, false, false);
  }
}
