package dev.limbic.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One scrape of a Prometheus text exposition, read just far enough for the bench: sums of counters over
 * all their series, and the cumulative buckets of a histogram. Comment lines are skipped.
 */
final class PrometheusScrape {
    private record Sample(String name, String labels, double value) {
    }

    private final List<Sample> samples = new ArrayList<>();

    PrometheusScrape(String text) {
        for (String line : text.split("\n")) {
            line = line.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            String name;
            String labels = "";
            String rest;
            if (brace >= 0 && (space < 0 || brace < space)) {
                int close = line.lastIndexOf('}');
                name = line.substring(0, brace);
                labels = line.substring(brace + 1, close);
                rest = line.substring(close + 1).trim();
            } else if (space > 0) {
                name = line.substring(0, space);
                rest = line.substring(space + 1).trim();
            } else {
                continue;
            }
            String value = rest.split("\\s+")[0];
            samples.add(new Sample(name, labels, parseValue(value)));
        }
    }

    /** Whether any series of {@code name} is present. */
    boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name.equals(name));
    }

    /** The sum of every series of {@code name}, or {@code NaN} when there is none. */
    double sum(String name) {
        double sum = 0;
        boolean found = false;
        for (Sample s : samples) {
            if (s.name.equals(name)) {
                sum += s.value;
                found = true;
            }
        }
        return found ? sum : Double.NaN;
    }

    /** The sum of the series of {@code name} by the value of their label {@code label}. */
    Map<String, Double> sumByLabel(String name, String label) {
        Map<String, Double> sums = new TreeMap<>();
        for (Sample s : samples) {
            if (s.name.equals(name)) {
                sums.merge(label(s.labels, label), s.value, Double::sum);
            }
        }
        return sums;
    }

    /** Cumulative counts of histogram {@code name} by upper bound ({@code le}), summed over its series. */
    TreeMap<Double, Double> buckets(String name) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        String bucketName = name + "_bucket";
        for (Sample s : samples) {
            if (s.name.equals(bucketName)) {
                buckets.merge(parseValue(label(s.labels, "le")), s.value, Double::sum);
            }
        }
        return buckets;
    }

    /**
     * The {@code q} quantile of the observations a histogram received between {@code earlier} and this
     * scrape, interpolated linearly inside its bucket (as Prometheus' {@code histogram_quantile} does);
     * {@code NaN} without observations, {@code +Inf} when it lies above the largest finite bound.
     */
    double quantileSince(PrometheusScrape earlier, String name, double q) {
        TreeMap<Double, Double> now = buckets(name);
        TreeMap<Double, Double> then = earlier.buckets(name);
        Double total = now.get(Double.POSITIVE_INFINITY);
        if (total == null) {
            return Double.NaN;
        }
        double count = total - then.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
        if (count <= 0) {
            return Double.NaN;
        }
        double rank = q * count;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : now.entrySet()) {
            double cumulative = bucket.getValue() - then.getOrDefault(bucket.getKey(), 0.0);
            if (cumulative >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return Double.POSITIVE_INFINITY;
                }
                double inBucket = cumulative - lowerCount;
                double fraction = inBucket <= 0 ? 1 : (rank - lowerCount) / inBucket;
                return lowerBound + (bucket.getKey() - lowerBound) * fraction;
            }
            lowerBound = bucket.getKey();
            lowerCount = cumulative;
        }
        return Double.NaN;
    }

    private static String label(String labels, String key) {
        String prefix = key + "=\"";
        int at = labels.startsWith(prefix) ? 0 : labels.indexOf("," + prefix);
        if (at < 0) {
            return "NaN";
        }
        int start = labels.indexOf('"', at) + 1;
        return labels.substring(start, labels.indexOf('"', start));
    }

    private static double parseValue(String value) {
        return switch (value) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
        };
    }
}
