package org.gwreplay.rucio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * An OIDC/WLCG bearer token given to us (a file kept fresh by oidc-agent/htgettoken, or an
 * environment variable), sent as {@code X-Rucio-Auth-Token}. Re-read on every renewal so an
 * external refresher works; expiry from the JWT's {@code exp} claim when readable.
 */
final class BearerTokenSource implements TokenSource {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long UNKNOWN_LIFETIME_MS = 600_000L;
  private final String file;
  private final String envVar;
  private final Map<String, String> env;
  private final LongSupplier clock;

  BearerTokenSource(String file, String envVar, Map<String, String> env, LongSupplier clock) {
    this.file = file;
    this.envVar = envVar;
    this.env = env;
    this.clock = clock;
  }

  @Override
  public AuthToken obtain() throws IOException {
    String raw;
    if (file != null) {
      try {
        raw = Files.readString(Path.of(file), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new RucioAuthException("cannot read the bearer token file " + file + ": " + e.getClass().getSimpleName(), -1, null);
      }
    } else {
      raw = env.get(envVar);
      if (raw == null) {
        throw new RucioAuthException("the environment variable " + envVar + " holding the bearer token is not set", -1, null);
      }
    }
    String token = raw.strip();
    if (token.isEmpty()) {
      throw new RucioAuthException("the bearer token " + describe() + " is empty", -1, null);
    }
    long now = clock.getAsLong();
    long exp = jwtExpiry(token);
    if (exp > 0 && exp <= now) {
      throw new RucioAuthException("the bearer token " + describe() + " has expired; refresh it (e.g. oidc-token, htgettoken)", -1, null);
    }
    return new AuthToken(Secret.ofNullable(token), exp > 0 ? exp : now + UNKNOWN_LIFETIME_MS, now);
  }

  /** The JWT {@code exp} claim in epoch ms, or -1 when the token is not a readable JWT. */
  static long jwtExpiry(String token) {
    String[] parts = token.split("\\.");
    if (parts.length != 3) {
      return -1;
    }
    try {
      JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      return claims.hasNonNull("exp") ? claims.get("exp").asLong() * 1000L : -1;
    } catch (IOException | IllegalArgumentException e) {
      return -1;
    }
  }

  @Override
  public String describe() {
    return file != null ? "from file " + file : "from $" + envVar;
  }
}
