package dev.limbic.grafana;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a PromQL expression uses, checked against the {@link MetricsContract}: metric names, the labels in
 * each selector's matchers, and the labels of {@code by (…)} / {@code without (…)} groupings. Not a PromQL
 * parser: it reads the shapes Limbic's dashboards and rules use, and reports every problem it sees.
 */
final class PromQlUse {
    private static final Pattern SELECTOR = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
    private static final Pattern MATCHER_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");

    private PromQlUse() {
    }

    /** The problems of {@code expr} (empty when it only uses documented metrics and labels). */
    static List<String> problems(String expr, MetricsContract contract) {
        List<String> problems = new ArrayList<>();
        Set<String> labelsInScope = new LinkedHashSet<>();
        Matcher names = MetricsContract.METRIC_NAME.matcher(expr);
        boolean anyMetric = false;
        while (names.find()) {
            anyMetric = true;
            Optional<MetricsContract.Series> series = contract.series(names.group());
            if (series.isEmpty()) {
                problems.add("metric " + names.group() + " is not in grafana/METRICS.md");
            } else {
                labelsInScope.addAll(series.get().labels());
            }
        }
        if (!anyMetric) {
            problems.add("uses no documented metric");
        }
        Matcher selectors = SELECTOR.matcher(expr);
        while (selectors.find()) {
            Optional<MetricsContract.Series> series = contract.series(selectors.group(1));
            if (series.isEmpty()) {
                continue;
            }
            Matcher labels = MATCHER_LABEL.matcher(selectors.group(2));
            while (labels.find()) {
                if (!series.get().labels().contains(labels.group(1))) {
                    problems.add(selectors.group(1) + " has no label " + labels.group(1) + " (documented: "
                            + series.get().labels() + ")");
                }
            }
        }
        Matcher groupings = GROUPING.matcher(expr);
        while (groupings.find()) {
            for (String label : groupings.group(1).split(",")) {
                String trimmed = label.trim();
                if (!trimmed.isEmpty() && !labelsInScope.contains(trimmed)) {
                    problems.add("groups by " + trimmed + ", a label none of its metrics has");
                }
            }
        }
        return problems;
    }
}
