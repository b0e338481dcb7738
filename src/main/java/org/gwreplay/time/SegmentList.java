package org.gwreplay.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Sorted, non-overlapping GPS segments to replay, in order.
 *
 * <p>Read from the usual text forms ({@code start end} or segwizard's {@code index start end
 * duration} per line, {@code #} comments) or JSON ({@code [[start, end], ...]} or {@code
 * {"segments": [...]}} with pairs or {@code {"start":..,"end":..}} objects). Fractional bounds
 * are rounded inwards to whole seconds.
 */
public final class SegmentList implements Serializable {

  private final List<Segment> segments;

  private SegmentList(List<Segment> segments) {
    this.segments = segments;
  }

  /** Sorts the segments and merges overlapping or touching ones. */
  public static SegmentList of(List<Segment> input) {
    if (input.isEmpty()) {
      throw new IllegalArgumentException("the segment list is empty");
    }
    List<Segment> sorted = new ArrayList<>(input);
    Collections.sort(sorted);
    List<Segment> merged = new ArrayList<>();
    for (Segment s : sorted) {
      Segment last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && s.start() <= last.end()) {
        merged.set(merged.size() - 1, new Segment(last.start(), Math.max(last.end(), s.end())));
      } else {
        merged.add(s);
      }
    }
    return new SegmentList(List.copyOf(merged));
  }

  public static SegmentList of(long start, long end) {
    return of(List.of(new Segment(start, end)));
  }

  public static SegmentList read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read segment list " + file + ": " + e.getMessage(), e);
    }
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("segment list " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses segments given inline, as JSON or text lines. */
  public static SegmentList parse(String text) {
    String t = text.strip();
    return t.startsWith("[") || t.startsWith("{") ? parseJson(t) : parseText(t);
  }

  static SegmentList parseText(String text) {
    List<Segment> out = new ArrayList<>();
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].replaceAll("#.*", "").trim();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split("[\\s,]+");
      try {
        if (f.length == 2) {
          out.add(segment(new BigDecimal(f[0]), new BigDecimal(f[1])));
        } else if (f.length == 4) {
          out.add(segment(new BigDecimal(f[1]), new BigDecimal(f[2])));
        } else {
          throw new IllegalArgumentException("expected 'start end' or 'index start end duration'");
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + (i + 1) + " ('" + line + "'): " + e.getMessage(), e);
      }
    }
    return of(out);
  }

  static SegmentList parseJson(String text) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
    }
    JsonNode list = root.isObject() ? root.get("segments") : root;
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException("expected a JSON array of segments, or an object with a 'segments' array");
    }
    List<Segment> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode n = list.get(i);
      try {
        if (n.isArray() && n.size() == 2 && n.get(0).isNumber() && n.get(1).isNumber()) {
          out.add(segment(n.get(0).decimalValue(), n.get(1).decimalValue()));
        } else if (n.isObject() && n.path("start").isNumber() && n.path("end").isNumber()) {
          out.add(segment(n.get("start").decimalValue(), n.get("end").decimalValue()));
        } else {
          throw new IllegalArgumentException("expected [start, end] or {\"start\": .., \"end\": ..}");
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("segment " + i + " (" + n + "): " + e.getMessage(), e);
      }
    }
    return of(out);
  }

  private static Segment segment(BigDecimal start, BigDecimal end) {
    return new Segment(start.setScale(0, RoundingMode.CEILING).longValueExact(),
        end.setScale(0, RoundingMode.FLOOR).longValueExact());
  }

  public List<Segment> segments() {
    return segments;
  }

  public long start() {
    return segments.get(0).start();
  }

  public long end() {
    return segments.get(segments.size() - 1).end();
  }

  /** The parts of these segments inside [start, end); empty when nothing overlaps. */
  public java.util.Optional<SegmentList> intersect(long start, long end) {
    List<Segment> clipped = new ArrayList<>();
    for (Segment s : segments) {
      if (s.overlaps(start, end)) {
        clipped.add(new Segment(Math.max(s.start(), start), Math.min(s.end(), end)));
      }
    }
    return clipped.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(new SegmentList(List.copyOf(clipped)));
  }

  public long livetime() {
    return segments.stream().mapToLong(Segment::duration).sum();
  }

  @Override
  public String toString() {
    return segments.size() == 1 ? segments.get(0).toString() : segments.size() + " segments " + start() + "-" + end();
  }
}
