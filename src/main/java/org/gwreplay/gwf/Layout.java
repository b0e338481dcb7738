package org.gwreplay.gwf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One structure's element list (LIGO-T970130, version 8): the names and types its FrSE
 * dictionary entries give, in order. The writer writes those entries from it, and a structure's
 * write (and its read of a version 8 file) steps through it value by value ({@link Cursor}), so
 * the bytes follow what the dictionary says: a value out of order or of another type, or (on
 * write) an element left out, is an {@link IllegalStateException} naming the element.
 */
final class Layout {

  /** What one element holds, as far as its bytes go (the sign of an integer does not change them). */
  enum Kind { INT_2, INT_4, INT_8, REAL_4, REAL_8, STRING, CHAR, PTR }

  record Element(String name, String type) {}

  final int cls;
  final String name;
  private final List<Element> elements;
  private final Kind[] kinds;
  /** For each array element, the indices of the count elements its length is the product of; null for scalars. */
  private final int[][] counts;

  private Layout(int cls, List<Element> elements) {
    this.cls = cls;
    this.name = Dictionary.name(cls);
    this.elements = List.copyOf(elements);
    int n = elements.size();
    kinds = new Kind[n];
    counts = new int[n][];
    for (int i = 0; i < n; i++) {
      int at = i;
      String type = elements.get(i).type();
      int bracket = type.indexOf('[');
      String base = bracket < 0 ? type : type.substring(0, bracket);
      kinds[i] = kind(base);
      // CHAR[n] is one block of bytes, read or written at once; other arrays hold their counts' product of values.
      if (bracket >= 0 && kinds[i] != Kind.CHAR) {
        String[] names = type.substring(bracket + 1, type.length() - 1).split("\\]\\[");
        counts[i] = Arrays.stream(names).mapToInt(c -> indexOf(c, elements.subList(0, at))).toArray();
      }
    }
  }

  private static Kind kind(String base) {
    return switch (base) {
      case "INT_2U", "INT_2S" -> Kind.INT_2;
      case "INT_4U", "INT_4S" -> Kind.INT_4;
      case "INT_8U", "INT_8S" -> Kind.INT_8;
      case "REAL_4" -> Kind.REAL_4;
      case "REAL_8" -> Kind.REAL_8;
      case "STRING" -> Kind.STRING;
      case "CHAR" -> Kind.CHAR;
      default -> {
        if (base.startsWith("PTR_STRUCT(")) {
          yield Kind.PTR;
        }
        throw new IllegalArgumentException("unknown element type " + base);
      }
    };
  }

  private static int indexOf(String count, List<Element> before) {
    for (int i = 0; i < before.size(); i++) {
      if (before.get(i).name().equals(count)) {
        return i;
      }
    }
    throw new IllegalArgumentException("array length " + count + " is no element before it");
  }

  /** A layout of the class numbered {@code cls}: its elements follow, in the order of the specification. */
  static Builder of(int cls) {
    return new Builder(cls);
  }

  static final class Builder {
    private final int cls;
    private final List<Element> elements = new ArrayList<>();

    private Builder(int cls) {
      this.cls = cls;
    }

    Builder e(String element, String type) {
      elements.add(new Element(element, type));
      return this;
    }

    /** A pointer to a structure of class {@code target}. */
    Builder p(String element, String target) {
      return e(element, "PTR_STRUCT(" + target + " *)");
    }

    /** The structure's checksum, its last element, which the structure's frame (not its body) holds. */
    Layout chkSum() {
      e("chkSum", "INT_4U");
      return new Layout(cls, elements);
    }

    Layout build() {
      return new Layout(cls, elements);
    }
  }

  /** The FrSE entries, as written in the dictionary. */
  List<Element> elements() {
    return elements;
  }

  Cursor cursor() {
    return new Cursor();
  }

  /** Where a read or write is within the layout; integer values are kept as the counts of later arrays. */
  final class Cursor {
    private int at;
    /** Values still due for the array element at {@code at}; -1 before that element starts. */
    private long due = -1;
    private final long[] values = new long[kinds.length];

    /** The next value has kind {@code k} (and, if an integer, this value). */
    void step(Kind k, long value) {
      while (true) {
        if (at == kinds.length) {
          throw new IllegalStateException(name + ": a " + k + " past its last element");
        }
        if (due < 0) {
          due = counts[at] == null ? 1 : length(counts[at]);
        }
        if (due == 0) { // an empty array: nothing of it in the bytes
          at++;
          due = -1;
          continue;
        }
        if (kinds[at] != k) {
          Element e = elements.get(at);
          throw new IllegalStateException(name + "." + e.name() + " is " + e.type() + ", not " + k);
        }
        values[at] = value;
        if (--due == 0) {
          at++;
          due = -1;
        }
        return;
      }
    }

    private long length(int[] of) {
      long n = 1;
      for (int c : of) {
        n *= values[c];
      }
      return n;
    }

    /** The body is complete: all that is left are the checksums its frame carries (and empty arrays). */
    void finish() {
      for (int i = at; i < kinds.length; i++) {
        boolean empty = counts[i] != null && (i > at || due < 0) && length(counts[i]) == 0;
        if (!empty && !elements.get(i).name().startsWith("chkSum")) {
          throw new IllegalStateException(name + "." + elements.get(i).name() + " was left out");
        }
      }
    }
  }
}
