package dev.limbic.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing that happened to an incident, for people.
 *
 * @param at         when it happened
 * @param kind       what kind of thing: {@code opened}, {@code received}, {@code acknowledged}, {@code resolved} (written
 *                   by the intake), and whatever the engine and channels add ({@code paged}, {@code delivered},
 *                   {@code failed}, {@code escalated}, {@code snoozed}, {@code held}, ...)
 * @param actor      who did it: an integration, a responder, or {@code limbic}
 * @param text       one line for people
 * @param fieldsJson structured details as a JSON object text, "{}" when there are none
 */
public record TimelineEntry(Instant at, String kind, String actor, String text, String fieldsJson) {
    public TimelineEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(text, "text");
        fieldsJson = fieldsJson == null || fieldsJson.isBlank() ? "{}" : fieldsJson;
    }
}
