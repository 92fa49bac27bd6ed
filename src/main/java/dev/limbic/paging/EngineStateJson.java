package dev.limbic.paging;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.limbic.alert.Severity;
import dev.limbic.escalation.EscalationProgress;
import dev.limbic.escalation.HeldPage;
import dev.limbic.escalation.IncidentStatus;
import dev.limbic.escalation.PageReason;
import dev.limbic.escalation.PageRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The engine's {@link EscalationProgress} as the JSON stored in {@code escalation_progress.engine_state}. */
final class EngineStateJson {
    private EngineStateJson() {
    }

    /**
     * The JSON text of {@code p}: the same object, key order and number and instant forms ({@link Instant#toString()})
     * as a Vert.x {@link JsonObject} of those keys would encode, written straight into one buffer.
     */
    static String encode(EscalationProgress p) {
        StringBuilder json = new StringBuilder(256 + 160 * (p.pages().size() + p.heldPages().size()));
        json.append("{\"incident\":");
        string(json, p.incidentId());
        json.append(",\"policy\":");
        string(json, p.policyId());
        json.append(",\"severity\":");
        string(json, p.severity().wireName());
        json.append(",\"status\":");
        string(json, p.status().wireName());
        json.append(",\"round\":").append(p.round()).append(",\"step\":").append(p.step());
        json.append(",\"next_due_at\":");
        instant(json, p.nextDueAt());
        json.append(",\"timer_held_until\":");
        instant(json, p.timerHeldUntil());
        json.append(",\"acknowledged_by\":");
        string(json, p.acknowledgedBy());
        json.append(",\"assignee\":");
        string(json, p.assignee());
        json.append(",\"pages\":[");
        for (int i = 0; i < p.pages().size(); i++) {
            PageRecord page = p.pages().get(i);
            json.append(i == 0 ? "{\"responder\":" : ",{\"responder\":");
            string(json, page.responderId());
            json.append(",\"round\":").append(page.round()).append(",\"step\":").append(page.step())
                    .append(",\"reason\":");
            string(json, page.reason().wireName());
            json.append(",\"due_at\":");
            instant(json, page.dueAt());
            json.append(",\"issued_at\":");
            instant(json, page.issuedAt());
            json.append('}');
        }
        json.append("],\"held_pages\":[");
        for (int i = 0; i < p.heldPages().size(); i++) {
            HeldPage page = p.heldPages().get(i);
            json.append(i == 0 ? "{\"responder\":" : ",{\"responder\":");
            string(json, page.responderId());
            json.append(",\"round\":").append(page.round()).append(",\"step\":").append(page.step())
                    .append(",\"reason\":");
            string(json, page.reason().wireName());
            json.append(",\"due_at\":");
            instant(json, page.dueAt());
            json.append(",\"held_until\":");
            instant(json, page.heldUntil());
            json.append(",\"hold_reason\":");
            string(json, page.holdReason());
            json.append('}');
        }
        return json.append("]}").toString();
    }

    static EscalationProgress decode(String json) {
        JsonObject o = new JsonObject(json);
        List<PageRecord> pages = new ArrayList<>();
        for (Object item : o.getJsonArray("pages", new JsonArray())) {
            JsonObject page = (JsonObject) item;
            pages.add(new PageRecord(page.getString("responder"), page.getInteger("round"), page.getInteger("step"),
                    reason(page.getString("reason")), Instant.parse(page.getString("due_at")),
                    Instant.parse(page.getString("issued_at"))));
        }
        List<HeldPage> held = new ArrayList<>();
        for (Object item : o.getJsonArray("held_pages", new JsonArray())) {
            JsonObject page = (JsonObject) item;
            held.add(new HeldPage(page.getString("responder"), page.getInteger("round"), page.getInteger("step"),
                    reason(page.getString("reason")), Instant.parse(page.getString("due_at")),
                    Instant.parse(page.getString("held_until")), page.getString("hold_reason")));
        }
        return new EscalationProgress(o.getString("incident"), o.getString("policy"),
                Severity.parse(o.getString("severity")).orElseThrow(),
                IncidentStatus.valueOf(o.getString("status").toUpperCase(Locale.ROOT)), o.getInteger("round"),
                o.getInteger("step"), instant(o.getString("next_due_at")), instant(o.getString("timer_held_until")),
                o.getString("acknowledged_by"), o.getString("assignee"), pages, held);
    }

    private static PageReason reason(String wireName) {
        return PageReason.valueOf(wireName.toUpperCase(Locale.ROOT));
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

    private static void instant(StringBuilder json, Instant instant) {
        if (instant == null) {
            json.append("null");
            return;
        }
        json.append('"');
        IsoInstant.append(json, instant);
        json.append('"');
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
