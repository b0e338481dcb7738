package org.gwreplay.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * A replay named in a file ({@code --pipeline=pipelines/X.yaml}, YAML or JSON): a map of option
 * names (hyphenated or camelCase) to values. It becomes command-line arguments placed before the
 * real ones, so anything on the command line wins. A relative {@code segments} (or
 * {@code synthesize-state}) path is taken from the file's own folder; either may also be an inline
 * list of [start, end] pairs.
 */
final class ParameterFile {

  private ParameterFile() {}

  /** Expands every {@code --pipeline=FILE} in {@code args} (already normalized to camelCase). */
  static String[] expand(String[] args) {
    List<String> fromFiles = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    for (String a : args) {
      if (a.startsWith("--pipeline=")) {
        fromFiles.addAll(read(Paths.get(a.substring("--pipeline=".length()))));
      } else if (a.equals("--pipeline")) {
        throw new IllegalArgumentException("--pipeline needs a file: --pipeline=pipelines/demo.yaml");
      } else {
        rest.add(a);
      }
    }
    // The command line overrides the file: drop the file's value of any option given there.
    Set<String> given = new TreeSet<>();
    rest.forEach(a -> given.add(optionName(a)));
    List<String> merged = new ArrayList<>();
    fromFiles.stream().filter(a -> !given.contains(optionName(a))).forEach(merged::add);
    merged.addAll(rest);
    return merged.toArray(new String[0]);
  }

  private static String optionName(String arg) {
    int eq = arg.indexOf('=');
    return eq < 0 ? arg : arg.substring(0, eq);
  }

  static List<String> read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read parameter file " + file + ": " + e.getMessage());
    }
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(text);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
      throw new IllegalArgumentException("parameter file " + file + " is not valid YAML/JSON" + where + ": " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("parameter file " + file + " must hold a map of option: value");
    }
    Set<String> known = knownOptions();
    List<String> args = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = Arguments.camel(e.getKey());
      if (key.equals("pipeline")) {
        throw new IllegalArgumentException(file + ": key 'pipeline': parameter files cannot include each other");
      }
      if (!known.contains(key)) {
        throw new IllegalArgumentException(file + ": unknown key '" + e.getKey() + "' (see gwreplay --help for the options)");
      }
      args.add("--" + key + "=" + value(file, e.getKey(), key, e.getValue()));
    }
    return args;
  }

  private static String value(Path file, String rawKey, String key, JsonNode v) {
    if (key.equals("segments") || key.equals("synthesizeState")) {
      if (v.isArray()) {
        return v.toString();
      }
      if (v.isTextual()) {
        Path p = Paths.get(v.asText());
        Path dir = file.toAbsolutePath().getParent();
        return (p.isAbsolute() || dir == null ? p : dir.resolve(p)).toString();
      }
      throw new IllegalArgumentException(file + ": key '" + rawKey + "' must be a file name or a list of [start, end] pairs");
    }
    if (v.isArray()) {
      List<String> items = new ArrayList<>();
      for (JsonNode item : v) {
        if (!item.isValueNode()) {
          throw new IllegalArgumentException(file + ": key '" + rawKey + "' must be a list of plain values");
        }
        items.add(item.asText());
      }
      return String.join(",", items);
    }
    if (!v.isValueNode() || v.isNull()) {
      throw new IllegalArgumentException(file + ": key '" + rawKey + "' must have a plain value (text, number, true/false)");
    }
    return v.asText();
  }

  /** Option names the replay and its runners understand. */
  static Set<String> knownOptions() {
    Set<String> names = new TreeSet<>();
    for (Class<?> c : List.of(ReplayOptions.class, PipelineOptions.class, DirectOptions.class, FlinkPipelineOptions.class)) {
      for (Method m : c.getMethods()) {
        String n = m.getName();
        if (n.startsWith("get") && n.length() > 3 && m.getParameterCount() == 0) {
          names.add(Character.toLowerCase(n.charAt(3)) + n.substring(4));
        } else if (n.startsWith("is") && n.length() > 2 && m.getParameterCount() == 0) {
          names.add(Character.toLowerCase(n.charAt(2)) + n.substring(3));
        }
      }
    }
    names.remove("class");
    return names;
  }
}
