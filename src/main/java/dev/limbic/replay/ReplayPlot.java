package dev.limbic.replay;

import dev.limbic.care.PageReaction;
import dev.limbic.stress.StressState;
import dev.limbic.stress.StressThresholds;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Draws a replay: smoothed heart rate, the personal baseline and the levels that mean {@code ELEVATED}
 * and {@code ACUTE}, over bands that show the state (orange elevated, red acute, grey unknown) and
 * vertical lines at pages with their verdict, so a person can see why the detector decided what it did.
 * PNG or SVG by the file's extension.
 */
public final class ReplayPlot {
    static final int WIDTH = 1600;
    static final int HEIGHT = 600;
    private static final Color HEART_RATE = new Color(0x1f, 0x4e, 0x9a);
    private static final Color BASELINE = new Color(0x2e, 0x7d, 0x32);
    private static final Color ELEVATED = new Color(0xf5, 0x9e, 0x0b);
    private static final Color ACUTE = new Color(0xd3, 0x2f, 0x2f);
    private static final Color UNKNOWN = new Color(0x9e, 0x9e, 0x9e);

    private ReplayPlot() {
    }

    /** Writes the plot of {@code trace} to {@code file} ({@code .png} or {@code .svg}). */
    public static void write(Path file, String title, ReplayTrace trace, StressThresholds thresholds,
                             List<PageReaction> reactions) throws IOException {
        JFreeChart chart = chart(title, trace, thresholds, reactions);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".svg")) {
            SVGGraphics2D svg = new SVGGraphics2D(WIDTH, HEIGHT);
            chart.draw(svg, new Rectangle(0, 0, WIDTH, HEIGHT));
            SVGUtils.writeToSVG(file.toFile(), svg.getSVGElement());
        } else if (name.endsWith(".png")) {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        } else {
            throw new IllegalArgumentException("plot file must end in .png or .svg: " + file);
        }
    }

    static JFreeChart chart(String title, ReplayTrace trace, StressThresholds thresholds, List<PageReaction> reactions) {
        double origin = trace.size() == 0 ? 0 : trace.timeSeconds(0);
        double span = trace.size() == 0 ? 0 : trace.timeSeconds(trace.size() - 1) - origin;
        boolean hours = span > 3 * 3600;
        double unit = hours ? 3600 : 60;
        long gapSeconds = Math.round(thresholds.staleAfterSeconds());

        XYSeries heartRate = new XYSeries("heart rate (smoothed)", false, true);
        XYSeries baseline = new XYSeries("baseline", false, true);
        XYSeries elevated = new XYSeries(String.format(Locale.ROOT, "ELEVATED level (+%.0f)", thresholds.elevatedDeltaBpm()), false, true);
        XYSeries acute = new XYSeries(String.format(Locale.ROOT, "ACUTE level (+%.0f)", thresholds.acuteDeltaBpm()), false, true);
        for (int i = 0; i < trace.size(); i++) {
            double x = (trace.timeSeconds(i) - origin) / unit;
            if (i > 0 && trace.timeSeconds(i) - trace.timeSeconds(i - 1) > gapSeconds) {
                double gapX = (trace.timeSeconds(i - 1) + 1 - origin) / unit;
                for (XYSeries series : List.of(heartRate, baseline, elevated, acute)) {
                    series.add(gapX, null, false);
                }
            }
            double hr = trace.heartRateBpm(i);
            double base = trace.baselineBpm(i);
            heartRate.add(x, Double.isNaN(hr) ? null : hr, false);
            baseline.add(x, base, false);
            elevated.add(x, base + thresholds.elevatedDeltaBpm(), false);
            acute.add(x, base + thresholds.acuteDeltaBpm(), false);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(heartRate);
        data.addSeries(baseline);
        data.addSeries(elevated);
        data.addSeries(acute);

        NumberAxis time = new NumberAxis(String.format(Locale.ROOT, "%s since t = %s s on the file's clock",
                hours ? "hours" : "minutes", RecordingReader.plain(origin)));
        NumberAxis bpm = new NumberAxis("heart rate (bpm)");
        bpm.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, HEART_RATE);
        renderer.setSeriesStroke(0, new BasicStroke(1.2f));
        renderer.setSeriesPaint(1, BASELINE);
        renderer.setSeriesStroke(1, new BasicStroke(2f));
        float[] dash = {6f, 4f};
        renderer.setSeriesPaint(2, ELEVATED.darker());
        renderer.setSeriesStroke(2, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
        renderer.setSeriesPaint(3, ACUTE.darker());
        renderer.setSeriesStroke(3, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
        XYPlot plot = new XYPlot(data, time, bpm, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));

        addStateBands(plot, trace, origin, unit);
        for (PageReaction reaction : reactions) {
            ValueMarker page = new ValueMarker((reaction.pageAtMillis() / 1000.0 - origin) / unit, Color.BLACK,
                    new BasicStroke(1.5f));
            page.setLabel("page: " + reaction.verdict());
            page.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
            page.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            page.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addDomainMarker(page, Layer.FOREGROUND);
        }

        LegendItemCollection legend = new LegendItemCollection();
        for (int series = 0; series < data.getSeriesCount(); series++) {
            legend.add(renderer.getLegendItem(0, series));
        }
        legend.add(band("ELEVATED", ELEVATED));
        legend.add(band("ACUTE", ACUTE));
        legend.add(band("UNKNOWN (no or poor data)", UNKNOWN));
        plot.setFixedLegendItems(legend);

        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(new TextTitle("bands show the detector's state; dashed lines are baseline + the ELEVATED"
                + " and ACUTE deltas, which heart rate must hold before the state rises"));
        return chart;
    }

    private static void addStateBands(XYPlot plot, ReplayTrace trace, double origin, double unit) {
        int runStart = 0;
        for (int i = 1; i <= trace.size(); i++) {
            if (i < trace.size() && trace.state(i) == trace.state(runStart)) {
                continue;
            }
            StressState state = trace.state(runStart);
            Paint paint = switch (state) {
                case ELEVATED -> ELEVATED;
                case ACUTE -> ACUTE;
                case UNKNOWN -> UNKNOWN;
                case CALM -> null;
            };
            if (paint != null) {
                double end = i < trace.size() ? trace.timeSeconds(i) : trace.timeSeconds(i - 1) + 1;
                IntervalMarker band = new IntervalMarker((trace.timeSeconds(runStart) - origin) / unit,
                        (end - origin) / unit, paint);
                band.setAlpha(state == StressState.UNKNOWN ? 0.25f : 0.35f);
                plot.addDomainMarker(band, Layer.BACKGROUND);
            }
            runStart = i;
        }
    }

    private static LegendItem band(String label, Color color) {
        Shape square = new Rectangle(-5, -5, 10, 10);
        return new LegendItem(label, null, null, null, square, new Color(color.getRed(), color.getGreen(),
                color.getBlue(), 110));
    }
}
