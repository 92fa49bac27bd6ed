package dev.limbic.store;

import io.vertx.core.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static dev.limbic.store.DurableAlertIntakeTest.trigger;
import static dev.limbic.store.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The ledger groups what arrives together, and each decision still stands or falls on its own version. */
class EscalationLedgerTest {
    private static final Instant T0 = Instant.parse("2026-12-01T04:00:00Z");
    private static IntakeWorld world;
    private static Database database;
    private static DurableAlertIntake intake;
    private static EscalationLedger ledger;

    @BeforeAll
    static void start() {
        world = IntakeWorld.open(4);
        database = world.database();
        intake = world.intake();
        ledger = new EscalationLedger(database.pool());
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void decisionsSavedTogetherEachGetTheirPagesAndTimelineAndALostRaceFailsOnlyItself() {
        List<Long> ids = openIncidents(40);
        List<EscalationLedger.Entry> entries = loadAll(ids);
        long stale = ids.get(7);

        List<Future<Optional<List<NotificationRecord>>>> saves = new ArrayList<>();
        for (EscalationLedger.Entry entry : entries) {
            long id = entry.incident().id();
            long version = id == stale ? entry.progress().version() + 5 : entry.progress().version();
            saves.add(ledger.save(decision(id, version, "{\"step\":" + id + "}",
                    List.of(new EscalationLedger.PageToSend("alice", 0, 0, 0, "phone"),
                            new EscalationLedger.PageToSend("bob", 0, 0, 1, "ntfy")))));
        }
        await(Future.join(saves));

        for (int i = 0; i < ids.size(); i++) {
            long id = ids.get(i);
            Optional<List<NotificationRecord>> saved = saves.get(i).result();
            EscalationLedger.Entry after = await(ledger.load(id)).orElseThrow();
            if (id == stale) {
                assertThat(saved).isEmpty();
                assertThat(after.progress().version()).isEqualTo(entries.get(i).progress().version());
                assertThat(after.engineState()).isEmpty();
                assertThat(await(database.notifications().forIncident(id))).isEmpty();
                continue;
            }
            assertThat(saved).isPresent();
            assertThat(saved.get()).extracting(NotificationRecord::responder).containsExactly("alice", "bob");
            assertThat(saved.get()).allSatisfy(record -> {
                assertThat(record.incidentId()).isEqualTo(id);
                assertThat(record.status()).isEqualTo(NotificationStatus.QUEUED);
            });
            assertThat(await(database.notifications().forIncident(id))).containsExactlyInAnyOrderElementsOf(saved.get());
            assertThat(after.progress().version()).isEqualTo(entries.get(i).progress().version() + 1);
            assertThat(after.progress().step()).isEqualTo(1);
            assertThat(after.engineState()).hasValueSatisfying(state -> assertThat(state).contains("\"step\": " + id));
            assertThat(await(database.incidents().get(id)).orElseThrow().timeline())
                    .extracting(TimelineEntry::kind).contains("paged");
        }
    }

    @Test
    void decisionsThatResolveAndAcknowledgeTogetherMoveEachIncident() {
        List<Long> ids = openIncidents(2);
        List<EscalationLedger.Entry> entries = loadAll(ids);
        Future<Optional<List<NotificationRecord>>> resolve = ledger.save(new EscalationLedger.Decision(ids.get(0),
                entries.get(0).progress().version(), progress(ids.get(0), EscalationStatus.DONE), "{}",
                IncidentStatus.RESOLVED, "carol", List.of(), List.of(), T0.plusSeconds(60)));
        Future<Optional<List<NotificationRecord>>> acknowledge = ledger.save(new EscalationLedger.Decision(ids.get(1),
                entries.get(1).progress().version(), progress(ids.get(1), EscalationStatus.ACKNOWLEDGED), "{}",
                IncidentStatus.ACKNOWLEDGED, "dave", List.of(), List.of(), T0.plusSeconds(61)));
        assertThat(await(resolve)).hasValue(List.of());
        assertThat(await(acknowledge)).hasValue(List.of());

        Incident resolved = await(database.incidents().find(ids.get(0))).orElseThrow();
        assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(resolved.resolvedBy()).contains("carol");
        Incident acked = await(database.incidents().find(ids.get(1))).orElseThrow();
        assertThat(acked.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(acked.acknowledgedBy()).contains("dave");
    }

    @Test
    void aDecisionWhoseSaveWasNotConfirmedIsFoundCommittedByItsPagesOrItsStateAndOtherwiseNot() {
        List<Long> ids = openIncidents(2);
        List<EscalationLedger.Entry> entries = loadAll(ids);
        long paged = ids.get(0);
        long quiet = ids.get(1);
        EscalationLedger.Decision withPages = decision(paged, entries.get(0).progress().version(),
                "{\"step\":1}", List.of(new EscalationLedger.PageToSend("alice", 0, 0, 0, "phone")));
        EscalationLedger.Decision withoutPages = decision(quiet, entries.get(1).progress().version(),
                "{\"step\":2}", List.of());
        assertThat(await(ledger.committed(withPages))).as("not saved yet").isEmpty();
        assertThat(await(ledger.committed(withoutPages))).as("not saved yet").isEmpty();

        List<NotificationRecord> recorded = await(ledger.save(withPages)).orElseThrow();
        await(ledger.save(withoutPages)).orElseThrow();

        assertThat(await(ledger.committed(withPages))).as("its page's record is there, still queued")
                .contains(recorded);
        assertThat(await(ledger.committed(withoutPages))).as("its engine state is the stored one")
                .contains(List.of());
        EscalationLedger.Decision rival = decision(paged, entries.get(0).progress().version(), "{\"step\":9}",
                List.of(new EscalationLedger.PageToSend("bob", 0, 0, 1, "phone")));
        assertThat(await(ledger.committed(rival))).as("another decision on the same version, never saved")
                .isEmpty();
    }

    @Test
    void aDecisionThatResolvesTellsTheIntakeBeforeItIsSentAndAfterwardsSoTheSameAlertOpensANewIncident() {
        OpenIncidentMemory memory = new OpenIncidentMemory(100);
        List<Long> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        EscalationLedger resolvingLedger = new EscalationLedger(database.pool(), id -> {
            told.add(id);
            memory.forgetIncident(id);
        }, java.time.Duration.ofSeconds(30));
        DurableAlertIntake remembering = new DurableAlertIntake(world.vertx(), database.pool(), event -> "night",
                IntakeOptions.DEFAULTS, memory);
        dev.limbic.alert.AlertEvent firing = trigger("am", UUID.randomUUID().toString(), "disk full", T0);
        long id = await(remembering.submit(List.of(firing))).get(0).incidentId();
        assertThat(await(remembering.submit(List.of(firing))))
                .containsExactly(new IntakeOutcome(IntakeOutcome.Kind.REPEATED, id));
        EscalationLedger.Entry entry = await(resolvingLedger.load(id)).orElseThrow();

        Future<Optional<List<NotificationRecord>>> resolve = resolvingLedger.save(new EscalationLedger.Decision(id,
                entry.progress().version(), progress(id, EscalationStatus.DONE), "{}", IncidentStatus.RESOLVED, "carol",
                List.of(), List.of(), T0.plusSeconds(60)));
        assertThat(told).as("told before the decision is sent").containsExactly(id);
        assertThat(await(resolve)).isPresent();
        assertThat(told).as("and again once it is committed").containsExactly(id, id);

        IntakeOutcome again = await(remembering.submit(List.of(firing))).get(0);
        assertThat(again.kind()).as("the alert still fires after the incident was resolved")
                .isEqualTo(IntakeOutcome.Kind.OPENED);
        assertThat(again.incidentId()).isNotEqualTo(id);
        await(remembering.close());
    }

    @Test
    void noticesAreRecordedQueuedWithTheirTextAndLoadedForARestart() {
        long id = openIncidents(1).get(0);
        EscalationLedger.Entry entry = loadAll(List.of(id)).get(0);
        List<NotificationRecord> saved = await(ledger.save(new EscalationLedger.Decision(id,
                entry.progress().version(), progress(id, EscalationStatus.DONE), "{}", IncidentStatus.RESOLVED, "erin",
                List.of(), List.of(new EscalationLedger.PageToSend("alice", 0, 0, 0, "phone")), T0.plusSeconds(2),
                List.of(new EscalationLedger.NoticeToSend("bob", 0, 0, "ntfy", "Incident #" + id + " resolved",
                        "erin resolved it"))))).orElseThrow();

        assertThat(saved).hasSize(2);
        assertThat(saved.get(0).notice()).isEmpty();
        assertThat(saved.get(1).notice()).contains(new NotificationRecord.Notice("Incident #" + id + " resolved",
                "erin resolved it"));
        assertThat(await(database.notifications().forIncident(id))).containsExactlyInAnyOrderElementsOf(saved);
        assertThat(await(database.notifications().loadQueued())).contains(saved.get(1));
    }

    @Test
    void loadsTogetherAnswerEachIdAndEmptyForAnUnknownOne() {
        List<Long> ids = openIncidents(5);
        List<Future<Optional<EscalationLedger.Entry>>> loads = new ArrayList<>();
        ids.forEach(id -> loads.add(ledger.load(id)));
        Future<Optional<EscalationLedger.Entry>> unknown = ledger.load(-1);
        await(Future.join(new ArrayList<>(loads)));
        for (int i = 0; i < ids.size(); i++) {
            assertThat(loads.get(i).result()).hasValueSatisfying(entry -> assertThat(entry.progress().policyId())
                    .isEqualTo("night"));
            assertThat(loads.get(i).result().orElseThrow().incident().id()).isEqualTo(ids.get(i));
        }
        assertThat(await(unknown)).isEmpty();
    }

    @Test
    void deliveryResultsRecordedTogetherMarkEachRecordOnceWithATimelineLine() {
        List<Long> ids = openIncidents(6);
        List<EscalationLedger.Entry> entries = loadAll(ids);
        List<NotificationRecord> records = new ArrayList<>();
        for (EscalationLedger.Entry entry : entries) {
            records.addAll(await(ledger.save(decision(entry.incident().id(), entry.progress().version(), "{}",
                    List.of(new EscalationLedger.PageToSend("alice", 0, 0, 0, "phone"))))).orElseThrow());
        }
        List<Future<Void>> finishes = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            NotificationRecord record = records.get(i);
            boolean delivered = i % 2 == 0;
            finishes.add(ledger.finishDelivery(record.id(), delivered, "phone", 1, delivered ? "" : "503",
                    new TimelineEntry(T0.plusSeconds(5), delivered ? "delivered" : "delivery_failed", "limbic",
                            "page " + record.id(), "{}")));
        }
        await(Future.all(new ArrayList<>(finishes)));
        await(ledger.finishDelivery(records.get(0).id(), false, "phone", 1, "late", new TimelineEntry(
                T0.plusSeconds(9), "delivery_failed", "limbic", "again", "{}")));

        for (int i = 0; i < records.size(); i++) {
            long incidentId = records.get(i).incidentId();
            NotificationRecord stored = await(database.notifications().forIncident(incidentId)).get(0);
            assertThat(stored.status()).isEqualTo(i % 2 == 0 ? NotificationStatus.DELIVERED : NotificationStatus.FAILED);
            assertThat(stored.attempts()).isEqualTo(1);
            assertThat(await(database.incidents().get(incidentId)).orElseThrow().timeline())
                    .extracting(TimelineEntry::kind)
                    .containsOnlyOnce(i % 2 == 0 ? "delivered" : "delivery_failed");
        }
    }

    private static List<Long> openIncidents(int count) {
        List<dev.limbic.alert.AlertEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(trigger("am", UUID.randomUUID().toString(), "ledger " + i, T0));
        }
        return await(intake.submit(events)).stream().map(IntakeOutcome::incidentId).toList();
    }

    private static List<EscalationLedger.Entry> loadAll(List<Long> ids) {
        return ids.stream().map(id -> await(ledger.load(id)).orElseThrow()).toList();
    }

    private static EscalationProgress progress(long id, EscalationStatus status) {
        return new EscalationProgress(id, "night", 1, 0, Optional.of(T0.plusSeconds(600)), status, Optional.empty(), 0);
    }

    private static EscalationLedger.Decision decision(long id, long version, String state,
                                                      List<EscalationLedger.PageToSend> pages) {
        return new EscalationLedger.Decision(id, version, progress(id, EscalationStatus.ACTIVE), state,
                IncidentStatus.TRIGGERED, "limbic",
                List.of(new TimelineEntry(T0.plusSeconds(1), "paged", "limbic", "paged alice and bob", "{}")),
                pages, T0.plusSeconds(1));
    }
}
