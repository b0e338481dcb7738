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
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Sorted, non-overlapping GPS segments (touching ones merged), with gwpy's segment-list algebra:
 * {@link #union}, {@link #intersect}, {@link #minus}; {@link #of} coalesces.
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

  /**
   * Coalesces the segments (as gwpy's {@code coalesce()}): sorted, overlapping or touching ones
   * merged. An empty list is no time at all (as {@code minus} may leave).
   */
  public static SegmentList of(Collection<Segment> input) {
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
    SegmentList list = t.startsWith("[") || t.startsWith("{") ? parseJson(t) : parseText(t);
    if (list.isEmpty()) {
      throw new IllegalArgumentException("the segment list is empty");
    }
    return list;
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

  public boolean isEmpty() {
    return segments.isEmpty();
  }

  /** The parts of these segments inside [start, end); empty when nothing overlaps. */
  public Optional<SegmentList> intersect(long start, long end) {
    long from = Math.max(0, start); // GPS time has no negative segments
    return end <= from ? Optional.empty() : Optional.of(intersect(of(from, end))).filter(l -> !l.isEmpty());
  }

  /** Time in both lists. */
  public SegmentList intersect(SegmentList other) {
    return minus(minus(other));
  }

  /** Time in either list. */
  public SegmentList union(SegmentList other) {
    List<Segment> all = new ArrayList<>(segments);
    all.addAll(other.segments);
    return of(all);
  }

  /** Time in this list and not in {@code other}; a segment of it may come out split. */
  public SegmentList minus(SegmentList other) {
    List<Segment> out = new ArrayList<>();
    int j = 0;
    for (Segment s : segments) {
      while (j < other.segments.size() && other.segments.get(j).end() <= s.start()) {
        j++;
      }
      long at = s.start();
      for (int k = j; k < other.segments.size() && other.segments.get(k).start() < s.end(); k++) {
        Segment o = other.segments.get(k);
        if (o.start() > at) {
          out.add(new Segment(at, o.start()));
        }
        at = Math.max(at, o.end());
      }
      if (at < s.end()) {
        out.add(new Segment(at, s.end()));
      }
    }
    return new SegmentList(List.copyOf(out));
  }

  /** Each segment shrunk to the multiples of {@code step} inside it (whole frames); those too short to hold one dropped. */
  public SegmentList alignedInwards(long step) {
    List<Segment> out = new ArrayList<>();
    for (Segment s : segments) {
      long start = Math.floorDiv(s.start() + step - 1, step) * step;
      long end = Math.floorDiv(s.end(), step) * step;
      if (end > start) {
        out.add(new Segment(start, end));
      }
    }
    return new SegmentList(List.copyOf(out));
  }

  public long livetime() {
    return segments.stream().mapToLong(Segment::duration).sum();
  }

  /**
   * Coalesces segments added one at a time, in any order, in memory that grows with the spans
   * that remain apart (gaps), not with the segments added.
   */
  public static final class Builder {
    private final TreeMap<Long, Long> spans = new TreeMap<>();

    /** Adds [start, end), merging it with the spans it overlaps or touches. */
    public Builder add(long start, long end) {
      if (end <= start) {
        throw new IllegalArgumentException("span end " + end + " must be after its start " + start);
      }
      Map.Entry<Long, Long> before = spans.floorEntry(start);
      if (before != null && before.getValue() >= start) {
        start = before.getKey();
        end = Math.max(end, before.getValue());
      }
      for (Map.Entry<Long, Long> after = spans.ceilingEntry(start); after != null && after.getKey() <= end;
          after = spans.higherEntry(after.getKey())) {
        end = Math.max(end, after.getValue());
      }
      spans.subMap(start, true, end, true).clear();
      spans.put(start, end);
      return this;
    }

    /** The spans added, less any time before GPS 0 (a segment list has none). */
    public SegmentList build() {
      List<Segment> out = new ArrayList<>(spans.size());
      spans.forEach((start, end) -> {
        if (end > 0) {
          out.add(new Segment(Math.max(0, start), end));
        }
      });
      return new SegmentList(List.copyOf(out));
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SegmentList l && l.segments.equals(segments);
  }

  @Override
  public int hashCode() {
    return segments.hashCode();
  }

  @Override
  public String toString() {
    return segments.isEmpty() ? "no segments" : segments.size() == 1 ? segments.get(0).toString() : segments.size() + " segments " + start() + "-" + end();
  }
}
