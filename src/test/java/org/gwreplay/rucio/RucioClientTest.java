package org.gwreplay.rucio;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST client against {@link FakeRucioServer} (Rucio's wire format) over TLS on loopback. */
class RucioClientTest {
  @TempDir Path dir;
  private RucioTestLake lake;
  private LogCapture log;

  @BeforeEach
  void start() throws Exception {
    lake = RucioTestLake.startCatalogOnly(dir);
    lake.registerWithReplicas("H-H1_llhoft-1238166018-1.gwf", new byte[] {1, 2, 3},
        new LinkedHashMap<>(Map.of("https://se.example.org/data/H-H1_llhoft-1238166018-1.gwf", "SITE_A")));
    log = new LogCapture();
  }

  @AfterEach
  void stop() {
    log.close();
    lake.close();
    assertThat("no secret in the log output", log.text(), not(containsString(RucioTestLake.PASSWORD)));
    assertThat(log.text(), not(containsString("-gwreplay-127.0.0.1-")));
  }

  private RucioConfig.Builder base() {
    RucioConfig.Builder b = RucioConfig.builder("test");
    b.rucioHost = lake.rucio.url();
    b.caCert = lake.pki.caBundle.toString();
    b.account = RucioTestLake.ACCOUNT;
    b.username = RucioTestLake.USERNAME;
    b.password = Secret.ofNullable(RucioTestLake.PASSWORD);
    b.authType = "userpass";
    b.backoffMillis = 5;
    b.requestTimeout = Duration.ofSeconds(3);
    return b;
  }

  private static RucioClient client(RucioConfig.Builder b) {
    return new RucioClient(b.build(), Map.of(), System::currentTimeMillis);
  }

  @Test
  void userpassLoginThenSearchWithPythonLiteralFilters() throws Exception {
    RucioClient c = client(base());
    List<DidFile> found = c.searchFiles("ligo", "H-H1_llhoft-1238166*-*.gwf");
    assertThat(found, hasSize(1));
    assertThat(found.get(0).bytes(), equalTo(3L)); // sent as 3.0
    assertThat(lake.rucio.requestLog.get(1), containsString("long=True"));
    assertThat(lake.rucio.requestLog.get(1), containsString("type=file"));
    c.searchFiles("ligo", "*");
    assertThat("token reused", lake.rucio.logins.get(), equalTo(1));
  }

  @Test
  void wrongPasswordIsAClearErrorWithoutTheSecret() {
    RucioConfig.Builder b = base();
    b.password = Secret.ofNullable("wrong-password-123");
    RucioAuthException e = assertThrows(RucioAuthException.class, () -> client(b).searchFiles("ligo", "*"));
    assertThat(e.getMessage(), containsString("Rucio refused the login userpass as gwreplay (user replayer)"));
    assertThat(e.getMessage(), containsString("CannotAuthenticate: Cannot authenticate to account gwreplay"));
    assertThat(e.getMessage(), not(containsString("wrong-password-123")));
  }

  @Test
  void tokenFileIsSentAsIsAndReReadWhenRefused() throws Exception {
    String jwt = jwt(System.currentTimeMillis() / 1000 + 3600);
    lake.rucio.bearerTokens.add(jwt);
    Path tokenFile = dir.resolve("bt");
    Files.writeString(tokenFile, jwt + "\n");
    RucioConfig.Builder b = base();
    b.authType = "oidc";
    b.tokenFile = tokenFile.toString();
    RucioClient c = client(b);
    assertThat(c.searchFiles("ligo", "*"), hasSize(1));
    assertThat(lake.rucio.logins.get(), equalTo(0));

    // The token is withdrawn: one more read of the file, then a clear failure.
    lake.rucio.bearerTokens.clear();
    RucioAuthException e = assertThrows(RucioAuthException.class, () -> c.searchFiles("ligo", "*"));
    assertThat(e.getMessage(), containsString("CannotAuthenticate"));
    assertThat(e.getMessage(), containsString("from file " + tokenFile));
    assertThat(e.getMessage(), not(containsString(jwt)));

    // An external refresher writes a new token: it is picked up.
    String fresh = jwt(System.currentTimeMillis() / 1000 + 7200);
    lake.rucio.bearerTokens.add(fresh);
    Files.writeString(tokenFile, fresh);
    assertThat(c.searchFiles("ligo", "*"), hasSize(1));
  }

  @Test
  void expiredJwtIsRefusedBeforeSending() throws Exception {
    RucioConfig.Builder b = base();
    b.authType = "token";
    b.tokenEnv = "MY_TOKEN";
    RucioClient c = new RucioClient(b.build(), Map.of("MY_TOKEN", jwt(1000)), System::currentTimeMillis);
    assertThat(assertThrows(RucioAuthException.class, () -> c.searchFiles("ligo", "*")).getMessage(),
        containsString("has expired"));
  }

  @Test
  void x509SendsTheClientCertificate() throws Exception {
    RucioConfig.Builder b = base();
    b.authType = "x509";
    b.clientCert = lake.pki.clientCert.toString();
    b.clientKey = lake.pki.clientKey.toString();
    assertThat(client(b).searchFiles("ligo", "*"), hasSize(1));
    assertThat(lake.rucio.x509Subjects, contains("CN=Test User,O=gwreplay"));
  }

  @Test
  void x509ProxyFileWithPkcs1Key() throws Exception {
    // A grid proxy file: certificate(s) then an RSA PRIVATE KEY (PKCS#1) in one file.
    byte[] pkcs8 = Base64.getMimeDecoder().decode(Files.readString(lake.pki.clientKey)
        .replaceAll("-----[A-Z ]+-----", ""));
    byte[] pkcs1 = unwrapPkcs8(pkcs8);
    Path proxy = dir.resolve("x509up");
    Files.writeString(proxy, Files.readString(lake.pki.clientCert) + TestPki.pem("RSA PRIVATE KEY", pkcs1));
    RucioConfig.Builder b = base();
    b.authType = "x509_proxy";
    b.x509Proxy = proxy.toString();
    assertThat(client(b).searchFiles("ligo", "*"), hasSize(1));
    assertThat(lake.rucio.x509Subjects, hasSize(1));
  }

  @Test
  void tokenRenewedBeforeExpiryAndAfterRevocation() throws Exception {
    lake.rucio.tokenLifetimeMillis = 2000;
    RucioClient c = client(base());
    c.searchFiles("ligo", "*");
    c.searchFiles("ligo", "*");
    assertThat(lake.rucio.logins.get(), equalTo(1));
    Thread.sleep(2100);
    c.searchFiles("ligo", "*");
    assertThat("renewed after expiry", lake.rucio.logins.get(), equalTo(2));
    lake.rucio.revokeTokens();
    c.searchFiles("ligo", "*");
    assertThat("logged in again after a 401", lake.rucio.logins.get(), equalTo(3));
  }

  @Test
  void serverErrorsRetriedThenReportedAsText() throws Exception {
    RucioClient c = client(base());
    lake.rucio.failNext("/dids/", 2);
    assertThat(c.searchFiles("ligo", "*"), hasSize(1)); // third attempt succeeds
    lake.rucio.failNext("/dids/", 3);
    RucioException e = assertThrows(RucioException.class, () -> c.searchFiles("ligo", "*"));
    assertThat(e.getMessage(), containsString("HTTP 500: non-Rucio answer: <html><body>Internal Server Error"));
    assertThat(e.status(), equalTo(500));
  }

  @Test
  void slowAnswerTimesOutAndIsRetried() throws Exception {
    RucioConfig.Builder b = base();
    b.requestTimeout = Duration.ofSeconds(1);
    RucioClient c = client(b);
    c.searchFiles("ligo", "*");
    lake.rucio.slowNext("/dids/", 1, 2500);
    long t0 = System.nanoTime();
    assertThat(c.searchFiles("ligo", "*"), hasSize(1));
    assertThat((System.nanoTime() - t0) / 1e9, org.hamcrest.Matchers.lessThan(2.4));
    assertThat(log.text(), containsString("timed out (attempt 1/3)"));
  }

  @Test
  void authServerFailuresAreRetriedToo() throws Exception {
    lake.rucio.failNext("/auth/", 2);
    assertThat(client(base()).searchFiles("ligo", "*"), hasSize(1));
    assertThat(lake.rucio.logins.get(), equalTo(1));
  }

  @Test
  void circuitBreakerStopsHammeringASickServer() throws Exception {
    RucioClient c = client(base());
    c.searchFiles("ligo", "*");
    int before = lake.rucio.requestLog.size();
    lake.rucio.failNext("/dids/", 1000);
    for (int i = 0; i < 10; i++) {
      assertThrows(RucioException.class, () -> c.searchFiles("ligo", "*"));
    }
    int sent = lake.rucio.requestLog.size() - before;
    assertThat("5 failures open the circuit; later calls fail fast", sent, lessThanOrEqualTo(6));
    RucioException e = assertThrows(RucioException.class, () -> c.searchFiles("ligo", "*"));
    assertThat(e.getMessage(), containsString("pausing calls"));
  }

  @Test
  void errorJsonBodyWinsOverTruncatedHeader() throws Exception {
    RucioClient c = client(base());
    RucioException e = assertThrows(RucioException.class, () -> c.listFiles("ligo", "no_such_dataset_" + "x".repeat(150)));
    assertThat(e.exceptionClass(), equalTo("DataIdentifierNotFound"));
    assertThat(e.getMessage(), containsString("x".repeat(150) + "' not found"));
  }

  @Test
  void replicasFromJsonStream() throws Exception {
    RucioClient c = client(base());
    List<Replica> r = c.listReplicas(List.of(new DidFile("ligo", "H-H1_llhoft-1238166018-1.gwf", -1, null, null),
        new DidFile("ligo", "absent.gwf", -1, null, null)), List.of("davs", "https"), "SITE_A|SITE_B");
    assertThat(r, hasSize(1));
    assertThat(r.get(0).pfns().get(0).rse(), equalTo("SITE_A"));
    assertThat(r.get(0).file().adler32(), equalTo(Checksums.adler32(new byte[] {1, 2, 3})));
    assertThat(lake.rucio.replicaRequests.get(0).path("rse_expression").asText(), equalTo("SITE_A|SITE_B"));
    assertThat(lake.rucio.replicaRequests.get(0).path("schemes").size(), greaterThanOrEqualTo(2));
  }

  @Test
  void caBundleMayBeADirectory() throws Exception {
    Path cas = Files.createDirectories(dir.resolve("certificates"));
    Files.copy(lake.pki.caBundle, cas.resolve("5e1a3c77.0"));
    Files.writeString(cas.resolve("5e1a3c77.signing_policy"), "not a certificate");
    RucioConfig.Builder b = base();
    b.caCert = cas.toString();
    assertThat(client(b).searchFiles("ligo", "*"), hasSize(1));
  }

  @Test
  void untrustedServerCertificateIsRefused() {
    RucioConfig.Builder b = base();
    b.caCert = null; // JDK trust store: does not know the test CA
    RucioException e = assertThrows(RucioException.class, () -> client(b).searchFiles("ligo", "*"));
    assertThat(e.getMessage(), containsString("TLS failure"));
  }

  static String jwt(long exp) {
    Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
    return enc.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + enc.encodeToString(("{\"sub\":\"u\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
  }

  /** PKCS#8 PrivateKeyInfo -> the inner PKCS#1 key (the OCTET STRING after the algorithm). */
  private static byte[] unwrapPkcs8(byte[] der) {
    int i = 0;
    i += 1; // SEQUENCE
    i += lenBytes(der, i);
    i += 3; // INTEGER 0
    i += 1; // algorithm SEQUENCE
    int algLen = der[i] & 0xff;
    i += 1 + algLen;
    i += 1; // OCTET STRING
    int skip = lenBytes(der, i);
    int len = readLen(der, i);
    i += skip;
    return java.util.Arrays.copyOfRange(der, i, i + len);
  }

  private static int lenBytes(byte[] d, int i) {
    return (d[i] & 0x80) == 0 ? 1 : 1 + (d[i] & 0x7f);
  }

  private static int readLen(byte[] d, int i) {
    if ((d[i] & 0x80) == 0) {
      return d[i];
    }
    int n = 0;
    for (int k = 1; k <= (d[i] & 0x7f); k++) {
      n = (n << 8) | (d[i + k] & 0xff);
    }
    return n;
  }
}
