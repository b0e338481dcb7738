package org.gwreplay.rucio;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs in at the auth server: {@code GET /auth/userpass} (account, username, password headers)
 * or {@code GET /auth/x509} (the client certificate is on the TLS connection). The token comes
 * back in {@code X-Rucio-Auth-Token}, its end in {@code X-Rucio-Auth-Token-Expires}.
 */
final class LoginTokenSource implements TokenSource {
  private static final Logger LOG = LoggerFactory.getLogger(LoginTokenSource.class);
  /** Rucio's date format (rucio.common.utils.DATE_FORMAT). */
  static final DateTimeFormatter RUCIO_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'UTC'", Locale.ENGLISH);
  private static final long DEFAULT_LIFETIME_MS = 3_600_000L;

  private final HttpClient http;
  private final URI endpoint;
  private final Map<String, String> headers;
  private final Map<String, Secret> secretHeaders;
  private final String description;
  private final Duration timeout;
  private final ErrorDecoder errors;
  private final LongSupplier clock;

  private LoginTokenSource(HttpClient http, URI endpoint, Map<String, String> headers, Map<String, Secret> secretHeaders,
      String description, Duration timeout, ErrorDecoder errors, LongSupplier clock) {
    this.http = http;
    this.endpoint = endpoint;
    this.headers = headers;
    this.secretHeaders = secretHeaders;
    this.description = description;
    this.timeout = timeout;
    this.errors = errors;
    this.clock = clock;
  }

  static LoginTokenSource userpass(HttpClient http, RucioConfig c, ErrorDecoder errors, LongSupplier clock) {
    Map<String, String> h = baseHeaders(c);
    h.put("X-Rucio-Username", c.username);
    return new LoginTokenSource(http, c.authHost.resolve(c.authHost.getPath() + "/auth/userpass"), h,
        Map.of("X-Rucio-Password", c.password()), "userpass as " + c.account + " (user " + c.username + ")",
        c.requestTimeout, errors, clock);
  }

  static LoginTokenSource x509(HttpClient certHttp, RucioConfig c, ErrorDecoder errors, LongSupplier clock) {
    String what = c.authType == AuthType.X509 ? "certificate " + c.clientCert : "proxy " + c.x509Proxy;
    return new LoginTokenSource(certHttp, c.authHost.resolve(c.authHost.getPath() + "/auth/x509"), baseHeaders(c),
        Map.of(), "x509 as " + c.account + " (" + what + ")", c.requestTimeout, errors, clock);
  }

  private static Map<String, String> baseHeaders(RucioConfig c) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("X-Rucio-Account", c.account);
    h.put("X-Rucio-AppID", "gwreplay");
    if (c.vo != null) {
      h.put("X-Rucio-VO", c.vo);
    }
    return h;
  }

  @Override
  public AuthToken obtain() throws IOException {
    HttpRequest.Builder rb = HttpRequest.newBuilder(endpoint).timeout(timeout).GET();
    headers.forEach(rb::header);
    secretHeaders.forEach((k, v) -> rb.header(k, v.reveal()));
    HttpResponse<byte[]> r;
    try {
      r = http.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RucioException("interrupted while logging in to Rucio", e);
    } catch (IOException e) {
      throw new RucioException("cannot reach the Rucio auth server " + endpoint + ": " + Transport.describe(e), -1, null);
    }
    if (r.statusCode() == 401 || r.statusCode() == 403) {
      RucioException e = errors.decode(r, "login " + description);
      throw new RucioAuthException("Rucio refused the login " + description + ": " + e.getMessage(), r.statusCode(), e.exceptionClass());
    }
    if (r.statusCode() != 200) {
      throw errors.decode(r, "login " + description);
    }
    String token = r.headers().firstValue("X-Rucio-Auth-Token").orElse(null);
    if (token == null || token.isEmpty()) {
      throw new RucioAuthException("Rucio answered the login " + description + " without an X-Rucio-Auth-Token header", 200, null);
    }
    long now = clock.getAsLong();
    long expires = parseExpiry(r.headers().firstValue("X-Rucio-Auth-Token-Expires").orElse(null), now);
    LOG.info("logged in to Rucio: {}; token valid until {}", description, java.time.Instant.ofEpochMilli(expires));
    // Tokens may contain spaces and '=': keep them byte for byte.
    return new AuthToken(Secret.ofNullable(token), expires, now);
  }

  static long parseExpiry(String header, long now) {
    if (header == null) {
      return now + DEFAULT_LIFETIME_MS;
    }
    try {
      return LocalDateTime.parse(header.trim(), RUCIO_DATE).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException e) {
      LOG.warn("cannot read X-Rucio-Auth-Token-Expires '{}'; assuming one hour", header);
      return now + DEFAULT_LIFETIME_MS;
    }
  }

  @Override
  public String describe() {
    return description;
  }
}
