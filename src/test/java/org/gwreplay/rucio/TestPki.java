package org.gwreplay.rucio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Test-time certificates made with the JDK's keytool: a self-signed server certificate for
 * 127.0.0.1 (its PEM is the CA bundle the client is given) and a self-signed client
 * certificate written as PEM cert + PKCS#8 key, as users' x509 files are.
 */
final class TestPki {
  static final char[] PASS = "changeit".toCharArray();
  final Path dir;
  final Path serverKeystore;
  final Path caBundle;
  final Path clientKeystore;
  final Path clientCert;
  final Path clientKey;

  private TestPki(Path dir) {
    this.dir = dir;
    this.serverKeystore = dir.resolve("server.p12");
    this.caBundle = dir.resolve("ca.pem");
    this.clientKeystore = dir.resolve("client.p12");
    this.clientCert = dir.resolve("usercert.pem");
    this.clientKey = dir.resolve("userkey.pem");
  }

  private static TestPki shared;

  /** One set per test JVM: keytool takes seconds, and the certificates hold no test state. */
  static synchronized TestPki shared() throws Exception {
    if (shared == null) {
      Path dir = java.nio.file.Files.createTempDirectory("gwreplay-test-pki");
      dir.toFile().deleteOnExit();
      shared = create(dir);
      for (Path p : new Path[] {shared.serverKeystore, shared.caBundle, shared.clientKeystore, shared.clientCert, shared.clientKey}) {
        p.toFile().deleteOnExit();
      }
    }
    return shared;
  }

  static TestPki create(Path dir) throws Exception {
    TestPki p = new TestPki(dir);
    keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
        "-keystore", p.serverKeystore.toString(), "-storepass", new String(PASS));
    keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", p.serverKeystore.toString(),
        "-storepass", new String(PASS), "-file", p.caBundle.toString());
    keytool("-genkeypair", "-alias", "client", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=Test User,O=gwreplay", "-storetype", "PKCS12",
        "-keystore", p.clientKeystore.toString(), "-storepass", new String(PASS));
    KeyStore ks = load(p.clientKeystore);
    Certificate cert = ks.getCertificate("client");
    PrivateKey key = (PrivateKey) ks.getKey("client", PASS);
    Files.writeString(p.clientCert, pem("CERTIFICATE", cert.getEncoded()), StandardCharsets.US_ASCII);
    Files.writeString(p.clientKey, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
    return p;
  }

  /** The server side: its own key, and trust in the test client certificate (for x509 auth). */
  SSLContext serverContext() throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(load(serverKeystore), PASS);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("client", load(clientKeystore).getCertificate("client"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static KeyStore load(Path p) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p)) {
      ks.load(in, PASS);
    }
    return ks;
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    String[] cmd = new String[args.length + 1];
    cmd[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    System.arraycopy(args, 0, cmd, 1, args.length);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("keytool failed: " + out);
    }
  }
}
