package dev.limbic.paging;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.limbic.alert.Severity;
import dev.limbic.escalation.EscalationProgress;
import dev.limbic.escalation.HeldPage;
import dev.limbic.escalation.IncidentStatus;
import dev.limbic.escalation.PageReason;
import dev.limbic.escalation.PageRecord;
import dev.limbic.web.JsonText;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The engine's {@link EscalationProgress} as the JSON stored in {@code escalation_progress.engine_state}. */
final class EngineStateJson {
    private EngineStateJson() {
    }

    /**
     * The JSON text of {@code p} (instants as {@link Instant#toString()}), written by Jackson's streaming generator:
     * every decision stores it, so no JSON tree is built.
     */
    static String encode(EscalationProgress p) {
        return JsonText.write(json -> {
            json.writeStartObject();
            json.writeStringField("incident", p.incidentId());
            json.writeStringField("policy", p.policyId());
            json.writeStringField("severity", p.severity().wireName());
            json.writeStringField("status", p.status().wireName());
            json.writeNumberField("round", p.round());
            json.writeNumberField("step", p.step());
            json.writeStringField("next_due_at", text(p.nextDueAt()));
            json.writeStringField("timer_held_until", text(p.timerHeldUntil()));
            json.writeStringField("acknowledged_by", p.acknowledgedBy());
            json.writeStringField("assignee", p.assignee());
            json.writeArrayFieldStart("pages");
            for (PageRecord page : p.pages()) {
                startPage(json, page.responderId(), page.round(), page.step(), page.reason(), page.dueAt());
                json.writeStringField("issued_at", page.issuedAt().toString());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("held_pages");
            for (HeldPage page : p.heldPages()) {
                startPage(json, page.responderId(), page.round(), page.step(), page.reason(), page.dueAt());
                json.writeStringField("held_until", page.heldUntil().toString());
                json.writeStringField("hold_reason", page.holdReason());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** Opens a page's object with the fields issued and held pages share. */
    private static void startPage(JsonGenerator json, String responder, int round, int step, PageReason reason,
                                  Instant dueAt) throws IOException {
        json.writeStartObject();
        json.writeStringField("responder", responder);
        json.writeNumberField("round", round);
        json.writeNumberField("step", step);
        json.writeStringField("reason", reason.wireName());
        json.writeStringField("due_at", dueAt.toString());
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

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
