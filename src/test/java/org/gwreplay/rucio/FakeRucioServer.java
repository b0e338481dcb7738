package org.gwreplay.rucio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A Rucio REST API inside the tests, on 127.0.0.1 over HTTPS.
 *
 * <p>Why not a real Rucio server: Rucio is a Python/Flask application needing PostgreSQL or
 * another SQL database, installed from PyPI or run from Docker images; neither PyPI nor Docker
 * is reachable here and Debian packages neither Rucio nor its server stack. So this class
 * speaks the wire format taken from Rucio's own source (lib/rucio/web/rest/flaskapi/v1/
 * auth.py, dids.py, replicas.py, common.py; lib/rucio/client/*.py) and the facts checked
 * against a real server (DESIGN section 6):
 * <ul>
 *   <li>{@code GET /auth/userpass} (X-Rucio-Account, X-Rucio-Username, X-Rucio-Password) and
 *       {@code GET /auth/x509} (client certificate) answer 200 with {@code X-Rucio-Auth-Token}
 *       (a value with spaces and '=') and {@code X-Rucio-Auth-Token-Expires} in Rucio's date
 *       format; refusal is 401 {@code CannotAuthenticate}.
 *   <li>A missing token is 400, a bad or expired one 401.
 *   <li>{@code GET /dids/{scope}/dids/search}: {@code filters} is a Python literal (JSON
 *       true/false/null give a 500), {@code long} must be {@code True}; the answer is
 *       {@code application/x-json-stream}, one object per line with {@code bytes} as a float.
 *   <li>{@code GET /dids/{scope}/{name}/files}: one line per file with bytes and adler32; an
 *       unknown DID is 404 {@code DataIdentifierNotFound}.
 *   <li>{@code POST /replicas/list}: JSON body with dids and schemes; a line per file that has
 *       replicas, {@code pfns} keyed by URL with rse/domain/priority; files with none are left
 *       out; {@code ?limit=} is a 500.
 *   <li>Errors: JSON body {@code ExceptionClass}/{@code ExceptionMessage} with header copies cut
 *       at 125 characters; other failures are 500 with plain text.
 * </ul>
 */
final class FakeRucioServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final java.time.format.DateTimeFormatter DATE = LoginTokenSource.RUCIO_DATE;

  /** A registered file and its replicas (URL -> RSE, in priority order). */
  record FileEntry(String scope, String name, long bytes, String adler32, String md5, Map<String, String> replicas) {}

  private final HttpsServer server;
  final Map<String, FileEntry> files = new ConcurrentHashMap<>();
  final Map<String, List<String>> datasets = new ConcurrentHashMap<>();
  final Map<String, String> passwords = new ConcurrentHashMap<>(); // "account/user" -> password
  final Set<String> bearerTokens = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> tokens = new ConcurrentHashMap<>(); // token -> expiry ms
  volatile long tokenLifetimeMillis = 3_600_000L;
  final AtomicInteger logins = new AtomicInteger();
  final AtomicInteger apiCalls = new AtomicInteger();
  final List<String> searches = new CopyOnWriteArrayList<>();
  final List<String> requestLog = new CopyOnWriteArrayList<>();
  final List<JsonNode> replicaRequests = new CopyOnWriteArrayList<>();
  final List<String> x509Subjects = new CopyOnWriteArrayList<>();
  /** Answers still to fail with a plain-text 500, for paths starting with the key. */
  final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

  FakeRucioServer(SSLContext ssl) throws IOException {
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(ssl) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters p = ssl.getDefaultSSLParameters();
        p.setWantClientAuth(true); // x509 auth reads the client certificate; others need none
        params.setSSLParameters(p);
      }
    });
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  String url() {
    return "https://127.0.0.1:" + server.getAddress().getPort();
  }

  void addFile(FileEntry f) {
    files.put(f.scope() + ":" + f.name(), f);
  }

  /** Answers still to be held back this long before answering, for paths starting with the key. */
  final Map<String, AtomicInteger> slow = new ConcurrentHashMap<>();
  volatile long slowMillis = 0;

  void slowNext(String pathPrefix, int count, long millis) {
    slowMillis = millis;
    slow.put(pathPrefix, new AtomicInteger(count));
  }

  void failNext(String pathPrefix, int count) {
    failures.put(pathPrefix, new AtomicInteger(count));
  }

  void revokeTokens() {
    tokens.clear();
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      requestLog.add(ex.getRequestMethod() + " " + ex.getRequestURI());
      for (Map.Entry<String, AtomicInteger> f : slow.entrySet()) {
        if (path.startsWith(f.getKey()) && f.getValue().getAndDecrement() > 0) {
          try {
            Thread.sleep(slowMillis);
          } catch (InterruptedException e) {
            return;
          }
        }
      }
      for (Map.Entry<String, AtomicInteger> f : failures.entrySet()) {
        if (path.startsWith(f.getKey()) && f.getValue().getAndDecrement() > 0) {
          send(ex, 500, "text/html", "<html><body>Internal Server Error: the server is unwell</body></html>");
          return;
        }
      }
      if (path.equals("/auth/userpass")) {
        userpass(ex);
      } else if (path.equals("/auth/x509")) {
        x509(ex);
      } else if (authorised(ex)) {
        apiCalls.incrementAndGet();
        route(ex, path);
      }
    } catch (RuntimeException e) {
      send(ex, 500, "text/plain", "fake server bug: " + e);
    }
  }

  private void userpass(HttpExchange ex) throws IOException {
    String account = ex.getRequestHeaders().getFirst("X-Rucio-Account");
    String user = ex.getRequestHeaders().getFirst("X-Rucio-Username");
    String pass = ex.getRequestHeaders().getFirst("X-Rucio-Password");
    String want = passwords.get(account + "/" + user);
    if (want == null || !want.equals(pass)) {
      error(ex, 401, "CannotAuthenticate", "Cannot authenticate to account " + account + " with given credentials");
      return;
    }
    issueToken(ex, account);
  }

  private void x509(HttpExchange ex) throws IOException {
    String account = ex.getRequestHeaders().getFirst("X-Rucio-Account");
    try {
      java.security.cert.Certificate[] peer = ((HttpsExchange) ex).getSSLSession().getPeerCertificates();
      x509Subjects.add(((java.security.cert.X509Certificate) peer[0]).getSubjectX500Principal().getName());
      issueToken(ex, account);
    } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
      error(ex, 401, "CannotAuthenticate", "Cannot authenticate to account " + account + " with given credentials");
    }
  }

  private void issueToken(HttpExchange ex, String account) throws IOException {
    logins.incrementAndGet();
    // Real tokens look like "root-gwreplay-127.0.0.1-<uuid>"; we add a space and '=' on purpose.
    String token = account + "-gwreplay-127.0.0.1-" + UUID.randomUUID().toString().replace("-", "") + " x==";
    long expires = System.currentTimeMillis() + tokenLifetimeMillis;
    tokens.put(token, expires);
    ex.getResponseHeaders().add("X-Rucio-Auth-Token", token);
    ex.getResponseHeaders().add("X-Rucio-Auth-Token-Expires",
        DATE.format(Instant.ofEpochMilli(expires).atZone(ZoneOffset.UTC).toLocalDateTime()));
    send(ex, 200, "application/octet-stream", "");
  }

  private boolean authorised(HttpExchange ex) throws IOException {
    String token = ex.getRequestHeaders().getFirst("X-Rucio-Auth-Token");
    if (token == null) {
      error(ex, 400, "MissingToken", "Cannot authenticate without passing a token");
      return false;
    }
    if (bearerTokens.contains(token)) {
      return true;
    }
    Long exp = tokens.get(token);
    if (exp == null || exp < System.currentTimeMillis()) {
      error(ex, 401, "CannotAuthenticate", "Cannot authenticate with given credentials");
      return false;
    }
    return true;
  }

  private static final Pattern SEARCH = Pattern.compile("/dids/([^/]+)/dids/search");
  private static final Pattern FILES = Pattern.compile("/dids/([^/]+)/([^/]+)/files");

  private void route(HttpExchange ex, String path) throws IOException {
    Matcher m;
    if ((m = SEARCH.matcher(path)).matches()) {
      search(ex, decode(m.group(1)));
    } else if ((m = FILES.matcher(path)).matches()) {
      datasetFiles(ex, decode(m.group(1)), decode(m.group(2)));
    } else if (path.equals("/replicas/list") && ex.getRequestMethod().equals("POST")) {
      replicas(ex);
    } else {
      error(ex, 404, "MethodNotAllowed", "no route for " + path);
    }
  }

  private void search(HttpExchange ex, String scope) throws IOException {
    Map<String, String> q = query(ex.getRequestURI().getRawQuery());
    String filters = q.getOrDefault("filters", "[{}]");
    if (filters.matches(".*\\b(true|false|null)\\b.*")) {
      send(ex, 500, "text/plain", "ValueError: malformed node or string"); // literal_eval on JSON
      return;
    }
    if (q.containsKey("long") && !q.get("long").equals("True")) {
      error(ex, 400, "ValueError", "long must be True or False");
      return;
    }
    Matcher nm = Pattern.compile("'name': '([^']*)'").matcher(filters);
    String wildcard = nm.find() ? nm.group(1) : "*";
    searches.add(wildcard);
    Pattern re = Pattern.compile(Pattern.quote(wildcard).replace("*", "\\E.*\\Q"));
    StringBuilder out = new StringBuilder();
    List<FileEntry> all = new ArrayList<>(files.values());
    all.sort((a, b) -> a.name().compareTo(b.name()));
    for (FileEntry f : all) {
      if (f.scope().equals(scope) && re.matcher(f.name()).matches()) {
        ObjectNode n = JSON.createObjectNode().put("scope", f.scope()).put("name", f.name())
            .put("did_type", "FILE").put("bytes", (double) f.bytes());
        n.putNull("length");
        out.append(n).append('\n');
      }
    }
    // Custom metadata search ignores type: a dataset matching the name comes back too.
    for (String ds : datasets.keySet()) {
      if (ds.startsWith(scope + ":") && re.matcher(ds.substring(scope.length() + 1)).matches()) {
        out.append(JSON.createObjectNode().put("scope", scope).put("name", ds.substring(scope.length() + 1))
            .put("did_type", "DATASET").put("bytes", 0)).append('\n');
      }
    }
    send(ex, 200, "application/x-json-stream", out.toString());
  }

  private void datasetFiles(HttpExchange ex, String scope, String name) throws IOException {
    List<String> names = datasets.get(scope + ":" + name);
    if (names == null) {
      error(ex, 404, "DataIdentifierNotFound", "Data identifier '" + scope + ":" + name + "' not found");
      return;
    }
    StringBuilder out = new StringBuilder();
    for (String n : names) {
      FileEntry f = files.get(scope + ":" + n);
      out.append(JSON.createObjectNode().put("scope", scope).put("name", n).put("bytes", f.bytes())
          .put("adler32", f.adler32()).put("guid", UUID.nameUUIDFromBytes(n.getBytes()).toString()).putNull("events"))
          .append('\n');
    }
    send(ex, 200, "application/x-json-stream", out.toString());
  }

  private void replicas(HttpExchange ex) throws IOException {
    if (ex.getRequestURI().getRawQuery() != null && ex.getRequestURI().getRawQuery().contains("limit")) {
      send(ex, 500, "text/plain", "Internal Server Error");
      return;
    }
    JsonNode req = JSON.readTree(ex.getRequestBody());
    replicaRequests.add(req);
    List<String> schemes = new ArrayList<>();
    req.path("schemes").forEach(s -> schemes.add(s.asText()));
    StringBuilder out = new StringBuilder();
    for (JsonNode did : req.path("dids")) {
      FileEntry f = files.get(did.path("scope").asText() + ":" + did.path("name").asText());
      if (f == null) {
        continue;
      }
      ObjectNode line = JSON.createObjectNode().put("scope", f.scope()).put("name", f.name())
          .put("bytes", f.bytes()).put("md5", f.md5()).put("adler32", f.adler32());
      ObjectNode pfns = line.putObject("pfns");
      ObjectNode rses = line.putObject("rses");
      ObjectNode states = line.putObject("states");
      int priority = 1;
      for (Map.Entry<String, String> r : f.replicas().entrySet()) {
        String scheme = r.getKey().substring(0, r.getKey().indexOf(':'));
        if (!schemes.isEmpty() && !schemes.contains(scheme)) {
          continue;
        }
        pfns.putObject(r.getKey()).put("rse", r.getValue()).put("rse_id", UUID.nameUUIDFromBytes(r.getValue().getBytes()).toString())
            .put("type", "DISK").put("volatile", false).put("domain", "wan").put("priority", priority++).put("client_extract", false);
        (rses.has(r.getValue()) ? (com.fasterxml.jackson.databind.node.ArrayNode) rses.get(r.getValue()) : rses.putArray(r.getValue())).add(r.getKey());
        states.put(r.getValue(), "AVAILABLE");
      }
      if (pfns.size() > 0) {
        out.append(line).append('\n');
      }
    }
    send(ex, 200, "application/x-json-stream", out.toString());
  }

  private static void error(HttpExchange ex, int status, String cls, String msg) throws IOException {
    ex.getResponseHeaders().add("ExceptionClass", cls);
    ex.getResponseHeaders().add("ExceptionMessage", msg.length() > 125 ? msg.substring(0, 125) : msg);
    send(ex, status, "application/json",
        JSON.createObjectNode().put("ExceptionClass", cls).put("ExceptionMessage", msg).toString());
  }

  private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(b);
      }
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw == null) {
      return q;
    }
    for (String kv : raw.split("&")) {
      int eq = kv.indexOf('=');
      q.put(decode(eq < 0 ? kv : kv.substring(0, eq)), eq < 0 ? "" : decode(kv.substring(eq + 1)));
    }
    return Collections.unmodifiableMap(q);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
