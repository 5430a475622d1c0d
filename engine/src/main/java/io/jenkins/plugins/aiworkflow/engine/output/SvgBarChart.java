package io.jenkins.plugins.aiworkflow.engine.output;

import io.jenkins.plugins.aiworkflow.engine.text.Decimals;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleFunction;

/**
 * An inline SVG bar chart drawn as markup (no script, no external resource): one bar per entry with
 * the entry's label under it, a y axis with a few round ticks, and a {@code <title>} for the chart
 * and for every bar, which screen readers read and browsers show on hover. An entry without a value
 * (nothing was measured) gets no bar, only its label and a dash.
 */
final class SvgBarChart {
    static final int WIDTH = 720;
    static final int HEIGHT = 252;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 36;
    private static final int BOTTOM = 44;
    /** With more bars than this, values are only in the bars' titles, and every k-th label is shown. */
    static final int LABELLED_BARS = 25;

    private SvgBarChart() {
    }

    /**
     * One entry of the chart.
     *
     * @param label     under the bar, e.g. the iteration's number
     * @param value     the bar's height in the chart's unit; null when nothing was measured
     * @param valueText the value as shown above the bar
     * @param title     what the bar's {@code <title>} says, e.g. {@code iteration 2: 3 failing tests}
     */
    record Bar(String label, Double value, String valueText, String title) {
        Bar {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(valueText, "valueText");
            Objects.requireNonNull(title, "title");
        }
    }

    /**
     * @param id        the chart's element id, unique in the page
     * @param title     the chart's title, shown above it and read by screen readers
     * @param axisLabel the unit of the y axis
     * @param integral  whether values are counts (ticks are then whole numbers)
     * @param tick      how a tick's value is written
     */
    static String render(String id, String title, String axisLabel, List<Bar> bars, boolean integral,
            DoubleFunction<String> tick) {
        double max = 0;
        for (Bar bar : bars) {
            if (bar.value() != null && bar.value() > max) {
                max = bar.value();
            }
        }
        double step = step(max, integral);
        double top = Math.max(step, Math.ceil(max / step - 1e-9) * step);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        double band = bars.isEmpty() ? plotWidth : (double) plotWidth / bars.size();
        double barWidth = Math.max(1, band * 0.7);
        int every = (bars.size() + LABELLED_BARS - 1) / LABELLED_BARS;

        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" id=\"").append(Html.escape(id)).append("\" role=\"img\" aria-labelledby=\"")
                .append(Html.escape(id)).append("-title\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        svg.append("<title id=\"").append(Html.escape(id)).append("-title\">").append(Html.escape(title)).append("</title>\n");
        svg.append("<text class=\"chart-title\" x=\"").append(LEFT).append("\" y=\"16\">").append(Html.escape(title))
                .append("</text>\n");
        // y axis: ticks at 0, step, 2 step ... top, with grid lines
        svg.append("<g class=\"axis y-axis\">\n");
        int ticks = (int) Math.round(top / step);
        for (int i = 0; i <= ticks; i++) {
            double value = i * step;
            String y = coordinate(TOP + plotHeight - plotHeight * value / top);
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                    .append("\" y1=\"").append(y).append("\" y2=\"").append(y).append("\"/>")
                    .append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(y)
                    .append("\" text-anchor=\"end\" dominant-baseline=\"middle\">")
                    .append(Html.escape(tick.apply(value))).append("</text>\n");
        }
        svg.append("<text class=\"axis-label\" transform=\"rotate(-90)\" x=\"").append(-(TOP + plotHeight / 2))
                .append("\" y=\"12\" text-anchor=\"middle\">").append(Html.escape(axisLabel)).append("</text>\n");
        svg.append("<line class=\"axis-line\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT).append("\" y1=\"")
                .append(TOP).append("\" y2=\"").append(TOP + plotHeight).append("\"/>\n</g>\n");

        svg.append("<g class=\"bars\">\n");
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double center = LEFT + band * i + band / 2;
            if (bar.value() == null) {
                svg.append("<text class=\"no-value\" x=\"").append(coordinate(center)).append("\" y=\"")
                        .append(TOP + plotHeight - 4).append("\" text-anchor=\"middle\"><title>")
                        .append(Html.escape(bar.title())).append("</title>–</text>\n");
                continue;
            }
            double height = plotHeight * bar.value() / top;
            double y = TOP + plotHeight - height;
            svg.append("<rect class=\"bar\" x=\"").append(coordinate(center - barWidth / 2)).append("\" y=\"")
                    .append(coordinate(y)).append("\" width=\"").append(coordinate(barWidth)).append("\" height=\"")
                    .append(coordinate(height)).append("\"><title>").append(Html.escape(bar.title()))
                    .append("</title></rect>\n");
            if (every == 1) {
                svg.append("<text class=\"value\" x=\"").append(coordinate(center)).append("\" y=\"")
                        .append(coordinate(y - 4)).append("\" text-anchor=\"middle\">").append(Html.escape(bar.valueText()))
                        .append("</text>\n");
            }
        }
        svg.append("</g>\n");

        // x axis: the entries' labels, every k-th one when there are many
        svg.append("<g class=\"axis x-axis\">\n<line class=\"axis-line\" x1=\"").append(LEFT).append("\" x2=\"")
                .append(WIDTH - RIGHT).append("\" y1=\"").append(TOP + plotHeight).append("\" y2=\"")
                .append(TOP + plotHeight).append("\"/>\n");
        for (int i = 0; i < bars.size(); i += every) {
            svg.append("<text x=\"").append(coordinate(LEFT + band * i + band / 2)).append("\" y=\"")
                    .append(TOP + plotHeight + 16).append("\" text-anchor=\"middle\">")
                    .append(Html.escape(bars.get(i).label())).append("</text>\n");
        }
        svg.append("<text class=\"axis-label\" x=\"").append(LEFT + plotWidth / 2).append("\" y=\"").append(HEIGHT - 6)
                .append("\" text-anchor=\"middle\">iteration</text>\n</g>\n</svg>\n");
        return svg.toString();
    }

    /** A round step (1, 2 or 5 times a power of ten) that splits {@code max} into at most 5 parts; at least 1 for counts. */
    static double step(double max, boolean integral) {
        if (max <= 0) {
            return integral ? 1 : 0.01;
        }
        double raw = max / 5;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = power * 10;
        for (double factor : new double[] {1, 2, 5, 10}) {
            if (power * factor >= raw - 1e-12) {
                step = power * factor;
                break;
            }
        }
        return integral ? Math.max(1, Math.ceil(step)) : step;
    }

    private static String coordinate(double value) {
        return Decimals.fixed(value, 1);
    }
}
