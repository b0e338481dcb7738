package org.gwreplay.rucio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Turns a failed answer into a clear {@link RucioException}. Rucio puts {@code ExceptionClass}
 * and {@code ExceptionMessage} in a JSON body (the header copies are cut at 125 characters, so
 * the body wins); anything else (a proxy's or WSGI's 500) is reported as truncated text.
 */
final class ErrorDecoder {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_TEXT = 300;
  private final Redactor redactor;

  ErrorDecoder(Redactor redactor) {
    this.redactor = redactor;
  }

  RucioException decode(HttpResponse<byte[]> r, String what) {
    int status = r.statusCode();
    String cls = null;
    String msg = null;
    byte[] body = r.body() == null ? new byte[0] : r.body();
    try {
      JsonNode n = JSON.readTree(body);
      if (n != null && n.isObject()) {
        cls = text(n, "ExceptionClass");
        msg = text(n, "ExceptionMessage");
      }
    } catch (IOException e) {
      // not JSON: fall through to the headers and the raw text
    }
    if (cls == null) {
      cls = r.headers().firstValue("ExceptionClass").orElse(null);
      msg = msg != null ? msg : r.headers().firstValue("ExceptionMessage").orElse(null);
    }
    String detail;
    if (cls != null) {
      detail = cls + (msg == null ? "" : ": " + msg);
    } else {
      String text = new String(body, StandardCharsets.UTF_8).strip();
      detail = text.isEmpty() ? "(empty body)" : "non-Rucio answer: " + text;
    }
    return new RucioException("Rucio " + what + " failed with HTTP " + status + ": "
        + redactor.cleanTruncated(detail, MAX_TEXT), status, cls);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
