package org.gwreplay.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Small line plots drawn on the server as SVG: the page needs no script library and works
 * offline, and a test can read what was drawn. Points closer than a pixel are merged into that
 * pixel's minimum and maximum, so 65536 samples of strain cost a few hundred points.
 */
final class Svg {

  record Series(String label, String color, double[] x, double[] y, boolean dashed) {}

  static final int WIDTH = 560;
  static final int HEIGHT = 220;
  private static final int LEFT = 64;
  private static final int RIGHT = 12;
  private static final int TOP = 22;
  private static final int BOTTOM = 34;

  private Svg() {}

  static String plot(String title, String xLabel, String yLabel, List<Series> series, boolean logX, boolean logY) {
    double[] xr = range(series, true, logX);
    double[] yr = range(series, false, logY);
    int pw = WIDTH - LEFT - RIGHT;
    int ph = HEIGHT - TOP - BOTTOM;
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">",
        WIDTH, HEIGHT, WIDTH, HEIGHT));
    b.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"15\" font-size=\"13\" font-weight=\"bold\">%s</text>", LEFT, esc(title)));
    b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>", LEFT, TOP, pw, ph));
    if (xr == null || yr == null) {
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#888\">no data yet</text>", LEFT + pw / 2 - 30, TOP + ph / 2));
      return b.append("</svg>").toString();
    }
    for (double t : ticks(xr, logX)) {
      double px = LEFT + pw * frac(t, xr, logX);
      b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>", px, TOP, px, TOP + ph));
      b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", px, TOP + ph + 13, label(t)));
    }
    for (double t : ticks(yr, logY)) {
      double py = TOP + ph * (1 - frac(t, yr, logY));
      b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>", LEFT, py, LEFT + pw, py));
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT - 4, py + 4, label(t)));
    }
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>", LEFT + pw / 2, HEIGHT - 4, esc(xLabel)));
    b.append(String.format(Locale.ROOT, "<text transform=\"rotate(-90)\" x=\"%d\" y=\"12\" text-anchor=\"middle\">%s</text>", -(TOP + ph / 2), esc(yLabel)));
    int legend = LEFT + pw;
    for (int s = series.size() - 1; s >= 0; s--) {
      Series ser = series.get(s);
      b.append(String.format(Locale.ROOT, "<polyline class=\"series\" data-label=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.2\"%s points=\"",
          esc(ser.label()), ser.color(), ser.dashed() ? " stroke-dasharray=\"4 3\"" : ""));
      appendPoints(b, ser, xr, yr, logX, logY, pw, ph);
      b.append("\"/>");
      legend -= 8 + 6 * ser.label().length();
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"15\" fill=\"%s\">%s</text>", legend, ser.color(), esc(ser.label())));
    }
    return b.append("</svg>").toString();
  }

  private static void appendPoints(StringBuilder b, Series s, double[] xr, double[] yr, boolean logX, boolean logY, int pw, int ph) {
    int column = Integer.MIN_VALUE;
    double lo = 0;
    double hi = 0;
    for (int i = 0; i <= s.x().length; i++) {
      boolean last = i == s.x().length;
      if (!last && !usable(s.x()[i], logX) || !last && !usable(s.y()[i], logY)) {
        continue;
      }
      int c = last ? Integer.MAX_VALUE : (int) Math.round(pw * frac(s.x()[i], xr, logX));
      if (c != column && column != Integer.MIN_VALUE) {
        double px = LEFT + column;
        b.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, TOP + ph * (1 - frac(lo, yr, logY))));
        if (hi != lo) {
          b.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, TOP + ph * (1 - frac(hi, yr, logY))));
        }
      }
      if (last) {
        break;
      }
      if (c != column) {
        column = c;
        lo = s.y()[i];
        hi = s.y()[i];
      } else {
        lo = Math.min(lo, s.y()[i]);
        hi = Math.max(hi, s.y()[i]);
      }
    }
  }

  private static boolean usable(double v, boolean log) {
    return Double.isFinite(v) && (!log || v > 0);
  }

  private static double[] range(List<Series> series, boolean x, boolean log) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (double v : x ? s.x() : s.y()) {
        if (usable(v, log)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (lo > hi) {
      return null;
    }
    if (lo == hi) {
      double pad = log ? lo * 0.5 : Math.max(Math.abs(lo) * 0.1, 1);
      return new double[] {lo - pad, hi + pad};
    }
    return new double[] {lo, hi};
  }

  private static double frac(double v, double[] r, boolean log) {
    return log ? (Math.log10(v) - Math.log10(r[0])) / (Math.log10(r[1]) - Math.log10(r[0])) : (v - r[0]) / (r[1] - r[0]);
  }

  private static List<Double> ticks(double[] r, boolean log) {
    List<Double> out = new ArrayList<>();
    if (log) {
      int a = (int) Math.ceil(Math.log10(r[0]) - 1e-9);
      int z = (int) Math.floor(Math.log10(r[1]) + 1e-9);
      int step = Math.max(1, (z - a + 1) / 6);
      for (int e = a; e <= z; e += step) {
        out.add(Math.pow(10, e));
      }
      return out;
    }
    double raw = (r[1] - r[0]) / 5;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
    for (double t = Math.ceil(r[0] / step) * step; t <= r[1] + step * 1e-9; t += step) {
      out.add(Math.abs(t) < step * 1e-9 ? 0 : t);
    }
    return out;
  }

  private static String label(double v) {
    double a = Math.abs(v);
    if (v == 0) {
      return "0";
    }
    if (a >= 1e5 || a < 1e-2) {
      // 1.50e-19 -> 1.5e-19, 2.00e+05 -> 2e+05: distinct ticks keep distinct labels.
      return String.format(Locale.ROOT, "%.3g", v).replaceAll("\\.?0+e", "e");
    }
    return new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", v)).stripTrailingZeros().toPlainString();
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
