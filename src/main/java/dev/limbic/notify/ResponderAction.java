package dev.limbic.notify;

import dev.limbic.delivery.ActionKind;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An action a responder took from their live channel, authenticated as them.
 *
 * @param responder      who acted (from their token, never from the message)
 * @param kind           what they did
 * @param incidentId     the incident it applies to
 * @param notificationId the notification they acted on, if the client said
 * @param snoozeMinutes  for {@link ActionKind#SNOOZE}: how long, 1 to 1440; 0 otherwise
 * @param handOverTo     for {@link ActionKind#HAND_OVER}: to whom, or empty for their partner
 * @param note           for {@link ActionKind#NOTE}: their words; empty otherwise
 * @param receivedAt     when Limbic received it
 */
public record ResponderAction(String responder, ActionKind kind, String incidentId, Optional<String> notificationId,
                              int snoozeMinutes, Optional<String> handOverTo, Optional<String> note,
                              Instant receivedAt) {
    /** Longest snooze, in minutes. */
    public static final int MAX_SNOOZE_MINUTES = 1440;
    /** Longest note, in characters. */
    public static final int MAX_NOTE_CHARS = 2000;

    public ResponderAction {
        Objects.requireNonNull(responder, "responder");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(handOverTo, "handOverTo");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if ((kind == ActionKind.SNOOZE) != (snoozeMinutes != 0)) {
            throw new IllegalArgumentException("snooze minutes go with, and only with, a snooze");
        }
        if (snoozeMinutes < 0 || snoozeMinutes > MAX_SNOOZE_MINUTES) {
            throw new IllegalArgumentException("minutes must be between 1 and " + MAX_SNOOZE_MINUTES);
        }
        if ((kind == ActionKind.NOTE) != note.isPresent()) {
            throw new IllegalArgumentException("a note goes with, and only with, the note action");
        }
    }
}
