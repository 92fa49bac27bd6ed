package dev.limbic.paging;

import dev.limbic.app.Gateway;
import dev.limbic.config.ConfigLoader;
import dev.limbic.config.LimbicConfig;
import dev.limbic.store.EmbeddedPostgresServer;
import dev.limbic.store.PostgresTarget;
import dev.limbic.testing.Await;
import dev.limbic.testing.HttpProbe;
import dev.limbic.testing.MutableClock;
import dev.limbic.testing.PostgresRelay;
import dev.limbic.testing.QuietEventLoops;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.limbic.paging.PagingFixture.ALERTMANAGER_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page is never dropped when the database's answer to an escalation decision is lost: the gateway reaches an
 * external PostgreSQL through a relay that lets the decision's save be committed and then drops the connection, or
 * never answers on it again. The page must still reach its responder, once.
 */
@Timeout(120)
class LostDatabaseAnswerTest {
    /** Only the escalation ledger's save writes the engine state. */
    private static final String DECISION_SAVE = "engine_state = u.engine_state::jsonb";

    @TempDir
    Path dataDir;
    @TempDir
    Path databaseDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
    private EmbeddedPostgresServer postgres;
    private Vertx client;
    private PostgresRelay relay;
    private PageReceiver receiver;
    private Gateway gateway;
    private QuietEventLoops.Watch watch;

    @BeforeEach
    void setUp() throws Exception {
        postgres = EmbeddedPostgresServer.start(databaseDir, 0);
        PostgresTarget target = postgres.database("limbic_relayed");
        client = QuietEventLoops.vertx();
        relay = PostgresRelay.start(client, target.host(), target.port());
        receiver = PageReceiver.start(client);
        String base = "http://127.0.0.1:" + receiver.port();
        String yaml = PagingFixture.config(dataDir, base + "/alex", base + "/sam", 0)
                + "database: {url: 'postgresql://%s:postgres@127.0.0.1:%d/%s', answer_timeout: 2s}\n"
                .formatted(target.user(), relay.port(), target.database());
        LimbicConfig config = ConfigLoader.parse("relayed.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        gateway = Await.result(Gateway.start(config, clock, QuietEventLoops.options(), Duration.ofHours(1)), 60);
        watch = QuietEventLoops.watch(gateway.vertx());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (gateway != null) {
            Await.result(gateway.close(), 30);
            watch.assertNoneBlocked();
        }
        relay.close();
        Await.result(client.close());
        postgres.close();
    }

    @Test
    void aDecisionCommittedWhoseConnectionDroppedBeforeTheAnswerStillPagesOnce() throws Exception {
        fireLosingTheFirstDecisionsAnswer("fp-cut", PostgresRelay.Loss.CUT);
        assertThat(receiver.poll(1_000)).as("no page before the decision is tried again").isNull();

        clock.advance(Duration.ofSeconds(5));
        assertAlexPagedFor("fp-cut");
        assertThat(receiver.poll(7_000)).as("paged once").isNull();
    }

    @Test
    void aConnectionThatNeverAnswersDelaysThePageByTheAnswerTimeoutOnly() throws Exception {
        long start = System.nanoTime();
        fireLosingTheFirstDecisionsAnswer("fp-silence", PostgresRelay.Loss.SILENCE);
        assertThat(receiver.poll(3_000)).as("no page while the decision waits for its answer").isNull();

        // The answer timeout (2 s, real time) has passed: the decision is tried again 5 s later (the gateway's clock).
        clock.advance(Duration.ofSeconds(5));
        assertAlexPagedFor("fp-silence");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("delayed by the answer timeout, not held")
                .isLessThan(Duration.ofSeconds(10));
        assertThat(receiver.poll(7_000)).as("paged once").isNull();

        // The incident's escalation goes on: five minutes later its next step pages sam.
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(receiver.next().path()).isEqualTo("/sam");
    }

    @Test
    void aPersonsCommandWhoseAnswerWasLostStillPagesWhomItShould() throws Exception {
        fire("fp-command");
        assertThat(receiver.next().path()).isEqualTo("/alex");
        HttpProbe http = new HttpProbe(client, gateway.port());
        long id = new JsonObject(http.send(HttpMethod.GET, "/v1/incidents?status=triggered",
                Map.of("Authorization", "Bearer " + PagingFixture.ALEX_TOKEN), null).body())
                .getJsonArray("incidents").getJsonObject(0).getLong("id");

        CountDownLatch lost = relay.loseAnswerTo(DECISION_SAVE, PostgresRelay.Loss.CUT);
        HttpProbe.Response escalate = http.send(HttpMethod.POST, "/v1/incidents/" + id + "/escalate",
                Map.of("Authorization", "Bearer " + PagingFixture.ALEX_TOKEN, "Content-Type", "application/json"),
                Buffer.buffer("{}"));
        assertThat(lost.await(15, TimeUnit.SECONDS)).isTrue();
        assertThat(escalate.status()).as("the gateway cannot tell whether it was applied").isEqualTo(503);
        assertThat(escalate.body()).contains("may have been applied");
        assertThat(receiver.poll(1_000)).isNull();

        // Step 2 is due in five minutes, but the decision in doubt is looked at again within 5 s.
        clock.advance(Duration.ofSeconds(5));
        assertThat(receiver.next().path()).as("escalated: sam is paged").isEqualTo("/sam");
        assertThat(receiver.poll(3_000)).as("paged once").isNull();
    }

    /** Fires an alert whose first escalation decision is committed and its answer then lost in the {@code loss} way. */
    private void fireLosingTheFirstDecisionsAnswer(String fingerprint, PostgresRelay.Loss loss) throws Exception {
        CountDownLatch lost = relay.loseAnswerTo(DECISION_SAVE, loss);
        fire(fingerprint);
        assertThat(lost.await(15, TimeUnit.SECONDS)).as("the first decision's answer was lost").isTrue();
    }

    /** The next page is alex's, for the alert {@code fingerprint}. */
    private void assertAlexPagedFor(String fingerprint) throws Exception {
        PageReceiver.Received page = receiver.next();
        assertThat(page.path()).isEqualTo("/alex");
        assertThat(page.body().encode()).contains("Replica lag on " + fingerprint);
    }

    private void fire(String fingerprint) throws Exception {
        HttpProbe http = new HttpProbe(client, gateway.port());
        HttpProbe.Response response = http.send(HttpMethod.POST, "/v1/intake/alertmanager/am",
                Map.of("Authorization", "Bearer " + ALERTMANAGER_SECRET, "Content-Type", "application/json"),
                Buffer.buffer(PagingFixture.alertmanager("firing", fingerprint, "Replica lag on " + fingerprint)
                        .encode()));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }
}
