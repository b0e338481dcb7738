package org.gwreplay.rucio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rucio's REST API, the calls a reader needs: DID search, dataset files, replica lists. Tokens
 * are obtained lazily, reused, renewed before they expire and re-obtained once on a 401.
 * Server failures (5xx, timeouts) are retried with backoff, and a circuit breaker stops a run
 * of failures from turning into a flood of requests.
 */
final class RucioClient {
  /** Failed catalog calls so far (each then retried or reported). */
  final java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();
  private static final Logger LOG = LoggerFactory.getLogger(RucioClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STREAM = "application/x-json-stream";
  private static final int BREAKER_THRESHOLD = 5;

  private final RucioConfig cfg;
  private final HttpClient api;
  private final TokenSource tokens;
  private final Redactor redactor = new Redactor();
  private final ErrorDecoder errors = new ErrorDecoder(redactor);
  private final CircuitBreaker breaker;
  private final LongSupplier clock;
  private final SSLContext ssl;
  private AuthToken token;

  public static RucioClient create(RucioConfig cfg) {
    return new RucioClient(cfg, System.getenv(), System::currentTimeMillis);
  }

  RucioClient(RucioConfig cfg, Map<String, String> env, LongSupplier clock) {
    this.cfg = cfg;
    this.clock = clock;
    boolean x509 = cfg.authType == AuthType.X509 || cfg.authType == AuthType.X509_PROXY;
    String cert = cfg.authType == AuthType.X509 ? cfg.clientCert : cfg.x509Proxy;
    String key = cfg.authType == AuthType.X509 ? cfg.clientKey : cfg.x509Proxy;
    // The client certificate also goes to the API and storage: x509 sites authorise data access by it.
    this.ssl = PemTls.context(cfg.caCert, x509 ? cert : null, x509 ? key : null);
    this.api = Transport.client(ssl, cfg.requestTimeout);
    this.breaker = new CircuitBreaker(BREAKER_THRESHOLD, Math.max(1000, cfg.backoffMillis * 30), clock);
    redactor.add(cfg.authType == AuthType.USERPASS ? cfg.password() : null);
    switch (cfg.authType) {
      case USERPASS:
        tokens = LoginTokenSource.userpass(api, cfg, errors, clock);
        break;
      case X509:
      case X509_PROXY:
        tokens = LoginTokenSource.x509(api, cfg, errors, clock);
        break;
      default:
        tokens = new BearerTokenSource(cfg.tokenFile, cfg.tokenEnv, env, clock);
    }
  }

  /** The TLS context (CA bundle, client certificate) for storage downloads too. */
  SSLContext sslContext() {
    return ssl;
  }

  Redactor redactor() {
    return redactor;
  }

  /**
   * File DIDs in {@code scope} whose names match {@code nameWildcard} ({@code *} wildcard).
   * Answers for other DID types are dropped here: metadata searches ignore {@code type}.
   */
  public List<DidFile> searchFiles(String scope, String nameWildcard) throws IOException {
    Map<String, Object> filter = new LinkedHashMap<>();
    filter.put("name", nameWildcard);
    String query = "type=file&long=True&filters=" + enc(PythonLiteral.of(List.of(filter)));
    byte[] body = call("GET", "/dids/" + enc(scope) + "/dids/search?" + query, null, "search " + scope + ":" + nameWildcard);
    List<DidFile> out = new ArrayList<>();
    for (JsonNode n : lines(body)) {
      if (n.isTextual()) {
        out.add(new DidFile(scope, n.asText(), -1, null, null));
      } else if (n.isObject()) {
        String type = n.path("did_type").asText("FILE");
        if ("FILE".equalsIgnoreCase(type)) {
          out.add(didFile(n, scope));
        }
      }
    }
    return out;
  }

  /** The files of a dataset or container (recursively), with sizes and checksums. */
  public List<DidFile> listFiles(String scope, String name) throws IOException {
    byte[] body = call("GET", "/dids/" + enc(scope) + "/" + enc(name) + "/files", null, "list files of " + scope + ":" + name);
    List<DidFile> out = new ArrayList<>();
    for (JsonNode n : lines(body)) {
      out.add(didFile(n, scope));
    }
    return out;
  }

  /**
   * Replicas of the given files, PFNs restricted to {@code schemes} (without schemes each RSE
   * offers only its one best protocol). Files with no usable replica are simply absent.
   */
  public List<Replica> listReplicas(List<DidFile> files, List<String> schemes, String rseExpression) throws IOException {
    ObjectNode req = JSON.createObjectNode();
    ArrayNode dids = req.putArray("dids");
    for (DidFile f : files) {
      dids.addObject().put("scope", f.scope()).put("name", f.name());
    }
    ArrayNode sch = req.putArray("schemes");
    schemes.forEach(sch::add);
    if (rseExpression != null && !rseExpression.isBlank()) {
      req.put("rse_expression", rseExpression);
    }
    req.put("all_states", false);
    req.put("resolve_archives", false);
    byte[] body = call("POST", "/replicas/list", JSON.writeValueAsString(req), "list replicas of " + files.size() + " file(s)");
    List<Replica> out = new ArrayList<>();
    for (JsonNode n : lines(body)) {
      List<Replica.Pfn> pfns = new ArrayList<>();
      Iterator<Map.Entry<String, JsonNode>> it = n.path("pfns").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode p = e.getValue();
        pfns.add(new Replica.Pfn(e.getKey(), p.path("rse").asText(null), p.path("priority").asInt(Integer.MAX_VALUE),
            p.path("domain").asText(null)));
      }
      pfns.sort((a, b) -> Integer.compare(a.priority(), b.priority()));
      out.add(new Replica(didFile(n, n.path("scope").asText()), pfns));
    }
    return out;
  }

  private static DidFile didFile(JsonNode n, String defaultScope) {
    JsonNode bytes = n.get("bytes");
    // Sizes sometimes arrive as floats (112385.0).
    long size = bytes == null || bytes.isNull() ? -1 : Math.round(bytes.asDouble());
    return new DidFile(n.path("scope").asText(defaultScope), n.path("name").asText(),
        size, lowerOrNull(n.get("adler32")), lowerOrNull(n.get("md5")));
  }

  private static String lowerOrNull(JsonNode n) {
    return n == null || n.isNull() || n.asText().isEmpty() ? null : n.asText().toLowerCase(java.util.Locale.ROOT);
  }

  /** x-json-stream: one JSON value per line (a JSON array is accepted too). */
  private List<JsonNode> lines(byte[] body) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    String text = new String(body, StandardCharsets.UTF_8);
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n;
      try {
        n = JSON.readTree(line);
      } catch (IOException e) {
        throw new RucioException("Rucio sent a line that is not JSON: " + redactor.cleanTruncated(line, 120), 200, null);
      }
      if (n.isArray()) {
        n.forEach(out::add);
      } else {
        out.add(n);
      }
    }
    return out;
  }

  private byte[] call(String method, String pathAndQuery, String json, String what) throws IOException {
    URI uri = URI.create(cfg.rucioHost + pathAndQuery);
    RucioException last = null;
    boolean loggedInAgain = false;
    for (int attempt = 1; attempt <= cfg.attempts; attempt++) {
      if (attempt > 1) {
        backoff(attempt - 1);
      }
      long blocked = breaker.blockedForMillis();
      if (blocked > 0) {
        throw new RucioException("Rucio " + what + " not tried: the server failed " + BREAKER_THRESHOLD
            + " times in a row, pausing calls for " + (blocked + 999) / 1000 + " s" + (last == null ? "" : " (last: " + last.getMessage() + ")"), -1, null);
      }
      AuthToken t;
      try {
        t = token();
      } catch (RucioAuthException e) {
        throw e;
      } catch (RucioException e) {
        if (!e.retryable()) {
          throw e;
        }
        // The auth server failing (5xx, unreachable) is retried like any other call.
        breaker.failure();
        last = e;
        failures.incrementAndGet();
        LOG.warn("{} (attempt {}/{})", e.getMessage(), attempt, cfg.attempts);
        continue;
      }
      HttpResponse<byte[]> r;
      try {
        r = api.send(request(method, uri, json, t), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RucioException("interrupted during Rucio " + what, e);
      } catch (IOException e) {
        breaker.failure();
        last = new RucioException("Rucio " + what + " failed: " + Transport.describe(e), -1, null);
        failures.incrementAndGet();
        LOG.warn("{} (attempt {}/{})", last.getMessage(), attempt, cfg.attempts);
        continue;
      }
      int s = r.statusCode();
      if (s >= 200 && s < 300) {
        breaker.success();
        return r.body();
      }
      RucioException err = errors.decode(r, what);
      if (isAuthFailure(s, err)) {
        breaker.success();
        invalidate(t);
        if (loggedInAgain) {
          throw new RucioAuthException(err.getMessage() + " (after logging in again: " + tokens.describe() + ")", s, err.exceptionClass());
        }
        loggedInAgain = true;
        attempt--; // a refused token is not a server failure: log in again without using an attempt
        LOG.info("Rucio refused the token (HTTP {}); logging in again", s);
        continue;
      }
      if (!err.retryable()) {
        breaker.success();
        throw err;
      }
      breaker.failure();
      last = err;
      failures.incrementAndGet();
      LOG.warn("{} (attempt {}/{})", err.getMessage(), attempt, cfg.attempts);
    }
    throw Objects.requireNonNull(last);
  }

  private HttpRequest request(String method, URI uri, String json, AuthToken t) {
    HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(cfg.requestTimeout)
        .header("X-Rucio-Auth-Token", t.value().reveal()) // byte for byte: tokens may hold spaces and '='
        .header("Accept", STREAM)
        .header("X-Rucio-AppID", "gwreplay");
    if (cfg.account != null) {
      rb.header("X-Rucio-Account", cfg.account);
    }
    if (cfg.vo != null) {
      rb.header("X-Rucio-VO", cfg.vo);
    }
    if (json != null) {
      rb.header("Content-Type", "application/json");
    }
    return rb.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build();
  }

  /** 401, or Rucio 41's 400 for a missing/unreadable token. */
  private static boolean isAuthFailure(int status, RucioException err) {
    if (status == 401) {
      return true;
    }
    return status == 400 && err.exceptionClass() != null && err.exceptionClass().contains("CannotAuthenticate");
  }

  private synchronized AuthToken token() throws IOException {
    if (token == null || !token.fresh(clock.getAsLong())) {
      token = tokens.obtain();
      redactor.add(token.value());
    }
    return token;
  }

  private synchronized void invalidate(AuthToken used) {
    if (token == used) {
      token = null;
    }
  }

  private void backoff(int retry) throws RucioException {
    long ms = Math.min(60_000L, cfg.backoffMillis << Math.min(10, retry - 1));
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RucioException("interrupted while backing off", e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
