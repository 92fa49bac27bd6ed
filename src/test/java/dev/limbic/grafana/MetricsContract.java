package dev.limbic.grafana;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names and labels documented in {@code grafana/METRICS.md}: every {@code `name{label,...}`} with a
 * {@code limbic_}, {@code vertx_}, {@code jvm_} or {@code process_} prefix in a bullet item; a metric whose entry says
 * "histogram" also has its {@code _bucket}, {@code _count}, {@code _sum} and {@code _max} series.
 */
record MetricsContract(Map<String, Metric> metrics) {
    /** The documented name prefixes; any other word of the form {@code prefix_…} in a query is an unknown metric. */
    static final Pattern METRIC_NAME = Pattern.compile("\\b(?:limbic|vertx|jvm|process)_[a-z0-9_]+\\b");
    /** Labels Prometheus adds to every scraped series. */
    static final Set<String> TARGET_LABELS = Set.of("instance", "job");
    private static final Pattern ENTRY = Pattern.compile("`((?:limbic|vertx|jvm|process)_[a-z0-9_]+)(?:\\{([a-z_,]*)})?`");
    private static final List<String> HISTOGRAM_SUFFIXES = List.of("_bucket", "_count", "_sum", "_max");

    /** One documented metric. */
    record Metric(String name, Set<String> labels, boolean histogram) {
    }

    /** A series name resolved to its documented metric, with the labels that series carries. */
    record Series(Metric metric, String seriesName, Set<String> labels) {
    }

    static MetricsContract read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Metric> metrics = new LinkedHashMap<>();
        for (String item : bulletItems(text)) {
            Matcher m = ENTRY.matcher(item);
            List<MatchResult> entries = new ArrayList<>();
            while (m.find()) {
                entries.add(m.toMatchResult());
            }
            for (int i = 0; i < entries.size(); i++) {
                MatchResult entry = entries.get(i);
                int end = i + 1 < entries.size() ? entries.get(i + 1).start() : item.length();
                Set<String> labels = new LinkedHashSet<>();
                if (entry.group(2) != null && !entry.group(2).isEmpty()) {
                    labels.addAll(Arrays.asList(entry.group(2).split(",")));
                }
                String name = entry.group(1);
                boolean histogram = item.substring(entry.end(), end).contains("histogram");
                if (metrics.putIfAbsent(name, new Metric(name, labels, histogram)) != null) {
                    throw new IllegalArgumentException(file + " lists " + name + " twice");
                }
            }
        }
        return new MetricsContract(metrics);
    }

    /** The bullet items of a Markdown text, each with its indented continuation lines joined in. */
    private static List<String> bulletItems(String text) {
        List<String> items = new ArrayList<>();
        StringBuilder current = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("- ")) {
                if (current != null) {
                    items.add(current.toString());
                }
                current = new StringBuilder(line);
            } else if (current != null && line.startsWith(" ")) {
                current.append(' ').append(line.trim());
            } else if (current != null) {
                items.add(current.toString());
                current = null;
            }
        }
        if (current != null) {
            items.add(current.toString());
        }
        return items;
    }

    /** The documented metric a series name belongs to, if any. */
    Optional<Series> series(String seriesName) {
        Metric direct = metrics.get(seriesName);
        if (direct != null) {
            return Optional.of(new Series(direct, seriesName, withTargetLabels(direct.labels())));
        }
        for (String suffix : HISTOGRAM_SUFFIXES) {
            if (seriesName.endsWith(suffix)) {
                Metric base = metrics.get(seriesName.substring(0, seriesName.length() - suffix.length()));
                if (base != null && base.histogram()) {
                    Set<String> labels = withTargetLabels(base.labels());
                    if (suffix.equals("_bucket")) {
                        labels.add("le");
                    }
                    return Optional.of(new Series(base, seriesName, labels));
                }
            }
        }
        return Optional.empty();
    }

    private static Set<String> withTargetLabels(Set<String> labels) {
        Set<String> all = new LinkedHashSet<>(labels);
        all.addAll(TARGET_LABELS);
        return all;
    }
}
