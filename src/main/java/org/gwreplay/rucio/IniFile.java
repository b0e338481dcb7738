package org.gwreplay.rucio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The subset of Python's configparser syntax that rucio.cfg files use: {@code [section]},
 * {@code key = value} or {@code key: value}, {@code #}/{@code ;} comment lines and indented
 * continuation lines. Keys are case-insensitive, as in configparser.
 */
final class IniFile {
  private final Path path;
  private final Map<String, Map<String, String>> sections;

  private IniFile(Path path, Map<String, Map<String, String>> sections) {
    this.path = path;
    this.sections = sections;
  }

  static IniFile read(Path path) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RucioConfigException("cannot read Rucio configuration " + path + ": " + e.getMessage(), e);
    }
    return parse(path, text);
  }

  static IniFile parse(Path path, String text) {
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    Map<String, String> current = null;
    String lastKey = null;
    int lineNo = 0;
    for (String raw : text.split("\r?\n", -1)) {
      lineNo++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (Character.isWhitespace(raw.charAt(0)) && current != null && lastKey != null) {
        current.put(lastKey, current.get(lastKey) + "\n" + line);
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        current = sections.computeIfAbsent(line.substring(1, line.length() - 1).strip(), s -> new HashMap<>());
        lastKey = null;
        continue;
      }
      int eq = firstSeparator(line);
      if (current == null || eq <= 0) {
        throw new RucioConfigException(path + " line " + lineNo
            + ": expected '[section]' or 'key = value' (the line is not shown: it may hold a secret)");
      }
      lastKey = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      current.put(lastKey, line.substring(eq + 1).strip());
    }
    return new IniFile(path, sections);
  }

  private static int firstSeparator(String line) {
    int eq = line.indexOf('=');
    int colon = line.indexOf(':');
    if (eq < 0) return colon;
    if (colon < 0) return eq;
    return Math.min(eq, colon);
  }

  Path path() {
    return path;
  }

  boolean hasSection(String section) {
    return sections.containsKey(section);
  }

  /** The value, or null when the key is absent or empty. */
  String get(String section, String key) {
    Map<String, String> s = sections.get(section);
    String v = s == null ? null : s.get(key.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? null : v;
  }
}
