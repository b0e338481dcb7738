package org.gwreplay.cli;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.gwreplay.rucio.RucioOptions;
import org.gwreplay.source.FrameSources;
import org.gwreplay.source.RucioSourceOptions;

/** Command-line spelling: hyphenated option names for people, camelCase for Beam; and the help. */
final class Arguments {

  private Arguments() {}

  /** {@code --gps-start=1} becomes {@code --gpsStart=1}; {@code --name value} becomes {@code --name=value}. */
  static String[] normalize(String[] args) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + a + "' (options look like --name=value)");
      }
      int eq = a.indexOf('=');
      String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
      String value = eq < 0 ? null : a.substring(eq + 1);
      if (value == null && i + 1 < args.length && !args[i + 1].startsWith("--") && !isFlag(name)) {
        value = args[++i];
      }
      if (value == null && camel(name).equals("loop")) {
        value = "forever"; // a bare --loop runs until stopped
      }
      out.add("--" + camel(name) + (value == null ? "" : "=" + value));
    }
    return out.toArray(new String[0]);
  }

  static boolean wantsHelp(String[] args) {
    return Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h") || a.startsWith("--help="));
  }

  private static boolean isFlag(String name) {
    String c = camel(name);
    return c.equals("shiftToNow") || c.equals("dryRun") || c.equals("resume") || c.equals("allowGaps");
  }

  static String camel(String hyphenated) {
    StringBuilder b = new StringBuilder();
    boolean up = false;
    for (char c : hyphenated.toCharArray()) {
      if (c == '-') {
        up = true;
      } else {
        b.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return b.toString();
  }

  static String hyphenated(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
  }

  static String help() {
    StringBuilder b = new StringBuilder();
    b.append("gwreplay: replay gravitational-wave frames into a shared directory at real-time pace.\n\n")
        .append("Usage: gwreplay [--option=value ...]          replay\n")
        .append("       gwreplay inspect FILE.gwf|DIR ...       what frame files hold\n")
        .append("       gwreplay verify --output=DIR [options]  check a replay's output against its plan\n")
        .append("       gwreplay consume --from=kafka://HOST:PORT/TOPIC --output=DIR   Kafka to a shared volume (see consume --help)\n\n")
        .append("Example (built-in demo lake, 30 s of H1, L1, V1 at live pace):\n")
        .append("  gwreplay --source=demo --detectors=H1,L1,V1 --gps-start=1238166018 --gps-end=1238166048 --output=/tmp/llhoft\n\n")
        .append("Options:\n");
    Method[] methods = ReplayOptions.class.getDeclaredMethods();
    Arrays.sort(methods, Comparator.comparing(Method::getName));
    List<Method> ordered = new ArrayList<>();
    for (String name : List.of("getDetectors", "getGpsStart", "getGpsEnd", "getSegments", "getSource", "getOutput",
        "getSpeed", "getFrameDuration")) {
      Arrays.stream(methods).filter(m -> m.getName().equals(name)).forEach(ordered::add);
    }
    Arrays.stream(methods).filter(m -> m.getName().startsWith("get") && !ordered.contains(m)).forEach(ordered::add);
    describe(b, ordered);
    b.append("\nRucio source options (rucio:SCOPE[:DATASET]; see docs/rucio.md):\n");
    describe(b, Arrays.stream(RucioSourceOptions.class.getMethods())
        .filter(m -> m.getName().startsWith("get") && RucioOptions.class.isAssignableFrom(m.getDeclaringClass()))
        .sorted(Comparator.comparing(Method::getName)).toList());
    b.append('\n');
    b.append("  --runner=DirectRunner|FlinkRunner\n")
        .append("      Where the pipeline runs: DirectRunner (default, this machine) or FlinkRunner\n")
        .append("      (with --flink-master=[local] for embedded Flink, or HOST:8081 for a cluster).\n")
        .append("      Any other Apache Beam or runner option is passed through.\n\n")
        .append("Exit status: 0 done, 1 the replay failed, 2 bad options or input.\n");
    return b.toString();
  }

  private static void describe(StringBuilder b, List<Method> ordered) {
    for (Method m : ordered) {
      Description d = m.getAnnotation(Description.class);
      if (d == null) {
        continue;
      }
      String name = hyphenated(m.getName().substring(3));
      // The sources are found at run time, so their forms cannot be in the annotation.
      String text = name.equals("source") ? d.value() + " Forms: " + FrameSources.help() + "." : d.value();
      b.append("  --").append(name).append(defaultOf(m)).append('\n');
      b.append(wrap(text, "      ")).append('\n');
    }
  }

  private static String defaultOf(Method m) {
    Default.String s = m.getAnnotation(Default.String.class);
    Default.Long l = m.getAnnotation(Default.Long.class);
    Default.Boolean bo = m.getAnnotation(Default.Boolean.class);
    if (s != null && !s.value().isEmpty()) {
      return "  (default " + s.value() + ")";
    }
    if (l != null) {
      return "  (default " + l.value() + ")";
    }
    return bo != null ? "  (flag)" : "";
  }

  private static String wrap(String text, String indent) {
    StringBuilder b = new StringBuilder(indent);
    int col = indent.length();
    for (String w : text.split(" ")) {
      if (col + w.length() > 96 && col > indent.length()) {
        b.append('\n').append(indent);
        col = indent.length();
      }
      b.append(w).append(' ');
      col += w.length() + 1;
    }
    return b.toString().stripTrailing();
  }
}
