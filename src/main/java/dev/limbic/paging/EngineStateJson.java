package dev.limbic.paging;

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

    static String encode(EscalationProgress p) {
        JsonArray pages = new JsonArray();
        for (PageRecord page : p.pages()) {
            pages.add(new JsonObject().put("responder", page.responderId()).put("round", page.round())
                    .put("step", page.step()).put("reason", page.reason().wireName())
                    .put("due_at", page.dueAt().toString()).put("issued_at", page.issuedAt().toString()));
        }
        JsonArray held = new JsonArray();
        for (HeldPage page : p.heldPages()) {
            held.add(new JsonObject().put("responder", page.responderId()).put("round", page.round())
                    .put("step", page.step()).put("reason", page.reason().wireName())
                    .put("due_at", page.dueAt().toString()).put("held_until", page.heldUntil().toString())
                    .put("hold_reason", page.holdReason()));
        }
        return new JsonObject().put("incident", p.incidentId()).put("policy", p.policyId())
                .put("severity", p.severity().wireName()).put("status", p.status().wireName())
                .put("round", p.round()).put("step", p.step()).put("next_due_at", text(p.nextDueAt()))
                .put("timer_held_until", text(p.timerHeldUntil())).put("acknowledged_by", p.acknowledgedBy())
                .put("assignee", p.assignee()).put("pages", pages).put("held_pages", held).encode();
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
