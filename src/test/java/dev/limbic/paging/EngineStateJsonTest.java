package dev.limbic.paging;

import dev.limbic.alert.Severity;
import dev.limbic.escalation.EscalationProgress;
import dev.limbic.escalation.HeldPage;
import dev.limbic.escalation.IncidentStatus;
import dev.limbic.escalation.PageReason;
import dev.limbic.escalation.PageRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine state stored with every escalation: written exactly as before (what a Vert.x JsonObject of the same keys
 * encodes, so states stored by earlier versions and by this one read the same way), and read back unchanged.
 */
class EngineStateJsonTest {
    /** A state as an earlier version stored it (taken from its encoder). */
    private static final String STORED_EARLIER = "{\"incident\":\"42\",\"policy\":\"night\",\"severity\":\"critical\","
            + "\"status\":\"triggered\",\"round\":0,\"step\":1,\"next_due_at\":\"2026-12-01T09:10:00.120Z\","
            + "\"timer_held_until\":null,\"acknowledged_by\":null,\"assignee\":null,\"pages\":[{\"responder\":\"alex\","
            + "\"round\":0,\"step\":0,\"reason\":\"escalation\",\"due_at\":\"2026-12-01T09:00:00Z\","
            + "\"issued_at\":\"2026-12-01T09:00:00.000123Z\"}],\"held_pages\":[{\"responder\":\"sam\",\"round\":0,"
            + "\"step\":1,\"reason\":\"escalation\",\"due_at\":\"2026-12-01T09:05:00Z\","
            + "\"held_until\":\"2026-12-01T09:07:30.000000001Z\",\"hold_reason\":\"stress \\\"acute\\\"\"}]}";

    @Example
    void aStateStoredByAnEarlierVersionReadsBackAndIsWrittenTheSameWay() {
        EscalationProgress progress = EngineStateJson.decode(STORED_EARLIER);

        assertThat(progress).isEqualTo(new EscalationProgress("42", "night", Severity.CRITICAL,
                IncidentStatus.TRIGGERED, 0, 1, Instant.parse("2026-12-01T09:10:00.12Z"), null, null, null,
                List.of(new PageRecord("alex", 0, 0, PageReason.ESCALATION, Instant.parse("2026-12-01T09:00:00Z"),
                        Instant.parse("2026-12-01T09:00:00.000123Z"))),
                List.of(new HeldPage("sam", 0, 1, PageReason.ESCALATION, Instant.parse("2026-12-01T09:05:00Z"),
                        Instant.parse("2026-12-01T09:07:30.000000001Z"), "stress \"acute\""))));
        assertThat(EngineStateJson.encode(progress)).isEqualTo(STORED_EARLIER);
    }

    @Property(tries = 300)
    void everyStateIsWrittenAsTheJsonObjectEncodingAndReadsBackUnchanged(@ForAll("progress") EscalationProgress p) {
        String json = EngineStateJson.encode(p);

        assertThat(json).isEqualTo(jsonObjectEncoding(p));
        assertThat(EngineStateJson.decode(json)).isEqualTo(p);
    }

    /** How the state was written before: a Vert.x JsonObject with these keys, in this order. */
    private static String jsonObjectEncoding(EscalationProgress p) {
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
                .put("round", p.round()).put("step", p.step())
                .put("next_due_at", p.nextDueAt() == null ? null : p.nextDueAt().toString())
                .put("timer_held_until", p.timerHeldUntil() == null ? null : p.timerHeldUntil().toString())
                .put("acknowledged_by", p.acknowledgedBy()).put("assignee", p.assignee()).put("pages", pages)
                .put("held_pages", held).encode();
    }

    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<Long> seconds = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.longs().between(1_700_000_000L, 1_900_000_000L)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(-62_167_219_300L, 253_402_300_900L)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(Instant.MIN.getEpochSecond(),
                        Instant.MAX.getEpochSecond())));
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0),
                Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
                Arbitraries.integers().between(0, 999_999).map(us -> us * 1_000),
                Arbitraries.integers().between(0, 999_999_999));
        return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<EscalationProgress> progress() {
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.strings().alpha().numeric().ofMaxLength(12),
                Arbitraries.strings().all().ofMaxLength(12));
        Arbitrary<String> maybeText = Arbitraries.oneOf(text, Arbitraries.just(null));
        Arbitrary<Instant> instant = instants().filter(i -> i.getEpochSecond() > -62_000_000_000L
                && i.getEpochSecond() < 253_000_000_000L);
        Arbitrary<Instant> maybeInstant = Arbitraries.oneOf(instant, Arbitraries.just(null));
        Arbitrary<Integer> small = Arbitraries.integers().between(0, 50);
        Arbitrary<PageRecord> page = Combinators.combine(text, small, small, Arbitraries.of(PageReason.class),
                instant, instant).as(PageRecord::new);
        Arbitrary<HeldPage> held = Combinators.combine(text, small, small, Arbitraries.of(PageReason.class),
                instant, instant, text).as(HeldPage::new);
        Arbitrary<EscalationProgress> head = Combinators.combine(text, text, Arbitraries.of(Severity.class),
                Arbitraries.of(IncidentStatus.class), small, Arbitraries.integers().between(-1, 50), maybeInstant,
                maybeInstant).as((incident, policy, severity, status, round, step, due, heldUntil) ->
                new EscalationProgress(incident, policy, severity, status, round, step, due, heldUntil, null, null,
                        List.of(), List.of()));
        return Combinators.combine(head, maybeText, maybeText, page.list().ofMaxSize(4), held.list().ofMaxSize(3))
                .as((h, acknowledgedBy, assignee, pages, heldPages) -> new EscalationProgress(h.incidentId(),
                        h.policyId(), h.severity(), h.status(), h.round(), h.step(), h.nextDueAt(),
                        h.timerHeldUntil(), acknowledgedBy, assignee, pages, heldPages));
    }
}
