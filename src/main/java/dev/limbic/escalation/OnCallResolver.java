package dev.limbic.escalation;

import dev.limbic.schedule.Schedule;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Answers who is on call in a schedule at an instant; the engine asks it when a step is reached. */
@FunctionalInterface
public interface OnCallResolver {
    /** The responders on call in schedule {@code scheduleId} at {@code at}; empty for an unknown schedule. */
    List<String> onCall(String scheduleId, Instant at);

    /** A resolver over a fixed set of schedules, keyed by schedule id. */
    static OnCallResolver of(Map<String, Schedule> schedules) {
        Map<String, Schedule> copy = Map.copyOf(schedules);
        return (scheduleId, at) -> {
            Schedule schedule = copy.get(scheduleId);
            return schedule == null ? List.of() : schedule.onCallAt(at);
        };
    }
}
