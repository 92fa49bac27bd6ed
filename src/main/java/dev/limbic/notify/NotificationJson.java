package dev.limbic.notify;

import dev.limbic.delivery.ActionKind;
import dev.limbic.delivery.BreathingPattern;
import dev.limbic.delivery.Notification;
import dev.limbic.delivery.NotificationLink;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

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

    /** The JSON form of {@code notification}. */
    public static JsonObject toJson(Notification notification) {
        JsonObject json = new JsonObject()
                .put("id", notification.id())
                .put("kind", notification.kind().wireName())
                .put("responder", notification.responder());
        notification.incidentId().ifPresent(id -> json.put("incident_id", id));
        json.put("title", notification.title())
                .put("text", notification.text())
                .put("short_text", notification.shortText(SHORT_TEXT_CHARS))
                .put("severity", notification.severity().wireName())
                .put("tags", new JsonArray(notification.tags()))
                .put("links", links(notification))
                .put("actions", new JsonArray(notification.actions().stream().map(ActionKind::wireName).toList()))
                .put("created_at", notification.createdAt().toString());
        notification.breathing().ifPresent(pattern -> json.put("breathing", breathing(pattern)));
        if (!notification.bundled().isEmpty()) {
            JsonArray bundled = new JsonArray();
            notification.bundled().forEach(member -> bundled.add(toJson(member)));
            json.put("bundled", bundled).put("incident_ids", new JsonArray(notification.incidentIds()));
        }
        return json;
    }

    private static JsonArray links(Notification notification) {
        JsonArray links = new JsonArray();
        for (NotificationLink link : notification.links()) {
            links.add(new JsonObject().put("label", link.label()).put("url", link.url()));
        }
        return links;
    }

    private static JsonObject breathing(BreathingPattern pattern) {
        return new JsonObject()
                .put("inhale_seconds", pattern.inhaleSeconds())
                .put("hold_seconds", pattern.holdSeconds())
                .put("exhale_seconds", pattern.exhaleSeconds())
                .put("cycles", pattern.cycles())
                .put("total_seconds", pattern.totalSeconds());
    }
}
