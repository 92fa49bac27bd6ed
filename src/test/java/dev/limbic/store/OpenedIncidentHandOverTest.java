package dev.limbic.store;

import dev.limbic.alert.AlertAction;
import dev.limbic.alert.AlertEvent;
import dev.limbic.alert.Severity;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.limbic.store.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The escalation of an incident the intake has just opened starts from what the intake committed instead of reading
 * it back: that hand-over ({@link IntakeOutcome#opened()} through {@link EscalationLedger#opened}) must be exactly
 * what {@link EscalationLedger#load} returns for the same incident right after the commit.
 */
class OpenedIncidentHandOverTest {
    /** Nanoseconds on purpose: the database keeps microseconds. */
    private static final Instant T0 = Instant.parse("2026-12-01T05:00:00.123456789Z");
    private static IntakeWorld world;
    private static EscalationLedger ledger;

    @BeforeAll
    static void start() {
        world = IntakeWorld.open(2, event -> event.labels().containsKey("unrouted") ? null : "night");
        ledger = new EscalationLedger(world.database().pool());
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void aNewIncidentIsHandedOverAsALoadReturnsIt() {
        String key = unique();
        List<IntakeOutcome> outcomes = await(world.intake().submit(List.of(new AlertEvent("am", key,
                AlertAction.TRIGGER, Severity.WARNING, "disk 91% full", "host-7",
                Map.of("team", "ops", "disk", "/var"),
                "{\"runbook\":\"https://runbooks/disk\",\"values\":[1,2.5,null],\"nested\":{\"b\":true,\"a\":\"x\"}}",
                T0))));

        EscalationLedger.Entry handedOver = handedOver(outcomes.get(0));
        assertThat(handedOver.progress().status()).isEqualTo(EscalationStatus.ACTIVE);
        assertThat(handedOver.progress().nextDueAt()).contains(handedOver.incident().openedAt());
        assertSameAsLoaded(handedOver);
    }

    @Test
    void laterEventsOfTheSameBatchAreInTheHandedOverIncident() {
        String deduplicated = unique();
        String acknowledged = unique();
        String resolved = unique();
        List<IntakeOutcome> outcomes = await(world.intake().submit(List.of(
                trigger(deduplicated, "first", T0),
                trigger(deduplicated, "second", T0.plusMillis(250)),
                trigger(acknowledged, "acked", T0),
                event(acknowledged, AlertAction.ACKNOWLEDGE, T0.plusSeconds(1)),
                trigger(resolved, "resolved", T0),
                event(resolved, AlertAction.RESOLVE, T0.plusSeconds(2)))));

        EscalationLedger.Entry twoAlerts = handedOver(outcomes.get(0));
        assertThat(twoAlerts.incident().alertCount()).isEqualTo(2);
        assertSameAsLoaded(twoAlerts);
        EscalationLedger.Entry acked = handedOver(outcomes.get(2));
        assertThat(acked.progress().status()).isEqualTo(EscalationStatus.ACKNOWLEDGED);
        assertSameAsLoaded(acked);
        EscalationLedger.Entry done = handedOver(outcomes.get(4));
        assertThat(done.progress().status()).isEqualTo(EscalationStatus.DONE);
        assertThat(done.progress().nextDueAt()).isEmpty();
        assertSameAsLoaded(done);
    }

    @Test
    void anIncidentNoPolicyRoutedHasNoEscalationToHandOverAsALoadFindsNone() {
        List<IntakeOutcome> outcomes = await(world.intake().submit(List.of(new AlertEvent("am", unique(),
                AlertAction.TRIGGER, Severity.INFO, "unrouted", "", Map.of("unrouted", "yes"), "{}", T0))));

        Incident opened = outcomes.get(0).opened().orElseThrow();
        assertThat(opened.policyId()).isEmpty();
        assertThat(EscalationLedger.opened(opened)).isEmpty();
        assertThat(await(ledger.load(opened.id()))).isEmpty();
        assertThat(await(world.database().incidents().find(opened.id()))).hasValueSatisfying(stored ->
                assertThat(withDetails(stored, opened.detailsJson())).isEqualTo(opened));
    }

    @Test
    void onlyAnOpeningCarriesTheIncident() {
        String key = unique();
        await(world.intake().submit(List.of(trigger(key, "first", T0))));
        List<IntakeOutcome> later = await(world.intake().submit(List.of(trigger(key, "again", T0.plusSeconds(1)),
                event(key, AlertAction.RESOLVE, T0.plusSeconds(2)))));
        assertThat(later).extracting(IntakeOutcome::opened).containsOnly(Optional.empty());
    }

    private static EscalationLedger.Entry handedOver(IntakeOutcome outcome) {
        assertThat(outcome.kind()).isEqualTo(IntakeOutcome.Kind.OPENED);
        Incident opened = outcome.opened().orElseThrow();
        assertThat(opened.id()).isEqualTo(outcome.incidentId());
        return EscalationLedger.opened(opened).orElseThrow();
    }

    /** Equal in every field; the details are the same JSON value (PostgreSQL spells jsonb its own way). */
    private static void assertSameAsLoaded(EscalationLedger.Entry handedOver) {
        EscalationLedger.Entry loaded = await(ledger.load(handedOver.incident().id())).orElseThrow();
        assertThat(new JsonObject(handedOver.incident().detailsJson()))
                .isEqualTo(new JsonObject(loaded.incident().detailsJson()));
        assertThat(new EscalationLedger.Entry(withDetails(loaded.incident(), handedOver.incident().detailsJson()),
                loaded.progress(), loaded.engineState())).isEqualTo(handedOver);
    }

    private static Incident withDetails(Incident i, String detailsJson) {
        return new Incident(i.id(), i.integration(), i.dedupKey(), i.status(), i.severity(), i.summary(), i.source(),
                i.labels(), detailsJson, i.policyId(), i.openedAt(), i.acknowledgedAt(), i.acknowledgedBy(),
                i.resolvedAt(), i.resolvedBy(), i.alertCount(), i.lastAlertAt());
    }

    private static AlertEvent trigger(String key, String summary, Instant at) {
        return DurableAlertIntakeTest.trigger("am", key, summary, at);
    }

    private static AlertEvent event(String key, AlertAction action, Instant at) {
        return DurableAlertIntakeTest.event("am", key, action, at);
    }

    private static String unique() {
        return UUID.randomUUID().toString();
    }
}
