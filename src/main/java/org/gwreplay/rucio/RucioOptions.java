package org.gwreplay.rucio;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Options of the Rucio client: server, login, replica choice, timeouts and retries. Each one
 * overrides the same setting from the user's rucio.cfg. There is deliberately no password
 * option: pipeline options are shown by runners (the Flink UI, logs), so a password comes from
 * rucio.cfg or the environment variable named by {@link #getRucioPasswordEnv()}.
 */
public interface RucioOptions extends PipelineOptions {

  @Description("Path of rucio.cfg (default: $RUCIO_CONFIG, else $RUCIO_HOME/etc/rucio.cfg, else /opt/rucio/etc/rucio.cfg)")
  String getRucioConfig();
  void setRucioConfig(String value);

  @Description("Rucio server URL, e.g. https://rucio.example.org (overrides [client] rucio_host)")
  String getRucioHost();
  void setRucioHost(String value);

  @Description("Rucio authentication server URL (overrides [client] auth_host; default: the Rucio host)")
  String getRucioAuthHost();
  void setRucioAuthHost(String value);

  @Description("Rucio account (overrides $RUCIO_ACCOUNT and [client] account)")
  String getRucioAccount();
  void setRucioAccount(String value);

  @Description("userpass, x509, x509_proxy, or oidc/token (a bearer token from --rucioTokenFile or --rucioTokenEnv)")
  String getRucioAuthType();
  void setRucioAuthType(String value);

  @Description("User name for userpass authentication (overrides [client] username)")
  String getRucioUsername();
  void setRucioUsername(String value);

  @Description("Name of the environment variable holding the userpass password (used before [client] password)")
  @Default.String("RUCIO_PASSWORD")
  String getRucioPasswordEnv();
  void setRucioPasswordEnv(String value);

  @Description("File holding an OIDC/WLCG bearer token; re-read when the token expires or is refused")
  String getRucioTokenFile();
  void setRucioTokenFile(String value);

  @Description("Environment variable holding an OIDC/WLCG bearer token (default: BEARER_TOKEN, then BEARER_TOKEN_FILE)")
  String getRucioTokenEnv();
  void setRucioTokenEnv(String value);

  @Description("PEM client certificate for x509 auth (overrides [client] client_cert)")
  String getRucioClientCert();
  void setRucioClientCert(String value);

  @Description("PEM private key (unencrypted) for x509 auth (overrides [client] client_key)")
  String getRucioClientKey();
  void setRucioClientKey(String value);

  @Description("X.509 proxy file for x509_proxy auth (overrides [client] client_x509_proxy; default $X509_USER_PROXY, /tmp/x509up_u<uid>)")
  String getRucioX509Proxy();
  void setRucioX509Proxy(String value);

  @Description("CA bundle: a PEM file or a directory of PEM files (overrides [client] ca_cert; default $X509_CERT_DIR, else the JDK's trust store)")
  String getRucioCaCert();
  void setRucioCaCert(String value);

  @Description("RSE expression restricting where replicas are read from (e.g. 'tier=1&type=DISK'); default: any RSE")
  String getRucioRseExpression();
  void setRucioRseExpression(String value);

  @Description("Replica URL schemes to accept, best first; root is used only when xrdcp is installed")
  @Default.String("davs,https,root")
  String getRucioSchemes();
  void setRucioSchemes(String value);

  @Description("Timeout (s) of one catalog request")
  @Default.Integer(60)
  int getRucioRequestTimeoutSeconds();
  void setRucioRequestTimeoutSeconds(int value);

  @Description("Timeout (s) of one replica download, connect to last byte; a stalled storage server times out")
  @Default.Integer(60)
  int getRucioDownloadTimeoutSeconds();
  void setRucioDownloadTimeoutSeconds(int value);

  @Description("Attempts per catalog request (5xx, timeouts; with exponential backoff)")
  @Default.Integer(3)
  int getRucioAttempts();
  void setRucioAttempts(int value);

  @Description("Attempts per replica URL before failing over to the next replica")
  @Default.Integer(2)
  int getRucioReplicaAttempts();
  void setRucioReplicaAttempts(int value);

  @Description("First backoff (ms) between attempts; doubles each time")
  @Default.Long(1000)
  long getRucioBackoffMillis();
  void setRucioBackoffMillis(long value);
}
