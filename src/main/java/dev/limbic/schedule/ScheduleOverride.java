package dev.limbic.schedule;

import java.time.Instant;
import java.util.Objects;

/**
 * A temporary change to who is on call: during {@code [start, end)} the responder is added, or replaces someone.
 *
 * <p>A replacement only takes effect while the replaced responder would be on call; otherwise it changes nothing.
 *
 * @param responder the responder put on call
 * @param replaced  the responder they stand in for, or {@code null} when the responder is added beside the others
 * @param start     when the override begins (inclusive)
 * @param end       when it ends (exclusive), after {@code start}
 */
public record ScheduleOverride(String responder, String replaced, Instant start, Instant end) {
    public ScheduleOverride {
        Objects.requireNonNull(responder, "responder");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("override end " + end + " must be after its start " + start);
        }
    }

    /** An override that puts {@code responder} on call beside the others during {@code [start, end)}. */
    public static ScheduleOverride adding(String responder, Instant start, Instant end) {
        return new ScheduleOverride(responder, null, start, end);
    }

    /** An override in which {@code responder} takes {@code replaced}'s place during {@code [start, end)}. */
    public static ScheduleOverride replacing(String replaced, String responder, Instant start, Instant end) {
        return new ScheduleOverride(responder, Objects.requireNonNull(replaced, "replaced"), start, end);
    }

    /** Whether the override is in force at {@code at}. */
    public boolean activeAt(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }

    /** Whether it replaces someone rather than adding a responder. */
    public boolean isReplacement() {
        return replaced != null;
    }
}
