package dev.limbic.store;

import dev.limbic.alert.AlertAction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static dev.limbic.store.DurableAlertIntakeTest.event;
import static dev.limbic.store.DurableAlertIntakeTest.trigger;
import static dev.limbic.store.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

class StoresTest {
    private static final Instant T0 = Instant.parse("2026-11-30T22:00:00Z");
    /** The dedup key of each incident a test opened. */
    private static final Map<Long, String> KEYS = new ConcurrentHashMap<>();
    private static IntakeWorld world;
    private static Database database;
    private static DurableAlertIntake intake;
    private static IncidentStore incidents;
    private static EscalationProgressStore progress;
    private static NotificationStore notifications;

    @BeforeAll
    static void start() {
        world = IntakeWorld.open(4);
        database = world.database();
        intake = world.intake();
        incidents = database.incidents();
        progress = database.escalationProgress();
        notifications = database.notifications();
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void listsIncidentsByStatusNewestFirst() {
        long a = open("first", T0);
        long b = open("second", T0.plusSeconds(1));
        long c = open("third", T0.plusSeconds(2));
        act(b, AlertAction.RESOLVE, T0.plusSeconds(10));

        List<Incident> open = await(incidents.list(EnumSet.of(IncidentStatus.TRIGGERED, IncidentStatus.ACKNOWLEDGED),
                100));
        assertThat(open).extracting(Incident::id).contains(c, a).doesNotContain(b);
        assertThat(open.indexOf(open.stream().filter(i -> i.id() == c).findFirst().orElseThrow()))
                .isLessThan(open.indexOf(open.stream().filter(i -> i.id() == a).findFirst().orElseThrow()));
        assertThat(await(incidents.list(Set.of(IncidentStatus.RESOLVED), 100))).extracting(Incident::id).contains(b);
        assertThat(await(incidents.list(Set.of(IncidentStatus.TRIGGERED), 1))).hasSize(1);
    }

    @Test
    void timelineLinesKeepTheirOrderAndFields() {
        long id = open("paging", T0);
        await(incidents.appendTimeline(id, new TimelineEntry(T0.plusSeconds(1), "paged", "limbic",
                "Paged alice on ntfy", "{\"responder\":\"alice\",\"channel\":\"ntfy\"}")));
        await(incidents.appendTimeline(id, new TimelineEntry(T0.plusSeconds(2), "delivered", "ntfy",
                "Delivered to alice", "{}")));

        IncidentDetail detail = await(incidents.get(id)).orElseThrow();
        assertThat(detail.timeline()).extracting(TimelineEntry::kind).containsExactly("opened", "paged", "delivered");
        assertThat(detail.timeline().get(1).fieldsJson()).contains("\"channel\": \"ntfy\"");
        assertThat(await(incidents.get(987654))).isEmpty();
    }

    @Test
    void figuresGiveTimeToAcknowledgeAndResolveForAPeriod() {
        Instant day = Instant.parse("2026-10-01T00:00:00Z");
        long fast = open("fast", day.plusSeconds(10));
        long slow = open("slow", day.plusSeconds(20));
        open("never acked", day.plusSeconds(30));
        act(fast, AlertAction.ACKNOWLEDGE, day.plusSeconds(70));
        act(slow, AlertAction.ACKNOWLEDGE, day.plusSeconds(320));
        act(fast, AlertAction.RESOLVE, day.plusSeconds(610));

        IncidentFigures figures = await(incidents.figures(day, day.plus(Duration.ofDays(1))));
        assertThat(figures.opened()).isEqualTo(3);
        assertThat(figures.acknowledged()).isEqualTo(2);
        assertThat(figures.resolved()).isEqualTo(1);
        assertThat(figures.medianTimeToAcknowledge()).contains(Duration.ofSeconds(180));
        assertThat(figures.p90TimeToAcknowledge()).contains(Duration.ofSeconds(276));
        assertThat(figures.medianTimeToResolve()).contains(Duration.ofMinutes(10));
        assertThat(await(incidents.figures(day.minus(Duration.ofDays(1)), day)).medianTimeToResolve()).isEmpty();
    }

    @Test
    void progressIsSavedOnlyOverTheVersionItWasLoadedAt() {
        long id = open("disk", T0);
        EscalationProgress initial = await(progress.get(id)).orElseThrow();
        assertThat(await(progress.loadDue(T0))).extracting(EscalationProgress::incidentId).contains(id);
        assertThat(await(progress.loadDue(T0.minusSeconds(1)))).extracting(EscalationProgress::incidentId)
                .doesNotContain(id);

        EscalationProgress next = new EscalationProgress(id, "night", 1, 0, Optional.of(T0.plusSeconds(300)),
                EscalationStatus.ACTIVE, Optional.empty(), initial.version());
        EscalationProgress saved = await(progress.save(next, T0)).orElseThrow();
        assertThat(saved.version()).isEqualTo(initial.version() + 1);
        assertThat(saved.step()).isEqualTo(1);
        assertThat(await(progress.save(next, T0))).isEmpty();
        assertThat(await(progress.loadDue(T0.plusSeconds(299)))).extracting(EscalationProgress::incidentId)
                .doesNotContain(id);
        assertThat(await(progress.loadUnfinished())).extracting(EscalationProgress::incidentId).contains(id);

        await(intake.submit(List.of(event("am", key(id), AlertAction.RESOLVE, T0.plusSeconds(400)))));
        assertThat(await(progress.loadUnfinished())).extracting(EscalationProgress::incidentId).doesNotContain(id);
        assertThat(await(progress.save(saved, T0))).isEmpty();
    }

    @Test
    void aPageIsRecordedOncePerStepRoundAndChannel() {
        long id = open("pager", T0);
        NotificationRecord queued = await(notifications.enqueue(id, "alice", "ntfy", 0, 0, T0)).orElseThrow();
        assertThat(queued.status()).isEqualTo(NotificationStatus.QUEUED);
        assertThat(await(notifications.enqueue(id, "alice", "ntfy", 0, 0, T0.plusSeconds(1)))).isEmpty();
        assertThat(await(notifications.enqueue(id, "alice", "webhook", 0, 0, T0))).isPresent();
        assertThat(await(notifications.enqueue(id, "alice", "ntfy", 0, 1, T0))).isPresent();

        NotificationRecord retry = await(notifications.markRetry(queued.id(), "503 from ntfy", T0.plusSeconds(5),
                T0.plusSeconds(1))).orElseThrow();
        assertThat(retry.status()).isEqualTo(NotificationStatus.QUEUED);
        assertThat(retry.attempts()).isEqualTo(1);
        assertThat(retry.nextAttemptAt()).contains(T0.plusSeconds(5));
        assertThat(await(notifications.loadQueued())).extracting(NotificationRecord::id).contains(queued.id());

        NotificationRecord sent = await(notifications.markSent(queued.id(), T0.plusSeconds(5))).orElseThrow();
        assertThat(sent.status()).isEqualTo(NotificationStatus.SENT);
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(sent.lastError()).contains("503 from ntfy");
        assertThat(await(notifications.markDelivered(queued.id(), T0.plusSeconds(6))).orElseThrow().status())
                .isEqualTo(NotificationStatus.DELIVERED);
        assertThat(await(notifications.loadQueued())).extracting(NotificationRecord::id).doesNotContain(queued.id());

        long webhook = await(notifications.forIncident(id)).get(1).id();
        assertThat(await(notifications.markFailed(webhook, "410 Gone", T0.plusSeconds(2))).orElseThrow().status())
                .isEqualTo(NotificationStatus.FAILED);
        assertThat(await(notifications.forIncident(id))).hasSize(3);
    }

    private static long open(String summary, Instant at) {
        String key = UUID.randomUUID().toString();
        long id = await(intake.submit(List.of(trigger("am", key, summary, at)))).get(0).incidentId();
        KEYS.put(id, key);
        return id;
    }

    /** Acknowledges or resolves incident {@code id} by an event from its integration. */
    private static void act(long id, AlertAction action, Instant at) {
        await(intake.submit(List.of(event("am", key(id), action, at))));
    }

    private static String key(long id) {
        return KEYS.get(id);
    }
}
