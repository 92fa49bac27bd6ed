package dev.limbic.notify;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.limbic.delivery.ActionKind;
import dev.limbic.delivery.BreathingPattern;
import dev.limbic.delivery.Notification;
import dev.limbic.delivery.NotificationLink;
import dev.limbic.web.JsonText;

import java.io.IOException;

/**
 * The JSON form of a {@link Notification}, shared by the live stream and the generic webhook:
 * <pre>{@code
 * {"id": "...", "kind": "page", "responder": "alice", "incident_id": "inc-1", "title": "...", "text": "...",
 *  "short_text": "...", "severity": "critical", "tags": [...], "links": [{"label": "...", "url": "..."}],
 *  "actions": ["acknowledge", ...], "created_at": "2026-12-01T10:00:00Z",
 *  "breathing": {"inhale_seconds": 2, "hold_seconds": 2, "exhale_seconds": 2, "cycles": 1, "total_seconds": 6},
 *  "bundled": [ ...notifications... ], "incident_ids": [...]}
 * }</pre>
 * {@code incident_id} and {@code breathing} appear only when present; {@code bundled} and {@code incident_ids}
 * only on a bundle.
 */
public final class NotificationJson {
    /** Longest {@code short_text}: what a phone notification shows comfortably. */
    static final int SHORT_TEXT_CHARS = 280;

    private NotificationJson() {
    }

    /** The JSON text of {@code notification}. */
    public static String encode(Notification notification) {
        return JsonText.write(json -> write(json, notification));
    }

    /** Writes {@code notification}'s JSON form as the generator's next value (also inside a larger message). */
    public static void write(JsonGenerator json, Notification notification) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", notification.id());
        json.writeStringField("kind", notification.kind().wireName());
        json.writeStringField("responder", notification.responder());
        if (notification.incidentId().isPresent()) {
            json.writeStringField("incident_id", notification.incidentId().get());
        }
        json.writeStringField("title", notification.title());
        json.writeStringField("text", notification.text());
        json.writeStringField("short_text", notification.shortText(SHORT_TEXT_CHARS));
        json.writeStringField("severity", notification.severity().wireName());
        json.writeArrayFieldStart("tags");
        for (String tag : notification.tags()) {
            json.writeString(tag);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("links");
        for (NotificationLink link : notification.links()) {
            json.writeStartObject();
            json.writeStringField("label", link.label());
            json.writeStringField("url", link.url());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("actions");
        for (ActionKind action : notification.actions()) {
            json.writeString(action.wireName());
        }
        json.writeEndArray();
        json.writeStringField("created_at", notification.createdAt().toString());
        if (notification.breathing().isPresent()) {
            BreathingPattern pattern = notification.breathing().get();
            json.writeObjectFieldStart("breathing");
            json.writeNumberField("inhale_seconds", pattern.inhaleSeconds());
            json.writeNumberField("hold_seconds", pattern.holdSeconds());
            json.writeNumberField("exhale_seconds", pattern.exhaleSeconds());
            json.writeNumberField("cycles", pattern.cycles());
            json.writeNumberField("total_seconds", pattern.totalSeconds());
            json.writeEndObject();
        }
        if (!notification.bundled().isEmpty()) {
            json.writeArrayFieldStart("bundled");
            for (Notification member : notification.bundled()) {
                write(json, member);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("incident_ids");
            for (String incidentId : notification.incidentIds()) {
                json.writeString(incidentId);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }
}
