package org.gwreplay.source;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gwreplay.gwf.Detectors;
import org.gwreplay.rucio.RucioConfigException;

/**
 * How frame files are named and grouped in the lake, and so how one GPS chunk is asked for.
 *
 * <p>Name pattern placeholders: {@code {site}} (H), {@code {ifo}} (H1), {@code {gps}} and
 * {@code {dur}}; {@code *} is a wildcard. A chunk of {@code chunkSeconds = 10^k} seconds is one
 * name search with a wildcard on the leading GPS digits ({@code H-H1_llhoft-123816*-*.gwf} for
 * k = 4). A dataset name may carry {@code {ifo}}, {@code {site}} and {@code {gps/N}} (the GPS
 * time divided by N, e.g. one dataset per 100000 s): then each chunk is one dataset.
 */
final class LakeLayout implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String DEFAULT_NAME_PATTERN = "{site}-{ifo}_llhoft-{gps}-{dur}.gwf";
  private static final Pattern DATASET_GPS = Pattern.compile("\\{gps/(\\d{1,9})\\}");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}]*\\}");

  final String scope;
  /** Null when files are found by name search. */
  final String dataset;
  final String namePattern;
  final long chunkSeconds;
  final long maxFileSeconds;

  LakeLayout(String scope, String dataset, String namePattern, long chunkSeconds, long maxFileSeconds) {
    this.scope = scope;
    this.dataset = dataset;
    this.namePattern = namePattern;
    this.maxFileSeconds = maxFileSeconds;
    if (!namePattern.contains("{gps}") || !namePattern.endsWith(".gwf") || namePattern.contains("/")) {
      throw new RucioConfigException("--rucioNamePattern '" + namePattern + "' must contain {gps}, end in .gwf and have no '/'");
    }
    String others = namePattern.replace("{site}", "").replace("{ifo}", "").replace("{gps}", "").replace("{dur}", "");
    if (PLACEHOLDER.matcher(others).find()) {
      throw new RucioConfigException("--rucioNamePattern '" + namePattern + "': only {site}, {ifo}, {gps} and {dur} are known");
    }
    if (maxFileSeconds < 1) {
      throw new RucioConfigException("--rucioMaxFileSeconds must be at least 1, got " + maxFileSeconds);
    }
    Matcher m = dataset == null ? null : DATASET_GPS.matcher(dataset);
    if (m != null && m.find()) {
      // Chunks follow the datasets.
      this.chunkSeconds = Long.parseLong(m.group(1));
      if (chunkSeconds < 1) {
        throw new RucioConfigException("dataset '" + dataset + "': {gps/N} needs N >= 1");
      }
    } else if (dataset != null) {
      this.chunkSeconds = Long.MAX_VALUE / 4; // one fixed dataset: a single chunk
    } else {
      if (chunkSeconds < 10 || !isPowerOfTen(chunkSeconds)) {
        throw new RucioConfigException("--rucioChunkSeconds must be a power of ten (10, 100, 1000, ...), got " + chunkSeconds);
      }
      this.chunkSeconds = chunkSeconds;
    }
  }

  private static boolean isPowerOfTen(long v) {
    while (v > 1 && v % 10 == 0) {
      v /= 10;
    }
    return v == 1;
  }

  boolean byDataset() {
    return dataset != null;
  }

  /** One dataset per GPS span ({@code {gps/N}}): a missing one is a span without data. */
  boolean datasetPerSpan() {
    return dataset != null && DATASET_GPS.matcher(dataset).find();
  }

  long chunkOf(long gps) {
    return Math.floorDiv(gps, chunkSeconds);
  }

  long chunkStart(long chunk) {
    return chunk * chunkSeconds;
  }

  /** The name wildcard for the files of {@code detector} starting in {@code chunk}. */
  String nameWildcard(String detector, long chunk) {
    String prefix = chunk == 0 ? "" : Long.toString(chunk);
    return fill(namePattern, detector).replace("{gps}", prefix + "*").replace("{dur}", "*");
  }

  /** The dataset holding {@code chunk}'s files. */
  String datasetName(String detector, long chunk) {
    Matcher m = DATASET_GPS.matcher(fill(dataset, detector));
    return m.replaceAll(Long.toString(chunk));
  }

  /** Whether a catalog name is one of {@code detector}'s files under the pattern. */
  Pattern nameRegex(String detector) {
    String p = fill(namePattern, detector);
    StringBuilder re = new StringBuilder();
    int i = 0;
    while (i < p.length()) {
      if (p.startsWith("{gps}", i) || p.startsWith("{dur}", i)) {
        re.append("\\d+");
        i += 5;
      } else if (p.charAt(i) == '*') {
        re.append("[^/]*");
        i++;
      } else {
        int j = i;
        while (j < p.length() && p.charAt(j) != '*' && !p.startsWith("{gps}", j) && !p.startsWith("{dur}", j)) {
          j++;
        }
        re.append(Pattern.quote(p.substring(i, j)));
        i = j;
      }
    }
    return Pattern.compile(re.toString());
  }

  private static String fill(String template, String detector) {
    return template.replace("{site}", Detectors.site(detector)).replace("{ifo}", detector);
  }

  @Override
  public String toString() {
    return byDataset() ? scope + ":" + dataset + " (names " + namePattern + ")"
        : scope + " (names " + namePattern + ", " + chunkSeconds + " s per query)";
  }
}
