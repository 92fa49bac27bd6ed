package dev.limbic.paging;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes an {@link Instant} exactly as {@link Instant#toString()} does (ISO-8601 in UTC, the fraction in groups of
 * three digits, none when zero), without going through a {@link java.time.format.DateTimeFormatter}: the escalation
 * state and timeline of every decision carry several instants.
 */
final class IsoInstant {
    private static final long SECONDS_PER_DAY = 86_400;
    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the years written with four digits and no sign. */
    private static final long MIN_PLAIN = -62_167_219_200L;
    private static final long MAX_PLAIN = 253_402_300_800L;

    private IsoInstant() {
    }

    /** Appends {@code instant}'s {@link Instant#toString()} to {@code out}. */
    static void append(StringBuilder out, Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < MIN_PLAIN || seconds >= MAX_PLAIN) {
            out.append(instant);
            return;
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        digits(out, date.getYear(), 4);
        out.append('-');
        digits(out, date.getMonthValue(), 2);
        out.append('-');
        digits(out, date.getDayOfMonth(), 2);
        out.append('T');
        digits(out, secondOfDay / 3600, 2);
        out.append(':');
        digits(out, secondOfDay / 60 % 60, 2);
        out.append(':');
        digits(out, secondOfDay % 60, 2);
        int nano = instant.getNano();
        if (nano != 0) {
            out.append('.');
            if (nano % 1_000_000 == 0) {
                digits(out, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                digits(out, nano / 1_000, 6);
            } else {
                digits(out, nano, 9);
            }
        }
        out.append('Z');
    }

    /** {@link Instant#toString()} of {@code instant}. */
    static String toString(Instant instant) {
        StringBuilder out = new StringBuilder(30);
        append(out, instant);
        return out.toString();
    }

    /** {@code value} (not negative) with leading zeros to {@code width} digits. */
    private static void digits(StringBuilder out, int value, int width) {
        for (int limit = 10, left = width - 1; left > 0; limit *= 10, left--) {
            if (value < limit) {
                for (int zero = 0; zero < left; zero++) {
                    out.append('0');
                }
                break;
            }
        }
        out.append(value);
    }
}
