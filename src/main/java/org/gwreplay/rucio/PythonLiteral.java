package org.gwreplay.rucio;

import java.util.List;
import java.util.Map;

/**
 * Writes values as Python literals: Rucio's {@code dids/search} evaluates its {@code filters}
 * parameter with ast.literal_eval, so booleans must be {@code True/False}, null {@code None},
 * and strings single-quoted (JSON {@code true/null} gives a 500).
 */
final class PythonLiteral {
  private PythonLiteral() {}

  static String of(Object v) {
    if (v == null) {
      return "None";
    }
    if (v instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (v instanceof Number n) {
      return n.toString();
    }
    if (v instanceof Map<?, ?> m) {
      StringBuilder b = new StringBuilder("{");
      m.forEach((k, val) -> b.append(b.length() > 1 ? ", " : "").append(of(String.valueOf(k))).append(": ").append(of(val)));
      return b.append('}').toString();
    }
    if (v instanceof List<?> l) {
      StringBuilder b = new StringBuilder("[");
      l.forEach(e -> b.append(b.length() > 1 ? ", " : "").append(of(e)));
      return b.append(']').toString();
    }
    String s = v.toString();
    StringBuilder b = new StringBuilder("'");
    for (char c : s.toCharArray()) {
      if (c == '\\' || c == '\'') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\x%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('\'').toString();
  }
}
