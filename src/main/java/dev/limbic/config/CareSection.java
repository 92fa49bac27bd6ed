package dev.limbic.config;

import dev.limbic.care.CareSettings;

import java.time.Duration;
import java.time.LocalTime;
import java.util.OptionalInt;

/**
 * Reads {@code care}: {@code breathing_cycles}, {@code hold_max}, {@code defer_max}, {@code partner_after_acute},
 * {@code partner_after_open_incidents}, {@code fatigue.night_pages_per_week}, {@code night.start}/{@code night.end},
 * {@code unknown_gap} (into {@link CareSettings}) and {@code episode_retention}, each defaulting to
 * {@link CareConfig#defaults()}. Every bound {@link CareSettings} checks is checked here first, so a problem is
 * reported against its key.
 */
final class CareSection {
    private static final Duration MAX_HOLD = Duration.ofMinutes(10);
    private static final Duration MAX_DEFER = Duration.ofHours(1);
    private static final Duration MAX_UNKNOWN_GAP = Duration.ofHours(1);

    private CareSection() {
    }

    static CareConfig read(YamlObject root) {
        CareSettings d = CareSettings.defaults();
        return root.object("care").map(c -> {
            int cycles = c.integer("breathing_cycles", d.breathingCycles(), 1, 10);
            Duration window = CareSettings.BREATHING_CYCLE.multipliedBy(cycles);
            Duration holdMax = bounded(c, "hold_max", d.holdMax(), window, MAX_HOLD,
                    "at least the breathing window (" + Durations.format(window) + " for "
                            + cycles + (cycles == 1 ? " cycle" : " cycles") + ")");
            Duration deferMax = bounded(c, "defer_max", d.deferMax(), Duration.ZERO, MAX_DEFER, "0s (never defer) or more");
            Duration partnerAfter = bounded(c, "partner_after_acute", d.partnerAfterAcute(), Duration.ofSeconds(1),
                    Duration.ofHours(24), "at least 1s");
            int partnerIncidents = c.integer("partner_after_open_incidents", d.partnerAfterOpenIncidents(), 1, 1000);
            OptionalInt nightPages = c.object("fatigue").map(f -> {
                OptionalInt pages = f.has("night_pages_per_week")
                        ? OptionalInt.of(f.integer("night_pages_per_week", 0, 0, 1000)) : OptionalInt.empty();
                f.rejectUnknownKeys();
                return pages;
            }).orElse(OptionalInt.empty());
            LocalTime[] night = {d.nightStart(), d.nightEnd()};
            c.object("night").ifPresent(n -> {
                LocalTime start = SchedulesSection.localTime(n, "start");
                LocalTime end = SchedulesSection.localTime(n, "end");
                night[0] = start == null ? night[0] : start;
                night[1] = end == null ? night[1] : end;
                if (night[0].equals(night[1])) {
                    n.problem("end", "must differ from start");
                    night[0] = d.nightStart();
                    night[1] = d.nightEnd();
                }
                n.rejectUnknownKeys();
            });
            Duration unknownGap = bounded(c, "unknown_gap", d.unknownGap(), Duration.ZERO, MAX_UNKNOWN_GAP,
                    "0s or more");
            Duration retention = bounded(c, "episode_retention", CareConfig.DEFAULT_EPISODE_RETENTION,
                    Duration.ofDays(1), Duration.ofDays(3650), "at least 1d");
            c.rejectUnknownKeys();
            return new CareConfig(new CareSettings(cycles, holdMax, deferMax, partnerAfter, partnerIncidents,
                    nightPages, night[0], night[1], unknownGap), retention);
        }).orElseGet(CareConfig::defaults);
    }

    private static Duration bounded(YamlObject c, String key, Duration fallback, Duration min, Duration max, String minText) {
        Duration value = c.duration(key, fallback);
        if (value.compareTo(min) < 0) {
            c.problem(key, "must be " + minText);
            return fallback.compareTo(min) < 0 ? min : fallback;
        }
        if (value.compareTo(max) > 0) {
            c.problem(key, "must be at most " + Durations.format(max));
            return fallback;
        }
        return value;
    }
}
