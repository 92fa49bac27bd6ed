package dev.limbic.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An on-call schedule: the union of its rotations' current participants, changed by its overrides.
 *
 * @param id        the schedule's id, as escalation policies name it
 * @param rotations rotations whose current participants are all on call
 * @param overrides overrides, applied in order to the rotations' result
 */
public record Schedule(String id, List<Rotation> rotations, List<ScheduleOverride> overrides) {
    public Schedule {
        Objects.requireNonNull(id, "id");
        rotations = List.copyOf(rotations);
        overrides = List.copyOf(overrides);
    }

    /** The responders on call at {@code at}, each once, rotations first in their order, added responders last. */
    public List<String> onCallAt(Instant at) {
        List<String> onCall = new ArrayList<>();
        for (Rotation rotation : rotations) {
            rotation.onCallAt(at).ifPresent(onCall::add);
        }
        for (ScheduleOverride override : overrides) {
            if (!override.activeAt(at)) {
                continue;
            }
            if (!override.isReplacement()) {
                onCall.add(override.responder());
            } else {
                onCall.replaceAll(r -> r.equals(override.replaced()) ? override.responder() : r);
            }
        }
        return List.copyOf(new LinkedHashSet<>(onCall));
    }

    /**
     * The first instant strictly after {@code at} at which who is on call may change: a rotation handoff or an
     * override beginning or ending. Empty when nothing will ever change (no rotations and no future overrides).
     */
    public Optional<Instant> nextHandoffAfter(Instant at) {
        Stream<Instant> handoffs = rotations.stream().map(r -> r.nextHandoffAfter(at));
        Stream<Instant> overrideEdges = overrides.stream().flatMap(o -> Stream.of(o.start(), o.end()));
        return Stream.concat(handoffs, overrideEdges).filter(t -> t.isAfter(at)).min(Instant::compareTo);
    }
}
