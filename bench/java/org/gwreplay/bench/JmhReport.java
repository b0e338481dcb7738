package org.gwreplay.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.util.HashMap;
import java.util.Map;

/**
 * Prints {@link CodecJmh}'s results (JMH's {@code -rf json} file) as a Markdown table: each case
 * beside its java.util.zip baseline, scores with JMH's 99.9% error, and the ratio with the two
 * relative errors combined (so a ratio whose error spans 1 is no difference).
 *
 * <pre>java ... org.gwreplay.bench.JmhReport results.json</pre>
 */
public final class JmhReport {

  /** Case, its baseline, the baseline's label, and bytes of samples per second of data. */
  private static final String[][] PAIRS = {
      {"writeFloat64Gzip", "baselineDeflateFloat64", "Deflater(1)", "8", "write float64 strain, gzip"},
      {"readFloat64Gzip", "baselineInflateFloat64", "Inflater", "8", "read float64 strain, gzip"},
      {"writeInt16ZeroSuppressed", "baselineDeflateInt16", "Deflater(1)", "2", "write int16 ADC, zero suppression"},
      {"readInt16ZeroSuppressed", "baselineInflateInt16", "Inflater", "2", "read int16 ADC, zero suppression"},
  };

  public static void main(String[] args) throws Exception {
    JsonNode all = new ObjectMapper().readTree(new File(args[0]));
    Map<String, JsonNode> byName = new HashMap<>();
    JsonNode first = null;
    for (JsonNode n : all) {
      String b = n.path("benchmark").asText();
      byName.put(b.substring(b.lastIndexOf('.') + 1), n);
      first = first == null ? n : first;
    }
    if (first == null) {
      System.out.println("(no JMH results)");
      return;
    }
    int seconds = Integer.parseInt(first.path("params").path("seconds").asText("16"));
    System.out.println("| case | payload MB | ops/s | MB/s | baseline | baseline ops/s | baseline MB/s | ratio |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
    for (String[] p : PAIRS) {
      JsonNode ours = byName.get(p[0]);
      JsonNode base = byName.get(p[1]);
      if (ours == null || base == null) {
        continue;
      }
      double mb = seconds * 16384.0 * Integer.parseInt(p[3]) / 1e6;
      double s = score(ours);
      double e = error(ours);
      double bs = score(base);
      double be = error(base);
      double ratio = s / bs;
      double re = ratio * Math.hypot(e / s, be / bs);
      System.out.println(Stats.row(p[4], mb, pm(s, e), pm(s * mb, e * mb), p[2], pm(bs, be), pm(bs * mb, be * mb), pm(ratio, re)));
    }
    System.out.println();
    System.out.printf("JMH %s, %s %s; %d fork(s), %d warm-up x %s, %d measured x %s, throughput mode; ± is JMH's 99.9%% "
            + "confidence half-width; %d s of 16384 Hz samples per call.%n",
        first.path("jmhVersion").asText(), first.path("vmName").asText(), first.path("jdkVersion").asText(),
        first.path("forks").asInt(), first.path("warmupIterations").asInt(), first.path("warmupTime").asText(),
        first.path("measurementIterations").asInt(), first.path("measurementTime").asText(), seconds);
  }

  private static double score(JsonNode n) {
    return n.path("primaryMetric").path("score").asDouble();
  }

  /** JMH writes NaN (as a string) when there are too few iterations for an interval. */
  private static double error(JsonNode n) {
    JsonNode e = n.path("primaryMetric").path("scoreError");
    return e.isNumber() ? e.asDouble() : Double.NaN;
  }

  private static String pm(double v, double err) {
    return Double.isNaN(err) ? String.format("%.3g ± n/a", v) : String.format("%.3g ± %.2g", v, err);
  }
}
