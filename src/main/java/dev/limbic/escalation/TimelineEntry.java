package dev.limbic.escalation;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One decision of the engine, as it appears on the incident's timeline.
 *
 * @param at     when it was decided
 * @param kind   what kind of decision
 * @param text   one sentence for people
 * @param fields the facts behind it, for machines (for example {@code responder}, {@code step}, {@code until});
 *               steps and rounds counted from 0
 */
public record TimelineEntry(Instant at, TimelineKind kind, String text, Map<String, String> fields) {
    public TimelineEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        fields = Map.copyOf(fields);
    }
}
