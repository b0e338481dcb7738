package org.gwreplay.rucio;

import java.io.IOException;

/** Obtains a fresh Rucio auth token: by logging in, or by reading one we were given. */
interface TokenSource {
  AuthToken obtain() throws IOException;

  /** For messages: how we authenticate, never with a secret. */
  String describe();
}
