package dev.limbic.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.limbic.demo.Demo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pictures of the three dashboards filled with demo data, for the README (no Grafana server can be installed here):
 * runs {@code limbic demo} in real time with the real Prometheus and Alertmanager of {@link PrometheusStack} for a few
 * minutes (sam's heart rate rises a minute in), with alerts through Alertmanager acknowledged and resolved along the
 * way, then draws every panel from the same queries the dashboards run (Grafana's variables on "All"), laid out on the
 * dashboards' own grid. Time series and state timelines over the run; stats and bar gauges at its end.
 *
 * <p>Run: {@code bash src/scripts/dashboard-pictures.sh} (writes {@code docs/dashboard-*.png}).
 */
public final class DashboardPictures {
    private static final int WIDTH = 1800;
    private static final int COLUMN = WIDTH / 24;
    private static final int ROW = 34;
    private static final int GAP = 6;
    private static final Color BACKGROUND = new Color(0xf4, 0xf5, 0xf5);
    private static final Color PANEL = Color.WHITE;
    private static final Color BORDER = new Color(0xd8, 0xd9, 0xda);
    private static final Color TEXT = new Color(0x24, 0x29, 0x2e);
    private static final Color MUTED = new Color(0x8e, 0x8e, 0x8e);
    /** Grafana's classic series colours, in its order. */
    private static final Color[] PALETTE = {new Color(0x7e, 0xb2, 0x6d), new Color(0xea, 0xb8, 0x39),
            new Color(0x6e, 0xd0, 0xe0), new Color(0xef, 0x84, 0x3c), new Color(0xe2, 0x4d, 0x42),
            new Color(0x1f, 0x78, 0xc1), new Color(0xba, 0x43, 0xa9), new Color(0x70, 0x5d, 0xa0),
            new Color(0x50, 0x86, 0x42), new Color(0xcc, 0xa3, 0x00)};
    private static final Map<Integer, Color> STATE_COLORS = Map.of(0, new Color(0xb0, 0xb0, 0xb0),
            1, new Color(0x73, 0xbf, 0x69), 2, new Color(0xff, 0x98, 0x30), 3, new Color(0xf2, 0x49, 0x5c));
    private static final List<String> STATE_NAMES = List.of("UNKNOWN", "CALM", "ELEVATED", "ACUTE");
    private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*}}");
    private static final Map<String, String> FILES = Map.of("team-stress.json", "dashboard-team-stress.png",
            "oncall-load.json", "dashboard-oncall-load.png", "gateway.json", "dashboard-gateway.png");
    private static final Duration STEP = Duration.ofSeconds(2);
    private static final String RATE_INTERVAL = "10s";
    /** Real time, so per-second rates and the share of time stressed read as they would live. */
    private static final double SPEED = 1;

    private final PrometheusStack stack;
    private final Instant start;
    private final Instant end;

    private DashboardPictures(PrometheusStack stack, Instant start, Instant end) {
        this.stack = stack;
        this.start = start;
        this.end = end;
    }

    /** {@code [seconds [directory]]}: how long the demo runs (default 300) and where the pictures go (default docs). */
    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 300;
        Path out = Path.of(args.length > 1 ? args[1] : "docs");
        Files.createDirectories(out);
        Path dir = Files.createTempDirectory("limbic-dashboard-pictures-");
        try {
            PrometheusStack stack = PrometheusStack.start(dir, SPEED);
            try {
                draw(stack, Duration.ofSeconds(seconds), out);
            } finally {
                stack.stop();
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        System.exit(0);
    }

    private static void draw(PrometheusStack stack, Duration length, Path out) throws Exception {
        Instant start = stack.startedAt();
        runStory(stack, length);
        DashboardPictures pictures = new DashboardPictures(stack, start, Instant.now());
        for (Map.Entry<String, JsonNode> dashboard : DashboardFiles.load().byFile().entrySet()) {
            Path file = out.resolve(FILES.get(dashboard.getKey()));
            ImageIO.write(pictures.draw(dashboard.getKey(), dashboard.getValue()), "png", file.toFile());
            System.out.println("wrote " + file);
        }
    }

    /**
     * What happens while the pictures' data is collected (besides the demo's own story): every 30 s an alert through
     * Alertmanager, acknowledged by alex 5 s later and resolved in Alertmanager 20 s after it fired; once, a sender
     * with a wrong secret.
     */
    private static void runStory(PrometheusStack stack, Duration length) throws Exception {
        Instant until = Instant.now().plus(length);
        stack.post(stack.limbicUrl("/v1/intake/alertmanager/alertmanager"), "not-the-secret", "{}");
        List<Object[]> open = new ArrayList<>();
        int n = 0;
        Instant nextAlert = Instant.now().plusSeconds(5);
        while (Instant.now().isBefore(until)) {
            Instant now = Instant.now();
            if (now.isAfter(nextAlert)) {
                n++;
                ObjectNode alert = stack.mapper().createObjectNode();
                alert.putObject("labels").put("alertname", "CheckoutErrors" + n).put("service", "checkout")
                        .put("severity", "error");
                alert.putObject("annotations").put("summary", "Checkout errors #" + n + " (" + UUID.randomUUID() + ")");
                alert.put("startsAt", now.toString());
                post(stack, alert);
                open.add(new Object[]{alert, now, false});
                nextAlert = now.plusSeconds(30);
            }
            for (Iterator<Object[]> it = open.iterator(); it.hasNext(); ) {
                Object[] entry = it.next();
                ObjectNode alert = (ObjectNode) entry[0];
                Instant fired = (Instant) entry[1];
                if (!(Boolean) entry[2] && now.isAfter(fired.plusSeconds(5))) {
                    acknowledge(stack, alert.path("annotations").path("summary").asText());
                    entry[2] = true;
                }
                if (now.isAfter(fired.plusSeconds(20))) {
                    alert.put("endsAt", now.minusSeconds(1).toString());
                    post(stack, alert);
                    it.remove();
                }
            }
            Thread.sleep(500);
        }
    }

    private static void post(PrometheusStack stack, ObjectNode alert) throws Exception {
        ArrayNode alerts = stack.mapper().createArrayNode().add(alert);
        stack.post(stack.alertmanagerUrl("/api/v2/alerts"), null, alerts.toString());
    }

    private static void acknowledge(PrometheusStack stack, String summary) throws Exception {
        String alex = Demo.LIVE_TOKENS.get("alex");
        HttpResponse<String> list = stack.get(stack.limbicUrl("/v1/incidents?status=triggered"), alex);
        for (JsonNode incident : stack.json(list.body()).path("incidents")) {
            if (incident.path("summary").asText().equals(summary)) {
                stack.post(stack.limbicUrl("/v1/incidents/" + incident.path("id").asLong() + "/acknowledge"), alex, "{}");
            }
        }
    }

    /** One series of a panel: its legend and its points (seconds since the start, value). */
    private record Series(String name, List<double[]> points) {
        double last() {
            return points.isEmpty() ? Double.NaN : points.get(points.size() - 1)[1];
        }
    }

    private BufferedImage draw(String file, JsonNode dashboard) throws Exception {
        int rows = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            JsonNode grid = panel.path("gridPos");
            rows = Math.max(rows, grid.path("y").asInt() + grid.path("h").asInt());
        }
        int header = 56;
        BufferedImage image = new BufferedImage(WIDTH, header + rows * ROW + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(TEXT);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
        g.drawString(dashboard.path("title").asText(), GAP * 2, 32);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(MUTED);
        g.drawString(String.format(Locale.ROOT, "limbic demo, %d s scraped every second by a real Prometheus, alerts"
                        + " through a real Alertmanager; drawn from the dashboard's own queries (team, responder, instance:"
                        + " All) by DashboardPictures. Not a Grafana screenshot.",
                Duration.between(start, end).toSeconds()), GAP * 2, 50);
        for (JsonNode panel : dashboard.path("panels")) {
            JsonNode grid = panel.path("gridPos");
            Rectangle box = new Rectangle(grid.path("x").asInt() * COLUMN + GAP, header + grid.path("y").asInt() * ROW + GAP,
                    grid.path("w").asInt() * COLUMN - GAP, grid.path("h").asInt() * ROW - GAP);
            if (panel.path("type").asText().equals("row")) {
                g.setColor(TEXT);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
                g.drawString(panel.path("title").asText(), box.x + 4, box.y + box.height - 6);
                continue;
            }
            drawPanel(g, file, panel, box);
        }
        g.dispose();
        return image;
    }

    private void drawPanel(Graphics2D g, String file, JsonNode panel, Rectangle box) throws Exception {
        g.setColor(PANEL);
        g.fillRect(box.x, box.y, box.width, box.height);
        g.setColor(BORDER);
        g.drawRect(box.x, box.y, box.width, box.height);
        g.setColor(TEXT);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        String title = panel.path("title").asText();
        g.drawString(title, box.x + 8, box.y + 18);
        Rectangle body = new Rectangle(box.x + 4, box.y + 24, box.width - 8, box.height - 28);
        String unit = panel.path("fieldConfig").path("defaults").path("unit").asText("none");
        List<Series> series = new ArrayList<>();
        for (JsonNode target : panel.path("targets")) {
            series.addAll(series(target));
        }
        if (series.stream().allMatch(s -> s.points().isEmpty())) {
            String key = file + ": " + title;
            String reason = PrometheusEndToEndTest.NO_DATA_IN_THE_DEMO.getOrDefault(key,
                    PrometheusEndToEndTest.DEPENDS_ON_TIMING.getOrDefault(key, ""));
            centered(g, body, "No data", new Font(Font.SANS_SERIF, Font.PLAIN, 18), MUTED, 0);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            int dy = 22;
            for (String line : wrap(reason, g.getFontMetrics(), body.width - 16)) {
                centered(g, body, line, g.getFont(), MUTED, dy);
                dy += 14;
            }
            return;
        }
        series.removeIf(s -> s.points().isEmpty());
        switch (panel.path("type").asText()) {
            case "stat" -> centered(g, body, format(series.get(0).last(), unit),
                    new Font(Font.SANS_SERIF, Font.BOLD, Math.min(48, body.height / 2)), PALETTE[0].darker(), 0);
            case "bargauge" -> bars(g, body, series, unit, panel);
            case "state-timeline" -> stateTimeline(g, body, series);
            default -> timeSeries(g, body, series, unit);
        }
    }

    /** A target's series over the run, named by its legend format. */
    private List<Series> series(JsonNode target) throws Exception {
        String promql = target.path("expr").asText()
                .replace("$__rate_interval", RATE_INTERVAL)
                .replace("$__interval", STEP.toSeconds() + "s")
                .replace("$__range", Math.max(1, Duration.between(start, end).toSeconds()) + "s")
                .replace("$shift", "8h").replace("$team", ".*").replace("$responder", ".*").replace("$instance", ".*");
        List<Series> result = new ArrayList<>();
        for (JsonNode raw : stack.queryRange(promql, start, end, STEP)) {
            List<double[]> points = new ArrayList<>();
            for (JsonNode point : raw.path("values")) {
                double value = Double.parseDouble(point.path(1).asText());
                if (Double.isFinite(value)) {
                    points.add(new double[]{point.path(0).asDouble() - start.getEpochSecond(), value});
                }
            }
            result.add(new Series(legend(target.path("legendFormat").asText(), raw.path("metric")), points));
        }
        return result;
    }

    private static String legend(String format, JsonNode labels) {
        if (format.isEmpty() || format.equals("__auto")) {
            return labels.isEmpty() ? "value" : labels.toString();
        }
        Matcher matcher = LEGEND_LABEL.matcher(format);
        StringBuilder text = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(text, Matcher.quoteReplacement(labels.path(matcher.group(1)).asText()));
        }
        matcher.appendTail(text);
        return text.toString();
    }

    private void timeSeries(Graphics2D g, Rectangle body, List<Series> series, String unit) {
        XYSeriesCollection data = new XYSeriesCollection();
        if (unit.equals("s") && series.stream().flatMap(one -> one.points().stream()).anyMatch(p -> p[1] >= 1)) {
            unit = "seconds";
        }
        for (Series one : series) {
            XYSeries xy = new XYSeries(uniqueKey(data, one.name()), false, true);
            for (double[] p : one.points()) {
                xy.add(p[0], scale(p[1], unit));
            }
            data.addSeries(xy);
        }
        NumberAxis time = new NumberAxis("seconds since start");
        NumberAxis values = new NumberAxis(axisLabel(unit));
        values.setAutoRangeIncludesZero(true);
        double highest = series.stream().flatMap(one -> one.points().stream()).mapToDouble(p -> p[1]).max().orElse(0);
        if (highest <= 0) {
            values.setRange(0, 1);
        }
        Font tick = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
        time.setTickLabelFont(tick);
        time.setLabelFont(tick);
        values.setTickLabelFont(tick);
        values.setLabelFont(tick);
        time.setRange(0, Duration.between(start, end).toSeconds());
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, new BasicStroke(1.6f));
        }
        XYPlot plot = new XYPlot(data, time, values, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(BORDER);
        plot.setRangeGridlinePaint(BORDER);
        plot.setOutlineVisible(false);
        JFreeChart chart = new JFreeChart(null, null, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        LegendTitle legend = chart.getLegend();
        legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        chart.draw(g, body);
    }

    private static String uniqueKey(XYSeriesCollection data, String name) {
        String key = name;
        for (int i = 2; data.indexOf(key) >= 0; i++) {
            key = name + " (" + i + ")";
        }
        return key;
    }

    private void stateTimeline(Graphics2D g, Rectangle body, List<Series> series) {
        int legendHeight = 22;
        int axisHeight = 16;
        int labelWidth = 70;
        int lanes = series.size();
        int laneHeight = Math.min(60, (body.height - legendHeight - axisHeight) / Math.max(1, lanes));
        double span = Duration.between(start, end).toSeconds();
        int x0 = body.x + labelWidth;
        int width = body.width - labelWidth - 8;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int lane = 0; lane < lanes; lane++) {
            Series one = series.get(lane);
            int y = body.y + 6 + lane * laneHeight;
            g.setColor(TEXT);
            g.drawString(one.name(), body.x + 6, y + laneHeight / 2 + 4);
            List<double[]> points = one.points();
            for (int i = 0; i < points.size(); i++) {
                double from = points.get(i)[0];
                double to = i + 1 < points.size() ? points.get(i + 1)[0] : from + STEP.toSeconds();
                int state = (int) Math.round(points.get(i)[1]);
                g.setColor(STATE_COLORS.getOrDefault(state, MUTED));
                int left = x0 + (int) Math.round(from / span * width);
                int right = x0 + (int) Math.round(Math.min(span, to) / span * width);
                g.fillRect(left, y, Math.max(1, right - left), laneHeight - 6);
            }
        }
        int axisY = body.y + 6 + lanes * laneHeight + 10;
        g.setColor(MUTED);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        for (int s = 0; s <= span; s += 30) {
            g.drawString(s + " s", x0 + (int) Math.round(s / span * width), axisY);
        }
        int legendX = x0;
        int legendY = axisY + 16;
        for (int state = 0; state < STATE_NAMES.size(); state++) {
            g.setColor(STATE_COLORS.get(state));
            g.fillRect(legendX, legendY - 9, 12, 10);
            g.setColor(TEXT);
            g.drawString(STATE_NAMES.get(state), legendX + 16, legendY);
            legendX += 100;
        }
    }

    private static void bars(Graphics2D g, Rectangle body, List<Series> series, String unit, JsonNode panel) {
        double max = panel.path("fieldConfig").path("defaults").path("max").asDouble(Double.NaN);
        if (Double.isNaN(max)) {
            max = series.stream().mapToDouble(s -> scale(s.last(), unit)).max().orElse(1);
            max = max <= 0 ? 1 : max * 1.1;
        } else {
            max = scale(max, unit);
        }
        int barHeight = Math.min(34, (body.height - 8) / Math.max(1, series.size()) - 6);
        int labelWidth = 150;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i < series.size(); i++) {
            Series one = series.get(i);
            int y = body.y + 6 + i * (barHeight + 6);
            g.setColor(TEXT);
            g.drawString(one.name(), body.x + 6, y + barHeight / 2 + 4);
            int width = body.width - labelWidth - 90;
            g.setColor(new Color(0xee, 0xee, 0xee));
            g.fillRect(body.x + labelWidth, y, width, barHeight);
            double value = scale(one.last(), unit);
            g.setColor(PALETTE[i % PALETTE.length]);
            g.fillRect(body.x + labelWidth, y, (int) Math.round(Math.max(0, Math.min(1, value / max)) * width), barHeight);
            g.setColor(TEXT);
            g.drawString(format(one.last(), unit), body.x + labelWidth + width + 8, y + barHeight / 2 + 4);
        }
    }

    private static List<String> wrap(String text, FontMetrics metrics, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && metrics.stringWidth(line + " " + word) > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static void centered(Graphics2D g, Rectangle box, String text, Font font, Color color, int dy) {
        g.setFont(font);
        g.setColor(color);
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, box.x + (box.width - metrics.stringWidth(text)) / 2,
                box.y + box.height / 2 + metrics.getAscent() / 2 + dy);
    }

    /** A value in the unit the axis shows. */
    private static double scale(double value, String unit) {
        return switch (unit) {
            case "percentunit" -> value * 100;
            case "bytes" -> value / (1024 * 1024);
            case "s" -> value * 1000;
            default -> value;
        };
    }

    private static String axisLabel(String unit) {
        return switch (unit) {
            case "percentunit", "percent" -> "%";
            case "bytes" -> "MiB";
            case "s" -> "ms";
            case "seconds" -> "seconds";
            case "cps" -> "per second";
            case "reqps" -> "requests per second";
            case "m" -> "minutes";
            default -> "";
        };
    }

    private static String format(double value, String unit) {
        DecimalFormat number = new DecimalFormat("0.##");
        return switch (unit) {
            case "percentunit" -> number.format(value * 100) + " %";
            case "percent" -> number.format(value) + " %";
            case "s" -> number.format(value * 1000) + " ms";
            case "m" -> number.format(value) + " min";
            case "bytes" -> number.format(value / (1024 * 1024)) + " MiB";
            default -> number.format(value);
        };
    }
}
