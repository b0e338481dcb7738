package org.gwreplay.rucio;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Which replica URLs to use and how hard to try: accepted schemes (best first), RSE
 * expression, per-download timeout, attempts per URL and the first backoff.
 */
public record DownloadPolicy(List<String> schemes, String rseExpression, Duration timeout, int attemptsPerUrl,
    long backoffMillis) implements Serializable {

  public DownloadPolicy {
    schemes = List.copyOf(schemes);
    if (schemes.isEmpty()) {
      throw new RucioConfigException("--rucioSchemes lists no scheme");
    }
    for (String s : schemes) {
      if (!List.of("davs", "https", "dav", "http", "root").contains(s)) {
        throw new RucioConfigException("--rucioSchemes: '" + s + "' is not supported (davs, https, dav, http, root)");
      }
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new RucioConfigException("--rucioDownloadTimeoutSeconds must be positive");
    }
    attemptsPerUrl = Math.max(1, attemptsPerUrl);
  }

  public static DownloadPolicy from(RucioOptions o) {
    List<String> schemes = java.util.Arrays.stream(o.getRucioSchemes().split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(java.util.Locale.ROOT)).toList();
    return new DownloadPolicy(schemes, o.getRucioRseExpression(),
        Duration.ofSeconds(o.getRucioDownloadTimeoutSeconds()), o.getRucioReplicaAttempts(), o.getRucioBackoffMillis());
  }

  /** Rank of a scheme in the user's list; -1 when not accepted. */
  int rank(String scheme) {
    return schemes.indexOf(scheme);
  }
}
