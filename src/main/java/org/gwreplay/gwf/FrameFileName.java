package org.gwreplay.gwf;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A frame file name after LIGO-T010150: {@code OBS-TAG-GPSSTART-DURATION.gwf}, for example
 * {@code H-H1_llhoft-1238166018-1.gwf}.
 *
 * <p>OBS is one or more site letters (H, L, V, K, ...; several for multi-site files), TAG has no
 * hyphen, GPSSTART and DURATION are whole seconds.
 */
public record FrameFileName(String observatory, String tag, long gpsStart, long duration)
    implements Serializable {

  private static final Pattern OBS = Pattern.compile("[A-Z]+");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_.+]+");
  private static final Pattern NAME =
      Pattern.compile("([^-/]+)-([^-/]+)-(\\d{1,12})-(\\d{1,9})\\.gwf");

  public FrameFileName {
    if (observatory == null || !OBS.matcher(observatory).matches()) {
      throw new IllegalArgumentException("observatory must be upper-case site letters (e.g. H, HLV): '" + observatory + "'");
    }
    if (tag == null || !TAG.matcher(tag).matches()) {
      throw new IllegalArgumentException("tag must be letters, digits, '_', '.' or '+', with no hyphen: '" + tag + "'");
    }
    if (gpsStart < 0) {
      throw new IllegalArgumentException("GPS start must not be negative: " + gpsStart);
    }
    if (duration <= 0) {
      throw new IllegalArgumentException("duration must be a positive number of seconds: " + duration);
    }
  }

  /** Parses a bare file name (no directory). */
  public static FrameFileName parse(String fileName) {
    Matcher m = NAME.matcher(fileName);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a frame file name of the form OBS-TAG-GPSSTART-DURATION.gwf: '" + printable(fileName) + "'");
    }
    return new FrameFileName(m.group(1), m.group(2), Long.parseLong(m.group(3)), Long.parseLong(m.group(4)));
  }

  /** Like {@link #parse} but returns null for a name that does not follow the convention. */
  public static FrameFileName tryParse(String fileName) {
    try {
      return parse(fileName);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  public long gpsEnd() {
    return gpsStart + duration;
  }

  public FrameFileName withGps(long start, long dur) {
    return new FrameFileName(observatory, tag, start, dur);
  }

  @Override
  public String toString() {
    return observatory + "-" + tag + "-" + gpsStart + "-" + duration + ".gwf";
  }

  private static String printable(String s) {
    return s.codePoints().collect(StringBuilder::new,
        (b, c) -> { if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", c)); else b.appendCodePoint(c); },
        StringBuilder::append).toString();
  }
}
