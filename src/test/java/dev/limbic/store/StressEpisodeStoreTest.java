package dev.limbic.store;

import dev.limbic.care.StressEpisode;
import dev.limbic.stress.StressState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.limbic.store.DurableAlertIntakeTest.trigger;
import static dev.limbic.store.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class StressEpisodeStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-30T22:00:00Z");
    private static IntakeWorld world;
    private static Database database;
    private static DurableAlertIntake intake;
    private static StressEpisodeStore episodes;

    @BeforeAll
    static void start() {
        world = IntakeWorld.open(2);
        database = world.database();
        intake = world.intake();
        episodes = database.stressEpisodes();
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void anEpisodeIsOpenedOnceClosedOnceAndListedByIncidentAndResponder() {
        String alice = responder();
        long incident = open();
        StressEpisode episode = episode(alice, incident, StressEpisode.Cause.PAGE_REACTION, false, T0);

        StressEpisodeRecord opened = await(episodes.open(episode, StressState.ELEVATED, "a reaction to the page"))
                .orElseThrow();
        assertThat(opened.key()).isEqualTo(episode.id());
        assertThat(opened.responder()).isEqualTo(alice);
        assertThat(opened.incidentId()).hasValue(incident);
        assertThat(opened.cause()).isEqualTo(StressEpisode.Cause.PAGE_REACTION);
        assertThat(opened.indeterminate()).isFalse();
        assertThat(opened.peakState()).isEqualTo(StressState.ELEVATED);
        assertThat(opened.reason()).isEqualTo("a reaction to the page");
        assertThat(opened.openedAt()).isEqualTo(T0);
        assertThat(opened.isOpen()).isTrue();
        assertThat(await(episodes.open(episode, StressState.ACUTE, "again"))).isEmpty();

        StressEpisodeRecord closed = await(episodes.close(episode.id(), T0.plusSeconds(90), "calm again"))
                .orElseThrow();
        assertThat(closed.closedAt()).contains(T0.plusSeconds(90));
        assertThat(closed.closeReason()).contains("calm again");
        assertThat(await(episodes.close(episode.id(), T0.plusSeconds(95), "twice"))).isEmpty();
        assertThat(await(episodes.close("nobody/1/2", T0, "unknown"))).isEmpty();

        assertThat(await(episodes.forIncident(incident))).containsExactly(closed);
        assertThat(await(episodes.forResponder(alice, T0, 10))).containsExactly(closed);
        assertThat(await(episodes.forResponder(alice, T0.plusSeconds(1), 10))).isEmpty();
    }

    @Test
    void aResponderHasAtMostOneOpenEpisode() {
        String bob = responder();
        long first = open();
        long second = open();
        StressEpisode leftOpen = episode(bob, first, StressEpisode.Cause.ACUTE_DURING_INCIDENT, false, T0);
        StressEpisode next = episode(bob, second, StressEpisode.Cause.PAGE_REACTION, true, T0.plusSeconds(600));
        await(episodes.open(leftOpen, StressState.ACUTE, "acute stress while holding the incident"));

        StressEpisodeRecord newer = await(episodes.open(next, StressState.ELEVATED, "indeterminate")).orElseThrow();

        assertThat(newer.indeterminate()).isTrue();
        List<StressEpisodeRecord> both = await(episodes.forResponder(bob, T0, 10));
        assertThat(both).extracting(StressEpisodeRecord::key).containsExactly(next.id(), leftOpen.id());
        assertThat(both.get(1).closedAt()).contains(T0.plusSeconds(600));
        assertThat(both.get(1).closeReason()).contains(StressEpisodeStore.SUPERSEDED);
        assertThat(await(episodes.forResponder(bob, T0, 1))).extracting(StressEpisodeRecord::key)
                .containsExactly(next.id());
    }

    @Test
    void thePeakOnlyRisesAndOnlyWhileOpen() {
        String carol = responder();
        StressEpisode episode = episode(carol, open(), StressEpisode.Cause.PAGE_REACTION, false, T0);
        await(episodes.open(episode, StressState.ELEVATED, "a reaction to the page"));

        assertThat(await(episodes.raisePeak(carol, StressState.CALM))).isFalse();
        assertThat(await(episodes.raisePeak(carol, StressState.ACUTE))).isTrue();
        assertThat(await(episodes.raisePeak(carol, StressState.ELEVATED))).isFalse();
        await(episodes.close(episode.id(), T0.plusSeconds(60), "calm again"));
        assertThat(await(episodes.raisePeak(carol, StressState.ACUTE))).isFalse();

        assertThat(await(episodes.forResponder(carol, T0, 1)).get(0).peakState()).isEqualTo(StressState.ACUTE);
    }

    @Test
    void closingEverythingLeftOpenAfterARestart() {
        String dave = responder();
        StressEpisode episode = episode(dave, open(), StressEpisode.Cause.ACUTE_DURING_INCIDENT, false, T0);
        await(episodes.open(episode, StressState.ACUTE, "acute stress while holding the incident"));

        assertThat(await(episodes.closeAllOpen(T0.plusSeconds(30), "the gateway restarted"))).isPositive();

        StressEpisodeRecord closed = await(episodes.forResponder(dave, T0, 1)).get(0);
        assertThat(closed.closeReason()).contains("the gateway restarted");
        assertThat(closed.closedAt()).contains(T0.plusSeconds(30));
    }

    @Test
    void anEpisodeOfSomethingElseThanAnIncidentNumberIsRefused() {
        StressEpisode episode = episode(responder(), 0, StressEpisode.Cause.PAGE_REACTION, false, T0);
        StressEpisode strange = new StressEpisode(episode.id(), episode.responder(), "INC-7", episode.cause(), false,
                T0, T0.plusSeconds(6));

        Throwable refused = catchThrowable(() -> await(episodes.open(strange, StressState.ACUTE, "x")));

        assertThat(refused).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'INC-7'");
    }

    @Test
    void theTableHasNoPlaceForHeartRate() throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection connection = TestPostgres.jdbc(TestPostgres.sharedDatabase());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT column_name FROM information_schema.columns"
                     + " WHERE table_name = 'stress_episodes' ORDER BY ordinal_position")) {
            while (rows.next()) {
                columns.add(rows.getString(1));
            }
        }

        assertThat(columns).containsExactlyInAnyOrder("id", "responder", "incident_id", "opened_at", "closed_at",
                "kind", "verdict", "peak_state", "episode_key", "reason", "close_reason");
    }

    private static StressEpisode episode(String responder, long incident, StressEpisode.Cause cause,
                                         boolean indeterminate, Instant at) {
        return new StressEpisode(responder + "/" + incident + "/" + at.toEpochMilli(), responder,
                String.valueOf(incident), cause, indeterminate, at, at.plusSeconds(6));
    }

    private static String responder() {
        return "r-" + UUID.randomUUID();
    }

    private static long open() {
        return await(intake.submit(List.of(trigger("am", UUID.randomUUID().toString(), "disk full", T0))))
                .get(0).incidentId();
    }
}
