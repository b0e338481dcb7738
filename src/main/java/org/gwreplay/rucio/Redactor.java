package org.gwreplay.rucio;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Last line of defence for messages built from server answers: any known secret (password,
 * token) that a server echoed back is cut out, and control characters are escaped.
 */
final class Redactor {
  private final List<String> secrets = new CopyOnWriteArrayList<>();

  void add(Secret s) {
    if (s != null && s.reveal().length() >= 4) {
      secrets.add(s.reveal());
    }
  }

  String clean(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String s : secrets) {
      out = out.replace(s, "<redacted>");
    }
    StringBuilder b = new StringBuilder(out.length());
    out.codePoints().forEach(c -> {
      if ((c < 0x20 && c != ' ') || c == 0x7f) {
        b.append(String.format("\\x%02x", c));
      } else {
        b.appendCodePoint(c);
      }
    });
    return b.toString();
  }

  /** Cleaned and cut to {@code max} characters. */
  String cleanTruncated(String text, int max) {
    String c = clean(text);
    return c == null || c.length() <= max ? c : c.substring(0, max) + "...";
  }
}
