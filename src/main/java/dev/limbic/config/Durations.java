package dev.limbic.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations as people write them in the config: {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 30d}
 * (units d, h, m, s, ms, largest first), or ISO-8601 such as {@code PT5M}.
 */
final class Durations {
    static final String FORMAT_HINT = "a duration like 30s, 5m, 1h30m or 30d";
    private static final Pattern UNITS = Pattern.compile(
            "(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");

    private Durations() {
    }

    /**
     * The duration written as {@code text}.
     *
     * @throws IllegalArgumentException naming the expected format when {@code text} is not a duration
     */
    static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        if (t.startsWith("p")) {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not " + FORMAT_HINT);
            }
        }
        Matcher m = UNITS.matcher(t);
        if (t.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not " + FORMAT_HINT);
        }
        try {
            return Duration.ofDays(number(m.group(1)))
                    .plusHours(number(m.group(2)))
                    .plusMinutes(number(m.group(3)))
                    .plusSeconds(number(m.group(4)))
                    .plusMillis(number(m.group(5)));
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
    }

    /** The shortest form {@link #parse} reads back, for messages ({@code 1h30m}, {@code 10s}). */
    static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder s = new StringBuilder();
        long days = d.toDays();
        if (days > 0) {
            s.append(days).append('d');
        }
        if (d.toHoursPart() > 0) {
            s.append(d.toHoursPart()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            s.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0) {
            s.append(d.toSecondsPart()).append('s');
        }
        if (d.toMillisPart() > 0) {
            s.append(d.toMillisPart()).append("ms");
        }
        return s.toString();
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}
