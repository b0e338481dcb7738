package org.gwreplay.rucio;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/** HTTP clients with our settings, and short names for transport failures. */
final class Transport {
  private Transport() {}

  static HttpClient client(SSLContext ssl, Duration connectTimeout) {
    return HttpClient.newBuilder()
        .sslContext(ssl)
        .connectTimeout(connectTimeout)
        // Storage redirects (e.g. a WebDAV door to a pool) are normal; never to plain http from https.
        .followRedirects(HttpClient.Redirect.NORMAL)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  /** A one-line reason for a transport failure, without a stack trace. */
  static String describe(Throwable e) {
    if (e instanceof HttpConnectTimeoutException) {
      return "connect timed out";
    }
    if (e instanceof HttpTimeoutException) {
      return "timed out";
    }
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    if (e instanceof SSLException) {
      return "TLS failure (" + e.getMessage() + "; is the CA bundle right?)";
    }
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
