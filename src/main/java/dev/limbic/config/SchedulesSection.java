package dev.limbic.config;

import dev.limbic.schedule.Rotation;
import dev.limbic.schedule.RotationType;
import dev.limbic.schedule.Schedule;
import dev.limbic.schedule.ScheduleOverride;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code schedules[]}: a timezone, {@code rotations[]} (type, shift length, start, handoff time, participants)
 * and {@code overrides[]} (responder, whom they replace, start, end), into {@link Schedule}s.
 */
final class SchedulesSection {
    static final String TIME_HINT = "an ISO date-time like 2026-01-05T09:00 (in the schedule's timezone) or 2026-01-05T09:00:00Z";

    private static final Map<String, String> SHIFT_KEYS = new TreeMap<>(Map.of(
            "shift_hours", "hourly", "shift_days", "daily", "shift_weeks", "weekly"));

    private SchedulesSection() {
    }

    static List<Schedule> read(YamlObject root, Ids responders, Ids ids) {
        List<Schedule> schedules = new ArrayList<>();
        for (YamlObject.Item item : root.objects("schedules")) {
            YamlObject s = item.object();
            String id = ids.claim(s, "id");
            ZoneId zone = zone(s);
            List<Rotation> rotations = new ArrayList<>();
            for (YamlObject.Item r : s.objects("rotations")) {
                Rotation rotation = rotation(r.object(), (id == null ? "schedule" : id) + "-" + (r.index() + 1), zone, responders);
                if (rotation != null) {
                    rotations.add(rotation);
                }
            }
            List<ScheduleOverride> overrides = new ArrayList<>();
            for (YamlObject.Item o : s.objects("overrides")) {
                ScheduleOverride override = override(o.object(), zone, responders);
                if (override != null) {
                    overrides.add(override);
                }
            }
            s.rejectUnknownKeys();
            if (id != null) {
                schedules.add(new Schedule(id, rotations, overrides));
            }
        }
        return schedules;
    }

    private static ZoneId zone(YamlObject s) {
        String zone = s.requiredString("timezone");
        if (zone == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            s.problem("timezone", "'" + zone + "' is not a time zone (use a region like Europe/Berlin, or UTC)");
            return ZoneOffset.UTC;
        }
    }

    private static Rotation rotation(YamlObject r, String defaultName, ZoneId zone, Ids responders) {
        String name = r.string("name", defaultName);
        String typeName = r.requiredString("type");
        RotationType type = null;
        if (typeName != null) {
            try {
                type = RotationType.valueOf(typeName.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                r.problem("type", "'" + typeName + "' is not a rotation type (daily, weekly or hourly)");
            }
        }
        int shiftLength = shiftLength(r, type);
        Instant start = instant(r, "start", zone);
        LocalTime handoff = r.has("handoff_time") ? localTime(r, "handoff_time") : null;
        if (handoff == null && start != null) {
            handoff = start.atZone(zone).toLocalTime();
        }
        List<String> participants = new ArrayList<>();
        List<YamlObject.Element> named = r.strings("participants");
        if (!r.has("participants")) {
            r.problem("participants", "missing (the responders who take shifts, in order)");
        } else if (r.isEmptyList("participants")) {
            r.problem("participants", "must name at least one responder");
        }
        for (YamlObject.Element p : named) {
            if (responders.check(r, p.path(), p.text())) {
                participants.add(p.text());
            }
        }
        r.rejectUnknownKeys();
        if (type == null || shiftLength < 1 || start == null || handoff == null) {
            return null;
        }
        return new Rotation(name, type, shiftLength, participants, start, handoff, zone);
    }

    /** {@code shift_hours} (hourly, required), {@code shift_days} (daily) or {@code shift_weeks} (weekly), each default 1. */
    private static int shiftLength(YamlObject r, RotationType type) {
        String own = type == null ? null : switch (type) {
            case HOURLY -> "shift_hours";
            case DAILY -> "shift_days";
            case WEEKLY -> "shift_weeks";
        };
        for (Map.Entry<String, String> other : SHIFT_KEYS.entrySet()) {
            if (type != null && !other.getKey().equals(own) && r.has(other.getKey())) {
                r.problem(other.getKey(), "is only for " + other.getValue() + " rotations (this one is "
                        + type.name().toLowerCase(Locale.ROOT) + ")");
            }
        }
        if (own == null) {
            return 0;
        }
        if (type == RotationType.HOURLY && !r.has(own)) {
            r.problem(own, "missing (how many hours one shift lasts)");
            return 0;
        }
        return r.integer(own, 1, 1, 10_000);
    }

    private static ScheduleOverride override(YamlObject o, ZoneId zone, Ids responders) {
        String responder = o.requiredString("responder");
        boolean ok = responder != null && responders.check(o, o.pathOf("responder"), responder);
        String replaced = o.string("replaces", null);
        if (replaced != null) {
            ok &= responders.check(o, o.pathOf("replaces"), replaced);
            if (replaced.equals(responder)) {
                o.problem("replaces", "'" + replaced + "' cannot replace themself");
                ok = false;
            }
        }
        Instant start = instant(o, "start", zone);
        Instant end = instant(o, "end", zone);
        if (start != null && end != null && !end.isAfter(start)) {
            o.problem("end", "must be after start");
            ok = false;
        }
        o.rejectUnknownKeys();
        if (!ok || start == null || end == null) {
            return null;
        }
        return replaced == null ? ScheduleOverride.adding(responder, start, end)
                : ScheduleOverride.replacing(replaced, responder, start, end);
    }

    /** A required instant: with an offset ({@code Z}, {@code +01:00}), or a local date-time or date in {@code zone}. */
    static Instant instant(YamlObject o, String key, ZoneId zone) {
        String text = o.requiredString(key);
        if (text == null) {
            return null;
        }
        String t = text.trim();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(t).atZone(zone).toInstant();
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(t).atStartOfDay(zone).toInstant();
                } catch (DateTimeParseException notDate) {
                    o.problem(key, "'" + text + "' is not " + TIME_HINT);
                    return null;
                }
            }
        }
    }

    /** A time of day written {@code HH:MM}. */
    static LocalTime localTime(YamlObject o, String key) {
        String text = o.string(key, null);
        if (text == null) {
            return null;
        }
        try {
            return LocalTime.parse(text.trim().length() == 4 ? "0" + text.trim() : text.trim());
        } catch (DateTimeParseException e) {
            o.problem(key, "'" + text + "' is not a time of day like 09:00");
            return null;
        }
    }
}
