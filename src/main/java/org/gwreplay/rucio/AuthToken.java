package org.gwreplay.rucio;

/** A Rucio auth token held in memory only, with the time (epoch ms) it stops being valid. */
record AuthToken(Secret value, long expiresAtMillis, long issuedAtMillis) {

  /** Renew before expiry: with a tenth of the lifetime (at most 5 minutes) to spare. */
  boolean fresh(long nowMillis) {
    long margin = Math.min(300_000L, Math.max(0, (expiresAtMillis - issuedAtMillis) / 10));
    return nowMillis < expiresAtMillis - margin;
  }

  @Override
  public String toString() {
    return "AuthToken[<redacted>, expires " + expiresAtMillis + "]";
  }
}
