package org.gwreplay.rucio;

import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where the Rucio server is and how to log in: rucio.cfg's {@code [client]} section with
 * pipeline options on top. Serializable so it can travel to workers, but without secrets: the
 * userpass password is transient and read again on the worker from where it came from
 * (rucio.cfg or an environment variable), because runners write serialized pipelines to disk.
 */
public final class RucioConfig implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String SECTION = "client";

  final URI rucioHost;
  final URI authHost;
  final AuthType authType;
  final String account;
  final String username;
  private transient Secret password;
  /** {@code env:NAME} or {@code file:PATH}: where to read the password again after deserialization. */
  private final String passwordOrigin;
  final String clientCert;
  final String clientKey;
  final String x509Proxy;
  final String caCert;
  final String tokenFile;
  final String tokenEnv;
  final String vo;
  final Duration requestTimeout;
  final int attempts;
  final long backoffMillis;
  /** Where the settings came from, for messages. */
  final String origin;

  private RucioConfig(Builder b) {
    this.origin = b.origin;
    this.rucioHost = url(b.rucioHost, "rucio_host", b.origin);
    this.authHost = b.authHost == null ? rucioHost : url(b.authHost, "auth_host", b.origin);
    if (b.authType == null) {
      throw new RucioConfigException(b.origin + ": no auth_type (userpass, x509, x509_proxy, oidc)");
    }
    this.authType = AuthType.parse(b.authType, b.origin);
    this.account = b.account;
    this.username = b.username;
    this.password = b.password;
    this.passwordOrigin = b.passwordOrigin;
    this.clientCert = b.clientCert;
    this.clientKey = b.clientKey;
    this.x509Proxy = b.x509Proxy;
    this.caCert = b.caCert;
    this.tokenFile = b.tokenFile;
    this.tokenEnv = b.tokenEnv;
    this.vo = b.vo;
    this.requestTimeout = b.requestTimeout;
    this.attempts = Math.max(1, b.attempts);
    this.backoffMillis = Math.max(0, b.backoffMillis);
    validate();
  }

  private void validate() {
    switch (authType) {
      case USERPASS:
        require(account, "account");
        require(username, "username");
        if (password == null) {
          throw new RucioConfigException(origin + ": userpass needs a password ([client] password or the environment variable named by --rucioPasswordEnv)");
        }
        break;
      case X509:
        require(account, "account");
        require(clientCert, "client_cert");
        require(clientKey, "client_key");
        break;
      case X509_PROXY:
        require(account, "account");
        require(x509Proxy, "client_x509_proxy");
        break;
      case TOKEN:
        if (tokenFile == null && tokenEnv == null) {
          throw new RucioConfigException(origin + ": oidc/token auth needs a token file (--rucioTokenFile, $BEARER_TOKEN_FILE) or variable (--rucioTokenEnv, $BEARER_TOKEN)");
        }
        break;
      default:
        throw new AssertionError(authType);
    }
  }

  /** The userpass password, read again from its origin on a worker. */
  synchronized Secret password() {
    if (password == null && passwordOrigin != null) {
      if (passwordOrigin.startsWith("env:")) {
        password = Secret.ofNullable(System.getenv(passwordOrigin.substring(4)));
      } else {
        password = Secret.ofNullable(IniFile.read(Path.of(passwordOrigin.substring(5))).get(SECTION, "password"));
      }
    }
    if (password == null) {
      throw new RucioConfigException("the userpass password is not available here: set it in [client] password of "
          + (passwordOrigin == null ? "rucio.cfg" : passwordOrigin.substring(passwordOrigin.indexOf(':') + 1))
          + " or the environment variable named by --rucioPasswordEnv on every worker");
    }
    return password;
  }

  private void require(String value, String key) {
    if (value == null) {
      throw new RucioConfigException(origin + ": [client] " + key + " is required for auth_type " + authType.name().toLowerCase());
    }
  }

  private static URI url(String value, String key, String origin) {
    if (value == null) {
      throw new RucioConfigException(origin + ": [client] " + key + " is missing (e.g. https://rucio.example.org)");
    }
    URI u;
    try {
      u = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
    } catch (IllegalArgumentException e) {
      throw new RucioConfigException(origin + ": [client] " + key + " is not a URL: " + e.getMessage());
    }
    if (!"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
      throw new RucioConfigException(origin + ": [client] " + key + " must be an https:// URL with a host, got '" + value + "'");
    }
    return u;
  }

  public URI rucioHost() {
    return rucioHost;
  }

  /** How this client logs in, for messages: {@code userpass, account gwreplay}; never a secret. */
  public String login() {
    return authType.name().toLowerCase() + (account == null ? "" : ", account " + account);
  }

  /** Loads rucio.cfg (if any) and applies the options and environment on top. */
  public static RucioConfig load(RucioOptions o, Map<String, String> env) {
    Path file = locate(o.getRucioConfig(), env);
    IniFile ini = file == null ? null : IniFile.read(file);
    if (ini != null && !ini.hasSection(SECTION)) {
      throw new RucioConfigException(file + ": has no [client] section");
    }
    Builder b = new Builder(file == null ? "Rucio options (no rucio.cfg found)" : file.toString());
    if (ini != null) {
      b.rucioHost = ini.get(SECTION, "rucio_host");
      b.authHost = ini.get(SECTION, "auth_host");
      b.authType = ini.get(SECTION, "auth_type");
      b.account = ini.get(SECTION, "account");
      b.username = ini.get(SECTION, "username");
      b.password = Secret.ofNullable(ini.get(SECTION, "password"));
      b.passwordOrigin = b.password == null ? null : "file:" + file.toAbsolutePath();
      b.clientCert = ini.get(SECTION, "client_cert");
      b.clientKey = ini.get(SECTION, "client_key");
      b.x509Proxy = ini.get(SECTION, "client_x509_proxy");
      b.caCert = ini.get(SECTION, "ca_cert");
      b.vo = ini.get(SECTION, "vo");
    }
    // Environment as the Rucio clients read it, then our options on top.
    b.account = first(o.getRucioAccount(), env.get("RUCIO_ACCOUNT"), b.account);
    b.rucioHost = first(o.getRucioHost(), b.rucioHost);
    b.authHost = first(o.getRucioAuthHost(), b.authHost);
    b.authType = first(o.getRucioAuthType(), b.authType);
    b.username = first(o.getRucioUsername(), b.username);
    if (o.getRucioPasswordEnv() != null && env.get(o.getRucioPasswordEnv()) != null) {
      b.password = Secret.ofNullable(env.get(o.getRucioPasswordEnv()));
      b.passwordOrigin = "env:" + o.getRucioPasswordEnv();
    }
    b.clientCert = first(o.getRucioClientCert(), b.clientCert);
    b.clientKey = first(o.getRucioClientKey(), b.clientKey);
    b.x509Proxy = first(o.getRucioX509Proxy(), b.x509Proxy, env.get("X509_USER_PROXY"), defaultProxy());
    b.caCert = first(o.getRucioCaCert(), b.caCert, env.get("X509_CERT_DIR"));
    b.tokenFile = first(o.getRucioTokenFile(), env.get("BEARER_TOKEN_FILE"));
    b.tokenEnv = first(o.getRucioTokenEnv(), env.get("BEARER_TOKEN") != null ? "BEARER_TOKEN" : null);
    b.requestTimeout = Duration.ofSeconds(Math.max(1, o.getRucioRequestTimeoutSeconds()));
    b.attempts = o.getRucioAttempts();
    b.backoffMillis = o.getRucioBackoffMillis();
    return b.build();
  }

  static Path locate(String explicit, Map<String, String> env) {
    if (explicit != null) {
      Path p = Path.of(explicit);
      if (!Files.isReadable(p)) {
        throw new RucioConfigException("Rucio configuration " + p + " (from --rucioConfig) does not exist or is not readable");
      }
      return p;
    }
    if (env.get("RUCIO_CONFIG") != null) {
      Path p = Path.of(env.get("RUCIO_CONFIG"));
      if (!Files.isReadable(p)) {
        throw new RucioConfigException("Rucio configuration " + p + " (from $RUCIO_CONFIG) does not exist or is not readable");
      }
      return p;
    }
    if (env.get("RUCIO_HOME") != null) {
      Path p = Path.of(env.get("RUCIO_HOME"), "etc", "rucio.cfg");
      if (Files.isReadable(p)) {
        return p;
      }
    }
    Path p = Path.of("/opt/rucio/etc/rucio.cfg");
    return Files.isReadable(p) ? p : null;
  }

  private static String defaultProxy() {
    try {
      long uid = new com.sun.security.auth.module.UnixSystem().getUid();
      Path p = Path.of("/tmp/x509up_u" + uid);
      return Files.exists(p) ? p.toString() : null;
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  @SafeVarargs
  private static <T> T first(T... values) {
    for (T v : values) {
      if (v != null && !"".equals(v)) {
        return v;
      }
    }
    return null;
  }

  /** For tests. */
  static Builder builder(String origin) {
    return new Builder(origin);
  }

  @Override
  public String toString() {
    return "Rucio " + rucioHost + " (auth " + authType.name().toLowerCase() + (account == null ? "" : " as " + account)
        + ", from " + origin + ")";
  }

  /** Mutable holder of settings before validation. */
  static final class Builder {
    private final String origin;
    public String rucioHost;
    public String authHost;
    public String authType;
    public String account;
    public String username;
    public Secret password;
    public String passwordOrigin;
    public String clientCert;
    public String clientKey;
    public String x509Proxy;
    public String caCert;
    public String tokenFile;
    public String tokenEnv;
    public String vo;
    public Duration requestTimeout = Duration.ofSeconds(60);
    public int attempts = 3;
    public long backoffMillis = 1000;

    Builder(String origin) {
      this.origin = origin;
    }

    public RucioConfig build() {
      return new RucioConfig(this);
    }
  }
}
