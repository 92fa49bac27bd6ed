package dev.limbic.store;

import dev.limbic.alert.AlertAction;
import dev.limbic.care.StressEpisode;
import dev.limbic.stress.StressState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.limbic.store.DurableAlertIntakeTest.event;
import static dev.limbic.store.DurableAlertIntakeTest.trigger;
import static dev.limbic.store.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention against the real database. Everything this class makes old lies before 2021, which no other test class
 * uses, so its cutoffs never touch another class's rows.
 */
class RetentionTest {
    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant CUTOFF = Instant.parse("2021-01-01T00:00:00Z");
    private static final Instant RECENT = Instant.parse("2026-11-30T00:00:00Z");
    private static IntakeWorld world;
    private static Database database;
    private static DurableAlertIntake intake;
    private static Retention retention;
    private static PostgresTarget target;

    @BeforeAll
    static void start() {
        world = IntakeWorld.open(2);
        target = world.target();
        database = world.database();
        intake = world.intake();
        retention = database.retention();
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void aSweepDeletesOldResolvedIncidentsWithTheirEventsTimelinesAndNotificationsAndOldEpisodesOnly() {
        String key = UUID.randomUUID().toString();
        long oldResolved = open(key, LONG_AGO);
        await(database.notifications().enqueue(oldResolved, "alice", "ntfy", 0, 0, LONG_AGO.plusSeconds(1)));
        await(intake.submit(List.of(event("am", key, AlertAction.RESOLVE, LONG_AGO.plusSeconds(60)))));
        long oldOpen = open(UUID.randomUUID().toString(), LONG_AGO);
        await(database.notifications().enqueue(oldOpen, "alice", "ntfy", 0, 0, LONG_AGO.plusSeconds(1)));
        String recentKey = UUID.randomUUID().toString();
        long recentResolved = open(recentKey, RECENT);
        await(intake.submit(List.of(event("am", recentKey, AlertAction.RESOLVE, RECENT.plusSeconds(60)))));
        String responder = "r-" + UUID.randomUUID();
        StressEpisodeStore episodes = database.stressEpisodes();
        StressEpisode oldEpisode = episode(responder, oldResolved, LONG_AGO);
        await(episodes.open(oldEpisode, StressState.ACUTE, "a reaction to the page"));
        await(episodes.close(oldEpisode.id(), LONG_AGO.plusSeconds(120), "calm again"));
        await(episodes.open(episode(responder, recentResolved, RECENT), StressState.ELEVATED, "a reaction"));

        Retention.Purged purged = await(retention.sweep(CUTOFF, CUTOFF));

        assertThat(purged.resolvedIncidents()).isPositive();
        assertThat(purged.alertEvents()).isGreaterThanOrEqualTo(2);
        assertThat(purged.stressEpisodes()).isPositive();
        assertThat(await(database.incidents().find(oldResolved))).isEmpty();
        assertThat(count("incident_timeline WHERE incident_id = " + oldResolved)).isZero();
        assertThat(count("notifications WHERE incident_id = " + oldResolved)).isZero();
        assertThat(count("escalation_progress WHERE incident_id = " + oldResolved)).isZero();
        assertThat(count("alert_events WHERE incident_id = " + oldResolved)).isZero();

        assertThat(await(database.incidents().find(oldOpen))).as("open incidents always stay").isPresent();
        assertThat(count("alert_events WHERE incident_id = " + oldOpen)).isEqualTo(1);
        assertThat(await(database.notifications().forIncident(oldOpen))).hasSize(1);
        assertThat(await(database.incidents().find(recentResolved))).isPresent();
        assertThat(count("alert_events WHERE incident_id = " + recentResolved)).isEqualTo(2);
        assertThat(await(episodes.forResponder(responder, LONG_AGO, 10))).extracting(StressEpisodeRecord::openedAt)
                .containsExactly(RECENT);

        assertThat(await(retention.sweep(CUTOFF, CUTOFF)).any()).as("nothing left to delete").isFalse();
    }

    @Test
    void episodesHaveTheirOwnCutoff() {
        String responder = "r-" + UUID.randomUUID();
        Instant day1 = LONG_AGO.plus(Duration.ofDays(1));
        Instant day3 = LONG_AGO.plus(Duration.ofDays(3));
        String key = UUID.randomUUID().toString();
        long incident = open(key, day1);
        await(intake.submit(List.of(event("am", key, AlertAction.RESOLVE, day1.plusSeconds(60)))));
        StressEpisodeStore episodes = database.stressEpisodes();
        StressEpisode first = episode(responder, incident, day1);
        await(episodes.open(first, StressState.ACUTE, "a reaction to the page"));
        await(episodes.close(first.id(), day1.plusSeconds(60), "calm again"));
        await(episodes.open(episode(responder, incident, day3), StressState.ACUTE, "acute stress"));

        await(retention.sweep(LONG_AGO, LONG_AGO.plus(Duration.ofDays(2))));

        assertThat(await(episodes.forResponder(responder, LONG_AGO, 10))).extracting(StressEpisodeRecord::openedAt)
                .containsExactly(day3);
        assertThat(await(database.incidents().find(incident))).as("resolved after the incident cutoff").isPresent();
    }

    @Test
    void eachPurgeDeletesAtMostItsLimit() {
        for (int i = 0; i < 3; i++) {
            String key = UUID.randomUUID().toString();
            open(key, LONG_AGO.minus(Duration.ofDays(30)));
            await(intake.submit(List.of(event("am", key, AlertAction.RESOLVE, LONG_AGO.minus(Duration.ofDays(29))))));
        }

        Instant cutoff = LONG_AGO.minus(Duration.ofDays(28));
        assertThat(await(retention.purgeResolvedIncidentsBefore(cutoff, 2))).isEqualTo(2);
        assertThat(await(retention.purgeResolvedIncidentsBefore(cutoff, 2))).isEqualTo(1);
        assertThat(await(retention.purgeResolvedIncidentsBefore(cutoff, 2))).isZero();
    }

    private static long count(String fromWhere) {
        return TestPostgres.queryLong(target, "SELECT count(*) FROM " + fromWhere);
    }

    private static StressEpisode episode(String responder, long incident, Instant at) {
        return new StressEpisode(responder + "/" + incident + "/" + at.toEpochMilli(), responder,
                String.valueOf(incident), StressEpisode.Cause.PAGE_REACTION, false, at, at.plusSeconds(6));
    }

    private static long open(String key, Instant at) {
        return await(intake.submit(List.of(trigger("am", key, "disk full", at)))).get(0).incidentId();
    }
}
