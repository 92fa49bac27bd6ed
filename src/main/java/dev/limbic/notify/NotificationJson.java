package dev.limbic.notify;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.limbic.delivery.ActionKind;
import dev.limbic.delivery.BreathingPattern;
import dev.limbic.delivery.Notification;
import dev.limbic.delivery.NotificationLink;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

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

    /**
     * The text of {@link #toJson(Notification)} (the same keys, in the same order), written straight into one buffer:
     * a webhook sends every page, and every page of a bundle, through here.
     */
    public static String encode(Notification notification) {
        StringBuilder json = new StringBuilder(512 + 400 * notification.bundled().size());
        write(json, notification);
        return json.toString();
    }

    private static void write(StringBuilder json, Notification notification) {
        json.append("{\"id\":");
        string(json, notification.id());
        json.append(",\"kind\":");
        string(json, notification.kind().wireName());
        json.append(",\"responder\":");
        string(json, notification.responder());
        if (notification.incidentId().isPresent()) {
            json.append(",\"incident_id\":");
            string(json, notification.incidentId().get());
        }
        json.append(",\"title\":");
        string(json, notification.title());
        json.append(",\"text\":");
        string(json, notification.text());
        json.append(",\"short_text\":");
        string(json, notification.shortText(SHORT_TEXT_CHARS));
        json.append(",\"severity\":");
        string(json, notification.severity().wireName());
        json.append(",\"tags\":[");
        for (int i = 0; i < notification.tags().size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            string(json, notification.tags().get(i));
        }
        json.append("],\"links\":[");
        for (int i = 0; i < notification.links().size(); i++) {
            NotificationLink link = notification.links().get(i);
            json.append(i == 0 ? "{\"label\":" : ",{\"label\":");
            string(json, link.label());
            json.append(",\"url\":");
            string(json, link.url());
            json.append('}');
        }
        json.append("],\"actions\":[");
        for (int i = 0; i < notification.actions().size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            string(json, notification.actions().get(i).wireName());
        }
        json.append("],\"created_at\":");
        string(json, notification.createdAt().toString());
        if (notification.breathing().isPresent()) {
            BreathingPattern pattern = notification.breathing().get();
            json.append(",\"breathing\":{\"inhale_seconds\":").append(pattern.inhaleSeconds())
                    .append(",\"hold_seconds\":").append(pattern.holdSeconds())
                    .append(",\"exhale_seconds\":").append(pattern.exhaleSeconds())
                    .append(",\"cycles\":").append(pattern.cycles())
                    .append(",\"total_seconds\":").append(pattern.totalSeconds()).append('}');
        }
        if (!notification.bundled().isEmpty()) {
            json.append(",\"bundled\":[");
            for (int i = 0; i < notification.bundled().size(); i++) {
                if (i > 0) {
                    json.append(',');
                }
                write(json, notification.bundled().get(i));
            }
            json.append("],\"incident_ids\":[");
            List<String> incidentIds = notification.incidentIds();
            for (int i = 0; i < incidentIds.size(); i++) {
                if (i > 0) {
                    json.append(',');
                }
                string(json, incidentIds.get(i));
            }
            json.append(']');
        }
        json.append('}');
    }

    private static void string(StringBuilder json, String value) {
        if (value == null) {
            json.append("null");
            return;
        }
        json.append('"');
        JsonStringEncoder.getInstance().quoteAsString(value, json);
        json.append('"');
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
