package dev.limbic.store;

import dev.limbic.alert.AlertAction;
import dev.limbic.alert.AlertEvent;
import dev.limbic.alert.Severity;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static dev.limbic.store.IntakeOutcome.Kind.ACKNOWLEDGED;
import static dev.limbic.store.IntakeOutcome.Kind.DEDUPLICATED;
import static dev.limbic.store.IntakeOutcome.Kind.IGNORED;
import static dev.limbic.store.IntakeOutcome.Kind.OPENED;
import static dev.limbic.store.IntakeOutcome.Kind.REPEATED;
import static dev.limbic.store.IntakeOutcome.Kind.RESOLVED;
import static dev.limbic.store.TestPostgres.await;
import static dev.limbic.store.TestPostgres.queryLong;
import static dev.limbic.store.TestPostgres.queryString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurableAlertIntakeTest {
    private static final Instant T0 = Instant.parse("2026-12-01T03:00:00Z");
    private static IntakeWorld world;
    private static Vertx vertx;
    private static PostgresTarget target;
    private static Database database;
    private static DurableAlertIntake intake;

    @BeforeAll
    static void start() {
        world = IntakeWorld.open(8, event -> "policy-" + event.integration());
        vertx = world.vertx();
        target = world.target();
        database = world.database();
        intake = world.intake();
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void aTriggerOpensAnIncidentWithItsPolicyAndEscalationInOneCommit() {
        String key = unique();
        List<IntakeOutcome> outcomes = await(intake.submit(List.of(trigger("am", key, "disk full", T0))));

        assertThat(outcomes).extracting(IntakeOutcome::kind).containsExactly(OPENED);
        long id = outcomes.get(0).incidentId();
        Incident incident = await(database.incidents().find(id)).orElseThrow();
        assertThat(incident.status()).isEqualTo(IncidentStatus.TRIGGERED);
        assertThat(incident.policyId()).contains("policy-am");
        assertThat(incident.summary()).isEqualTo("disk full");
        assertThat(incident.labels()).containsEntry("team", "ops");
        assertThat(incident.detailsJson()).contains("\"runbook\"");
        assertThat(incident.openedAt()).isEqualTo(T0);
        EscalationProgress progress = await(database.escalationProgress().get(id)).orElseThrow();
        assertThat(progress.policyId()).isEqualTo("policy-am");
        assertThat(progress.status()).isEqualTo(EscalationStatus.ACTIVE);
        assertThat(progress.nextDueAt()).contains(T0);
        assertThat(progress.step()).isZero();
    }

    @Test
    void triggersWithTheSameKeyAddToTheOpenIncident() {
        String key = unique();
        long id = await(intake.submit(List.of(trigger("am", key, "cpu high", T0)))).get(0).incidentId();
        List<IntakeOutcome> again = await(intake.submit(List.of(
                trigger("am", key, "cpu still high", T0.plusSeconds(60)),
                trigger("am", key, "cpu very high", T0.plusSeconds(120)))));

        assertThat(again).containsExactly(new IntakeOutcome(DEDUPLICATED, id), new IntakeOutcome(DEDUPLICATED, id));
        IncidentDetail detail = await(database.incidents().get(id)).orElseThrow();
        assertThat(detail.incident().alertCount()).isEqualTo(3);
        assertThat(detail.incident().lastAlertAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(detail.timeline()).extracting(TimelineEntry::kind).containsExactly("opened", "received");
        assertThat(detail.timeline().get(1).text()).isEqualTo("2 more alerts received (3 in all): cpu very high");
        assertThat(queryLong(target, "SELECT count(*) FROM alert_events WHERE dedup_key = '" + key + "'")).isEqualTo(3);
    }

    @Test
    void theSameKeyFromAnotherIntegrationIsAnotherIncident() {
        String key = unique();
        long first = await(intake.submit(List.of(trigger("am", key, "x", T0)))).get(0).incidentId();
        List<IntakeOutcome> other = await(intake.submit(List.of(trigger("grafana", key, "x", T0),
                event("grafana", key, AlertAction.RESOLVE, T0.plusSeconds(1)))));

        assertThat(other.get(0).kind()).isEqualTo(OPENED);
        assertThat(other.get(0).incidentId()).isNotEqualTo(first);
        assertThat(other.get(1)).isEqualTo(new IntakeOutcome(RESOLVED, other.get(0).incidentId()));
        assertThat(await(database.incidents().find(first)).orElseThrow().status()).isEqualTo(IncidentStatus.TRIGGERED);
    }

    @Test
    void aRetriedDeliveryIsRecognisedAndChangesNothing() {
        String key = unique();
        List<AlertEvent> webhook = List.of(trigger("am", key, "api down", T0), trigger("am", unique(), "db down", T0));
        List<IntakeOutcome> first = await(intake.submit(webhook));
        List<AlertEvent> redelivered = webhook.stream().map(e -> new AlertEvent(e.integration(), e.dedupKey(),
                e.action(), e.severity(), e.summary(), e.source(), e.labels(), e.detailsJson(),
                e.receivedAt().plusSeconds(5))).toList();
        List<IntakeOutcome> retry = await(intake.submit(redelivered));

        assertThat(retry).containsExactly(new IntakeOutcome(REPEATED, first.get(0).incidentId()),
                new IntakeOutcome(REPEATED, first.get(1).incidentId()));
        Incident incident = await(database.incidents().find(first.get(0).incidentId())).orElseThrow();
        assertThat(incident.alertCount()).isEqualTo(1);
        assertThat(queryLong(target, "SELECT count(*) FROM incidents WHERE dedup_key = '" + key + "'")).isEqualTo(1);
        assertThat(queryLong(target, "SELECT count(*) FROM alert_events WHERE dedup_key = '" + key + "'"))
                .as("a redelivery writes no row: its content is recorded once").isEqualTo(1);
    }

    @Test
    void redeliveriesAreAnsweredWhileWritersWaitAndTheRestOfTheirRequestIsCommitted() throws Exception {
        String known = unique();
        String fresh = unique();
        long id = await(intake.submit(List.of(trigger("am", known, "api down", T0)))).get(0).incidentId();
        List<IntakeOutcome> redelivered;
        Future<List<IntakeOutcome>> mixed;
        try (Connection blocker = TestPostgres.jdbc(target); Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE incidents IN EXCLUSIVE MODE");
            redelivered = await(intake.submit(List.of(trigger("am", known, "api down", T0.plusSeconds(300)))));
            mixed = intake.submit(List.of(trigger("am", known, "api down", T0.plusSeconds(600)),
                    trigger("am", fresh, "db down", T0.plusSeconds(600))));
            awaitATransactionWaitingForALock();
            assertThat(mixed.isComplete()).as("a new alert is answered only once committed").isFalse();
            blocker.rollback();
        }

        assertThat(redelivered).containsExactly(new IntakeOutcome(REPEATED, id));
        List<IntakeOutcome> outcomes = await(mixed);
        assertThat(outcomes.get(0)).isEqualTo(new IntakeOutcome(REPEATED, id));
        assertThat(outcomes.get(1).kind()).isEqualTo(OPENED);
        assertThat(await(database.incidents().find(outcomes.get(1).incidentId()))).isPresent();
        assertThat(await(database.incidents().find(id)).orElseThrow().alertCount()).isEqualTo(1);
    }

    @Test
    void aRedeliveryOfWhatThisIntakeCommittedIsAnsweredWithoutReadingTheDatabase() throws Exception {
        String known = unique();
        long id = await(intake.submit(List.of(trigger("am", known, "api down", T0)))).get(0).incidentId();
        List<IntakeOutcome> redelivered;
        Future<List<IntakeOutcome>> changed;
        try (Connection blocker = TestPostgres.jdbc(target); Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE incidents IN ACCESS EXCLUSIVE MODE");
            redelivered = await(intake.submit(List.of(trigger("am", known, "api down", T0.plusSeconds(300)))));
            changed = intake.submit(List.of(trigger("am", known, "api down on 2 hosts", T0.plusSeconds(300))));
            awaitATransactionWaitingForALock();
            assertThat(changed.isComplete()).as("new content is read from the database").isFalse();
            blocker.rollback();
        }

        assertThat(redelivered).containsExactly(new IntakeOutcome(REPEATED, id));
        assertThat(await(changed)).containsExactly(new IntakeOutcome(DEDUPLICATED, id));
    }

    @Test
    void aRedeliveryOfAnIncidentOpenedBeforeARestartIsReadOnceThenRemembered() throws Exception {
        String key = unique();
        long id = await(intake.submit(List.of(trigger("am", key, "api down", T0)))).get(0).incidentId();
        DurableAlertIntake restarted = new DurableAlertIntake(vertx, database.pool(), event -> "p",
                IntakeOptions.DEFAULTS);
        Future<List<IntakeOutcome>> first;
        try (Connection blocker = TestPostgres.jdbc(target); Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE incidents IN ACCESS EXCLUSIVE MODE");
            first = restarted.submit(List.of(trigger("am", key, "api down", T0.plusSeconds(60))));
            awaitATransactionWaitingForALock();
            assertThat(first.isComplete()).as("nothing remembered yet: read from the database").isFalse();
            blocker.rollback();
        }
        assertThat(await(first)).containsExactly(new IntakeOutcome(REPEATED, id));

        try (Connection blocker = TestPostgres.jdbc(target); Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE incidents IN ACCESS EXCLUSIVE MODE");
            assertThat(await(restarted.submit(List.of(trigger("am", key, "api down", T0.plusSeconds(120))))))
                    .containsExactly(new IntakeOutcome(REPEATED, id));
            blocker.rollback();
        }
        await(restarted.close());
    }

    @Test
    void aResolveTheIntakeCommitsIsNotAnsweredFromWhatItRemembered() {
        String key = unique();
        long id = await(intake.submit(List.of(trigger("am", key, "api down", T0)))).get(0).incidentId();
        assertThat(await(intake.submit(List.of(trigger("am", key, "api down", T0.plusSeconds(30))))))
                .containsExactly(new IntakeOutcome(REPEATED, id));

        assertThat(await(intake.submit(List.of(event("am", key, AlertAction.RESOLVE, T0.plusSeconds(60))))))
                .containsExactly(new IntakeOutcome(RESOLVED, id));
        IntakeOutcome again = await(intake.submit(List.of(trigger("am", key, "api down", T0.plusSeconds(90))))).get(0);

        assertThat(again.kind()).isEqualTo(OPENED);
        assertThat(again.incidentId()).isNotEqualTo(id);
    }

    @Test
    void aRedeliveryIsAnsweredWhileACommitIsInFlightButWaitsBehindOneForItsOwnKey() throws Exception {
        DurableAlertIntake oneLane = new DurableAlertIntake(vertx, database.pool(), event -> "p",
                new IntakeOptions(1, 500, 1000));
        String a = unique();
        String b = unique();
        long incidentA = await(oneLane.submit(List.of(trigger("am", a, "api down", T0)))).get(0).incidentId();
        long incidentB = await(oneLane.submit(List.of(trigger("am", b, "db down", T0)))).get(0).incidentId();
        Future<List<IntakeOutcome>> resolveA;
        Future<List<IntakeOutcome>> againA;
        List<IntakeOutcome> againB;
        try (Connection blocker = TestPostgres.jdbc(target); Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE incidents IN EXCLUSIVE MODE");
            resolveA = oneLane.submit(List.of(event("am", a, AlertAction.RESOLVE, T0.plusSeconds(60))));
            awaitATransactionWaitingForALock();
            againA = oneLane.submit(List.of(trigger("am", a, "api down", T0.plusSeconds(120))));
            againB = await(oneLane.submit(List.of(trigger("am", b, "db down", T0.plusSeconds(120)))));
            assertThat(againA.isComplete()).as("behind the resolve of its key").isFalse();
            blocker.rollback();
        }

        assertThat(againB).containsExactly(new IntakeOutcome(REPEATED, incidentB));
        assertThat(await(resolveA)).containsExactly(new IntakeOutcome(RESOLVED, incidentA));
        IntakeOutcome reopened = await(againA).get(0);
        assertThat(reopened.kind()).as("after the resolve, the same alert opens a new incident").isEqualTo(OPENED);
        assertThat(reopened.incidentId()).isNotEqualTo(incidentA);
        await(oneLane.close());
    }

    @Test
    void aRedeliveryAndAResolveOfTheSameKeyInOneRequestApplyInOrder() {
        String key = unique();
        long id = await(intake.submit(List.of(trigger("am", key, "api down", T0)))).get(0).incidentId();

        List<IntakeOutcome> outcomes = await(intake.submit(List.of(trigger("am", key, "api down", T0.plusSeconds(60)),
                event("am", key, AlertAction.RESOLVE, T0.plusSeconds(90)),
                trigger("am", key, "api down", T0.plusSeconds(120)))));

        assertThat(outcomes.get(0)).isEqualTo(new IntakeOutcome(REPEATED, id));
        assertThat(outcomes.get(1)).isEqualTo(new IntakeOutcome(RESOLVED, id));
        assertThat(outcomes.get(2).kind()).isEqualTo(OPENED);
        assertThat(outcomes.get(2).incidentId()).isNotEqualTo(id);
    }

    @Test
    void acknowledgeThenResolveThenTheSameKeyOpensANewIncident() {
        String key = unique();
        long first = await(intake.submit(List.of(trigger("pd", key, "checkout errors", T0)))).get(0).incidentId();

        assertThat(await(intake.submit(List.of(event("pd", key, AlertAction.ACKNOWLEDGE, T0.plusSeconds(30))))))
                .containsExactly(new IntakeOutcome(ACKNOWLEDGED, first));
        assertThat(await(database.escalationProgress().get(first)).orElseThrow().status())
                .isEqualTo(EscalationStatus.ACKNOWLEDGED);
        assertThat(await(intake.submit(List.of(event("pd", key, AlertAction.RESOLVE, T0.plusSeconds(90))))))
                .containsExactly(new IntakeOutcome(RESOLVED, first));
        List<IntakeOutcome> reopened = await(intake.submit(List.of(trigger("pd", key, "checkout errors",
                T0.plusSeconds(600)))));

        assertThat(reopened.get(0).kind()).isEqualTo(OPENED);
        assertThat(reopened.get(0).incidentId()).isGreaterThan(first);
        Incident resolved = await(database.incidents().find(first)).orElseThrow();
        assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(resolved.timeToAcknowledge()).contains(java.time.Duration.ofSeconds(30));
        assertThat(resolved.timeToResolve()).contains(java.time.Duration.ofSeconds(90));
        assertThat(resolved.acknowledgedBy()).contains("pd");
        EscalationProgress done = await(database.escalationProgress().get(first)).orElseThrow();
        assertThat(done.status()).isEqualTo(EscalationStatus.DONE);
        assertThat(done.nextDueAt()).isEmpty();
        assertThat(await(database.incidents().get(first)).orElseThrow().timeline()).extracting(TimelineEntry::kind)
                .containsExactly("opened", "acknowledged", "resolved");
    }

    @Test
    void resolveAndAcknowledgeForAnUnknownKeyAreIgnored() {
        String key = unique();
        assertThat(await(intake.submit(List.of(event("pd", key, AlertAction.RESOLVE, T0),
                event("pd", key, AlertAction.ACKNOWLEDGE, T0)))))
                .containsExactly(new IntakeOutcome(IGNORED, 0), new IntakeOutcome(IGNORED, 0));
        assertThat(queryLong(target, "SELECT count(*) FROM alert_events WHERE dedup_key = '" + key
                + "' AND outcome = 'ignored'")).isEqualTo(2);
    }

    @Test
    void eventsForOneKeyInOneRequestApplyInOrder() {
        String key = unique();
        List<IntakeOutcome> outcomes = await(intake.submit(List.of(trigger("am", key, "flap", T0),
                event("am", key, AlertAction.RESOLVE, T0.plusSeconds(1)),
                trigger("am", key, "flap", T0.plusSeconds(2)))));

        assertThat(outcomes).extracting(IntakeOutcome::kind).containsExactly(OPENED, RESOLVED, OPENED);
        assertThat(outcomes.get(1).incidentId()).isEqualTo(outcomes.get(0).incidentId());
        assertThat(outcomes.get(2).incidentId()).isNotEqualTo(outcomes.get(0).incidentId());
        assertThat(await(database.escalationProgress().get(outcomes.get(0).incidentId())).orElseThrow().status())
                .isEqualTo(EscalationStatus.DONE);
        assertThat(await(database.escalationProgress().get(outcomes.get(2).incidentId())).orElseThrow().status())
                .isEqualTo(EscalationStatus.ACTIVE);
    }

    @Test
    void aResolveAndANewTriggerInOneBatchCloseTheOldIncidentAndOpenANewOne() {
        String key = unique();
        long old = await(intake.submit(List.of(trigger("am", key, "flap", T0)))).get(0).incidentId();
        List<IntakeOutcome> outcomes = await(intake.submit(List.of(event("am", key, AlertAction.RESOLVE,
                T0.plusSeconds(1)), trigger("am", key, "flap again", T0.plusSeconds(2)))));

        assertThat(outcomes.get(0)).isEqualTo(new IntakeOutcome(RESOLVED, old));
        assertThat(outcomes.get(1).kind()).isEqualTo(OPENED);
        assertThat(await(database.incidents().find(old)).orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(await(database.incidents().find(outcomes.get(1).incidentId())).orElseThrow().status())
                .isEqualTo(IncidentStatus.TRIGGERED);
    }

    @Test
    void concurrentRequestsForOneKeyNeverOpenTwoIncidents() throws Exception {
        String key = unique();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<List<IntakeOutcome>>> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            sent.add(senders.submit(() -> await(intake.submit(List.of(trigger("am", key, "storm " + n, T0))))));
        }
        List<IntakeOutcome> outcomes = new ArrayList<>();
        for (var future : sent) {
            outcomes.addAll(future.get());
        }
        senders.shutdown();

        assertThat(outcomes).filteredOn(o -> o.kind() == OPENED).hasSize(1);
        assertThat(outcomes).extracting(IntakeOutcome::incidentId).containsOnly(outcomes.get(0).incidentId());
        assertThat(queryLong(target, "SELECT count(*) FROM incidents WHERE dedup_key = '" + key + "'")).isEqualTo(1);
        assertThat(queryLong(target, "SELECT alert_count FROM incidents WHERE dedup_key = '" + key + "'"))
                .isEqualTo(200);
    }

    @Test
    void twoIntakesOnOneDatabaseNeverOpenTwoIncidentsForOneKey() {
        DurableAlertIntake other = new DurableAlertIntake(vertx, database.pool(), event -> "p", IntakeOptions.DEFAULTS);
        String key = unique();
        List<Future<List<IntakeOutcome>>> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sent.add(intake.submit(List.of(trigger("am", key, "a" + i, T0))));
            sent.add(other.submit(List.of(trigger("am", key, "b" + i, T0))));
        }
        List<IntakeOutcome> outcomes = sent.stream().flatMap(f -> await(f).stream()).toList();
        await(other.close());

        assertThat(outcomes).filteredOn(o -> o.kind() == OPENED).hasSize(1);
        assertThat(queryLong(target, "SELECT count(*) FROM incidents WHERE dedup_key = '" + key + "'")).isEqualTo(1);
        assertThat(queryLong(target, "SELECT alert_count FROM incidents WHERE dedup_key = '" + key + "'"))
                .isEqualTo(100);
    }

    @Test
    void aTriggerWithoutAPolicyOpensAnIncidentWithoutEscalation() {
        DurableAlertIntake unrouted = new DurableAlertIntake(vertx, database.pool(), event -> null,
                IntakeOptions.DEFAULTS);
        long id = await(unrouted.submit(List.of(trigger("am", unique(), "x", T0)))).get(0).incidentId();
        await(unrouted.close());

        assertThat(await(database.incidents().find(id)).orElseThrow().policyId()).isEmpty();
        assertThat(await(database.escalationProgress().get(id))).isEmpty();
    }

    @Test
    void whenTheCommitFailsEveryWaitingRequestFailsAndNothingOfItIsStored() throws Exception {
        DurableAlertIntake oneLane = new DurableAlertIntake(vertx, database.pool(), event -> "p",
                new IntakeOptions(1, 500, 1000));
        TestPostgres.execute(target, """
                CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.summary = 'boom' THEN RAISE EXCEPTION 'refused for the test'; END IF;
                  RETURN NEW;
                END $$""", """
                CREATE TRIGGER refuse_boom BEFORE INSERT ON alert_events
                FOR EACH ROW EXECUTE FUNCTION refuse_boom()""");
        String a = unique();
        String b = unique();
        String c = unique();
        Future<List<IntakeOutcome>> first;
        Future<List<IntakeOutcome>> second;
        Future<List<IntakeOutcome>> third;
        try (Connection blocker = TestPostgres.jdbc(target); Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            // Even reads wait: the first request's read holds up the lane, so the next two are read and committed
            // together, after it.
            statement.execute("LOCK TABLE incidents IN ACCESS EXCLUSIVE MODE");
            first = oneLane.submit(List.of(trigger("am", a, "fine", T0)));
            awaitATransactionWaitingForALock();
            second = oneLane.submit(List.of(trigger("am", b, "fine too", T0)));
            third = oneLane.submit(List.of(trigger("am", c, "boom", T0)));
            blocker.rollback();
            assertThat(await(first).get(0).kind()).isEqualTo(OPENED);
            assertThatThrownBy(() -> await(second)).hasMessageContaining("refused for the test");
            assertThatThrownBy(() -> await(third)).hasMessageContaining("refused for the test");
        } finally {
            TestPostgres.execute(target, "DROP TRIGGER refuse_boom ON alert_events");
        }

        assertThat(queryLong(target, "SELECT count(*) FROM incidents WHERE dedup_key IN ('" + b + "', '" + c + "')"))
                .isZero();
        assertThat(queryLong(target, "SELECT count(*) FROM alert_events WHERE dedup_key IN ('" + b + "', '" + c
                + "')")).isZero();
        assertThat(await(oneLane.submit(List.of(trigger("am", b, "fine too", T0)))).get(0).kind()).isEqualTo(OPENED);
        assertThat(oneLane.waiting()).isZero();
        await(oneLane.close());
    }

    @Test
    void whenFullARequestIsRefusedAtOnceAndNothingOfItIsStored() throws Exception {
        DurableAlertIntake small = new DurableAlertIntake(vertx, database.pool(), event -> "p",
                new IntakeOptions(1, 500, 5));
        String refusedKey = unique();
        Future<List<IntakeOutcome>> inFlight;
        Future<List<IntakeOutcome>> queued;
        Future<List<IntakeOutcome>> refused;
        try (Connection blocker = TestPostgres.jdbc(target); Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE incidents IN EXCLUSIVE MODE");
            inFlight = small.submit(List.of(trigger("am", unique(), "1", T0), trigger("am", unique(), "2", T0),
                    trigger("am", unique(), "3", T0)));
            awaitATransactionWaitingForALock();
            queued = small.submit(List.of(trigger("am", unique(), "4", T0), trigger("am", unique(), "5", T0)));
            refused = small.submit(List.of(trigger("am", refusedKey, "6", T0)));
            assertThat(refused.failed()).isTrue();
            assertThat(refused.cause()).isInstanceOf(IntakeOverloadedException.class)
                    .hasMessageContaining("capacity 5");
            assertThat(small.waiting()).isEqualTo(5);
            blocker.rollback();
        }

        assertThat(await(inFlight)).hasSize(3);
        assertThat(await(queued)).hasSize(2);
        assertThat(queryLong(target, "SELECT count(*) FROM alert_events WHERE dedup_key = '" + refusedKey + "'"))
                .isZero();
        await(small.close());
    }

    @Test
    void anEventThatCannotBeStoredIsRefusedNamingTheField() {
        AlertEvent badDetails = new AlertEvent("am", unique(), AlertAction.TRIGGER, Severity.ERROR, "x", "", Map.of(),
                "{not json", T0);
        AlertEvent longKey = new AlertEvent("am", "k".repeat(600), AlertAction.TRIGGER, Severity.ERROR, "x", "",
                Map.of(), "{}", T0);

        assertThatThrownBy(() -> await(intake.submit(List.of(badDetails)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("details");
        assertThatThrownBy(() -> await(intake.submit(List.of(longKey)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dedup key");
    }

    @Test
    void textPostgresCannotHoldIsStoredReplaced() {
        AlertEvent withNul = new AlertEvent("am", unique(), AlertAction.TRIGGER, Severity.INFO, "bad\0byte", "",
                Map.of("k", "v\0"), "{\"s\":\"a\\u0000b\"}", T0);
        long id = await(intake.submit(List.of(withNul))).get(0).incidentId();

        assertThat(await(database.incidents().find(id)).orElseThrow().summary()).isEqualTo("bad\uFFFDbyte");
        assertThat(queryString(target, "SELECT details->>'s' FROM incidents WHERE id = " + id)).isEqualTo("a\uFFFDb");
    }

    @Test
    void outcomesFollowTheRequestOrderAcrossLanes() {
        List<AlertEvent> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(trigger("am", unique(), "n" + i, T0));
        }
        List<IntakeOutcome> outcomes = await(intake.submit(many));

        assertThat(outcomes).extracting(IntakeOutcome::kind).containsOnly(OPENED);
        for (int i = 0; i < many.size(); i++) {
            Incident incident = await(database.incidents().find(outcomes.get(i).incidentId())).orElseThrow();
            assertThat(incident.dedupKey()).isEqualTo(many.get(i).dedupKey());
        }
        assertThat(await(database.incidents().list(Set.of(IncidentStatus.TRIGGERED), 1000)))
                .extracting(Incident::id).contains(outcomes.get(0).incidentId());
    }

    /** Waits until the intake's transaction is blocked by the test's table lock (so the next requests queue). */
    private static void awaitATransactionWaitingForALock() throws InterruptedException {
        String waiting = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                + " AND datname = current_database()";
        for (int i = 0; i < 3000 && queryLong(target, waiting) == 0; i++) {
            Thread.sleep(10);
        }
        assertThat(queryLong(target, waiting)).as("a transaction waits for the test's lock").isPositive();
    }

    private static String unique() {
        return UUID.randomUUID().toString();
    }

    static AlertEvent trigger(String integration, String key, String summary, Instant at) {
        return new AlertEvent(integration, key, AlertAction.TRIGGER, Severity.CRITICAL, summary, "host-1",
                Map.of("team", "ops"), "{\"runbook\":\"https://runbooks/disk\"}", at);
    }

    static AlertEvent event(String integration, String key, AlertAction action, Instant at) {
        return new AlertEvent(integration, key, action, Severity.CRITICAL, "", "", Map.of(), "{}", at);
    }
}
