package io.firebreak.web;

import java.util.List;
import java.util.Locale;
import org.springframework.web.util.HtmlUtils;

/**
 * Bar charts as SVG, drawn on the server: no script and no chart library in the browser. Every label is escaped (a
 * source name comes from whoever sent the alert).
 */
final class SvgCharts {

  /** One colour per series (severity SEV1 … SEV4, or open / overdue). */
  static final List<String> COLOURS = List.of("#b3261e", "#e8710a", "#f9ab00", "#1a73e8");

  private static final int HEIGHT = 220;
  private static final int TOP = 20;
  private static final int BOTTOM = 40;
  private static final int LEFT = 48;
  private static final int BAR = 14;
  private static final int GAP = 18;

  private SvgCharts() {
  }

  /**
   * Groups of bars: {@code values[group][series]}, one group per label, one bar per series, a legend of the series.
   *
   * @param unit what the numbers count, shown on the axis ("minutes", "incidents")
   */
  static String bars(String title, List<String> groups, List<String> series, double[][] values, String unit) {
    double max = 0;
    for (double[] group : values) {
      for (double value : group) {
        max = Math.max(max, value);
      }
    }
    double scale = max == 0 ? 0 : (HEIGHT - TOP - BOTTOM) / max;
    int groupWidth = series.size() * BAR + GAP;
    int width = Math.max(LEFT + groups.size() * groupWidth + GAP, 320);
    int baseline = HEIGHT - BOTTOM;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" width=\"").append(width)
        .append("\" height=\"").append(HEIGHT + 20).append("\" viewBox=\"0 0 ").append(width).append(' ')
        .append(HEIGHT + 20).append("\">");
    svg.append("<title>").append(escape(title)).append("</title>");
    svg.append("<text x=\"4\" y=\"12\" class=\"axis\">").append(escape(format(max) + " " + unit)).append("</text>");
    svg.append("<line x1=\"").append(LEFT - 4).append("\" y1=\"").append(baseline).append("\" x2=\"").append(width)
        .append("\" y2=\"").append(baseline).append("\" stroke=\"#888\"/>");
    for (int g = 0; g < groups.size(); g++) {
      int x0 = LEFT + g * groupWidth;
      for (int s = 0; s < series.size(); s++) {
        double value = values[g][s];
        int h = (int) Math.round(value * scale);
        int x = x0 + s * BAR;
        svg.append("<rect x=\"").append(x).append("\" y=\"").append(baseline - h).append("\" width=\"").append(BAR - 2)
            .append("\" height=\"").append(h).append("\" fill=\"").append(COLOURS.get(s % COLOURS.size()))
            .append("\"><title>").append(escape(groups.get(g) + ", " + series.get(s) + ": " + format(value) + " " + unit))
            .append("</title></rect>");
      }
      svg.append("<text x=\"").append(x0).append("\" y=\"").append(baseline + 16).append("\" class=\"label\">")
          .append(escape(groups.get(g))).append("</text>");
    }
    int legendX = LEFT;
    for (int s = 0; s < series.size(); s++) {
      svg.append("<rect x=\"").append(legendX).append("\" y=\"").append(HEIGHT + 4).append("\" width=\"10\" height=\"10\" fill=\"")
          .append(COLOURS.get(s % COLOURS.size())).append("\"/>");
      svg.append("<text x=\"").append(legendX + 14).append("\" y=\"").append(HEIGHT + 13).append("\" class=\"label\">")
          .append(escape(series.get(s))).append("</text>");
      legendX += 24 + 8 * series.get(s).length();
    }
    return svg.append("</svg>").toString();
  }

  static String format(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String escape(String text) {
    return HtmlUtils.htmlEscape(text, "UTF-8");
  }
}
