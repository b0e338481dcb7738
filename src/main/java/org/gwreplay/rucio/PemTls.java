package org.gwreplay.rucio;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS material from PEM files, with java.security only: a CA bundle (one file, or a directory
 * such as /etc/grid-security/certificates) and a client certificate chain with its key (a cert
 * and key pair, or a proxy file holding both). Verification stays on: there is no "trust all".
 */
final class PemTls {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+?)-----END \\1-----");
  private static final char[] NO_PASSWORD = new char[0];

  private PemTls() {}

  /** An SSLContext trusting {@code caCert} (or the JDK defaults when null), presenting the client chain if given. */
  static SSLContext context(String caCert, String certFile, String keyFile) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(certFile == null ? null : keyManagers(certFile, keyFile), trustManagers(caCert), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new RucioConfigException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  static TrustManager[] trustManagers(String caCert) throws GeneralSecurityException {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    if (caCert == null) {
      tmf.init((KeyStore) null);
      return tmf.getTrustManagers();
    }
    Path path = Path.of(caCert);
    List<X509Certificate> cas = new ArrayList<>();
    if (Files.isDirectory(path)) {
      try (Stream<Path> files = Files.list(path)) {
        for (Path f : (Iterable<Path>) files.sorted()::iterator) {
          String n = f.getFileName().toString();
          // Grid CA directories hold .pem/.0 certificates plus .crl_url, .signing_policy, ...
          if (Files.isRegularFile(f) && (n.endsWith(".pem") || n.endsWith(".crt") || n.matches(".*\\.\\d+"))) {
            cas.addAll(certificates(f));
          }
        }
      } catch (IOException e) {
        throw new RucioConfigException("cannot list CA directory " + path + ": " + e.getMessage(), e);
      }
    } else {
      cas.addAll(certificates(path));
    }
    if (cas.isEmpty()) {
      throw new RucioConfigException("CA bundle " + path + " holds no PEM certificate");
    }
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      ks.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    for (int i = 0; i < cas.size(); i++) {
      ks.setCertificateEntry("ca" + i, cas.get(i));
    }
    tmf.init(ks);
    return tmf.getTrustManagers();
  }

  static KeyManager[] keyManagers(String certFile, String keyFile) throws GeneralSecurityException {
    List<X509Certificate> chain = certificates(Path.of(certFile));
    if (chain.isEmpty()) {
      throw new RucioConfigException("client certificate file " + certFile + " holds no PEM certificate");
    }
    PrivateKey key = privateKey(Path.of(keyFile == null ? certFile : keyFile));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try {
      ks.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    ks.setKeyEntry("client", key, NO_PASSWORD, chain.toArray(new X509Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, NO_PASSWORD);
    return kmf.getKeyManagers();
  }

  static List<X509Certificate> certificates(Path file) {
    List<X509Certificate> out = new ArrayList<>();
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (byte[] der : blocks(file, "CERTIFICATE")) {
        out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
      }
    } catch (GeneralSecurityException e) {
      throw new RucioConfigException("bad certificate in " + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** PKCS#8 ("PRIVATE KEY") RSA or EC keys, and PKCS#1 ("RSA PRIVATE KEY") as grid proxies hold them. */
  static PrivateKey privateKey(Path file) {
    List<byte[]> pkcs8 = blocks(file, "PRIVATE KEY");
    List<byte[]> pkcs1 = blocks(file, "RSA PRIVATE KEY");
    if (!blocks(file, "ENCRYPTED PRIVATE KEY").isEmpty()) {
      throw new RucioConfigException("the private key in " + file + " is encrypted; give an unencrypted key or a proxy");
    }
    byte[] der;
    if (!pkcs8.isEmpty()) {
      der = pkcs8.get(0);
    } else if (!pkcs1.isEmpty()) {
      der = rsaPkcs1ToPkcs8(pkcs1.get(0));
    } else {
      throw new RucioConfigException("no unencrypted PEM private key (PRIVATE KEY or RSA PRIVATE KEY) in " + file);
    }
    for (String alg : new String[] {"RSA", "EC"}) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new RucioConfigException("the private key in " + file + " is neither RSA nor EC");
  }

  private static List<byte[]> blocks(Path file, String type) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new RucioConfigException("cannot read " + file + ": " + e.getMessage(), e);
    }
    List<byte[]> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      if (m.group(1).equals(type)) {
        out.add(Base64.getMimeDecoder().decode(m.group(2)));
      }
    }
    return out;
  }

  /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption, NULL). */
  static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
    byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    byte[] version = {0x02, 0x01, 0x00};
    byte[] octets = der(0x04, pkcs1);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(version);
    body.writeBytes(algorithm);
    body.writeBytes(octets);
    return der(0x30, body.toByteArray());
  }

  private static byte[] der(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else {
      int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write((n >>> (8 * i)) & 0xff);
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }
}
