package org.gwreplay.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Output layouts and names that real consumers read, by name ({@code --preset}). Each sets the
 * sub-directory and tag of the stream and stamps it with today's GPS time, since live pipelines
 * ignore or misread data from the past (sgn-ligo's DevShmSource skips files older than now,
 * PyCBC Live starts at the current GPS time). Options the user gave explicitly win.
 */
final class Presets {

  /** Where a preset writes when no --output is given: the shared memory of the host. */
  static final String DEFAULT_OUTPUT = "/dev/shm";

  /** A consumer layout: sub-directory (under --output) and file tag, {ifo} replaced. */
  record Preset(String layout, String tag) {}

  static final Map<String, Preset> PRESETS = Map.of(
      // Production low-latency h(t): gwcelery globs /dev/shm/kafka/{ifo}/*.gwf, frame type {ifo}_llhoft.
      "llhoft", new Preset("kafka/{ifo}", "{ifo}_llhoft"),
      // The O3 replay mock-data challenge stream, as gwcelery's playground reads it.
      "o3replaymdc", new Preset("kafka/{ifo}_O3ReplayMDC", "{ifo}_O3ReplayMDC_llhoft"));

  private Presets() {}

  /** Applies {@code --preset} to the options not given in {@code args} (Beam's camelCase spelling). */
  static void apply(ReplayOptions o, String[] args) {
    String name = o.getPreset();
    if (name == null || name.isBlank()) {
      return;
    }
    Preset p = PRESETS.get(name.trim().toLowerCase(Locale.ROOT));
    if (p == null) {
      throw new IllegalArgumentException("unknown --preset '" + name + "' (known: " + String.join(", ", PRESETS.keySet().stream().sorted().toList()) + ")");
    }
    if (!given(args, "layout")) {
      o.setLayout(p.layout());
    }
    if (!given(args, "tag")) {
      o.setTag(p.tag());
    }
    if (!given(args, "shiftToNow")) {
      o.setShiftToNow(true);
    }
    if (!given(args, "output")) {
      o.setOutput(DEFAULT_OUTPUT);
    }
  }

  private static boolean given(String[] args, String camelName) {
    return Arrays.stream(args).anyMatch(a -> a.equals("--" + camelName) || a.startsWith("--" + camelName + "="));
  }
}
