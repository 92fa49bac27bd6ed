package dev.limbic.escalation;

import dev.limbic.schedule.Schedule;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Answers who is on call in a schedule at an instant; the engine asks it when a step is reached. */
@FunctionalInterface
public interface OnCallResolver {
    /** The responders on call in schedule {@code scheduleId} at {@code at}; empty for an unknown schedule. */
    List<String> onCall(String scheduleId, Instant at);

    /**
     * The first instant after {@code at} at which who is on call in the schedule may change, if known. The engine
     * uses it to look again exactly then when nobody is on call. By default unknown.
     */
    default Optional<Instant> nextChangeAfter(String scheduleId, Instant at) {
        return Optional.empty();
    }

    /** A resolver over a fixed set of schedules, keyed by schedule id. */
    static OnCallResolver of(Map<String, Schedule> schedules) {
        Map<String, Schedule> copy = Map.copyOf(schedules);
        return new OnCallResolver() {
            @Override
            public List<String> onCall(String scheduleId, Instant at) {
                Schedule schedule = copy.get(scheduleId);
                return schedule == null ? List.of() : schedule.onCallAt(at);
            }

            @Override
            public Optional<Instant> nextChangeAfter(String scheduleId, Instant at) {
                Schedule schedule = copy.get(scheduleId);
                return schedule == null ? Optional.empty() : schedule.nextHandoffAfter(at);
            }
        };
    }
}
