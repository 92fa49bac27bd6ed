package dev.limbic.paging;

import dev.limbic.app.Gateway;
import dev.limbic.config.ConfigLoader;
import dev.limbic.config.LimbicConfig;
import dev.limbic.testing.Await;
import dev.limbic.testing.HttpProbe;
import dev.limbic.testing.MutableClock;
import dev.limbic.testing.QuietEventLoops;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.limbic.paging.PagingFixture.ALERTMANAGER_SECRET;
import static dev.limbic.paging.PagingFixture.ALEX_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/** The gateway deletes resolved incidents once their retention has passed on its clock, and keeps open ones. */
@Timeout(120)
class RetentionSweeperTest {
    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
    private Vertx client;
    private Gateway gateway;
    private QuietEventLoops.Watch watch;
    private HttpProbe http;

    @AfterEach
    void tearDown() throws Exception {
        if (gateway != null) {
            Await.result(gateway.close());
            watch.assertNoneBlocked();
        }
        if (client != null) {
            Await.result(client.close());
        }
    }

    @Test
    void resolvedIncidentsGoAfterTheConfiguredRetentionOpenOnesStay() throws Exception {
        client = QuietEventLoops.vertx();
        PageReceiver receiver = PageReceiver.start(client);
        String base = "http://127.0.0.1:" + receiver.port();
        String yaml = PagingFixture.config(dataDir, base + "/alex", base + "/sam", 0)
                + "database: {retention: 10d}\n";
        LimbicConfig config = ConfigLoader.parse("paging.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        gateway = Await.result(Gateway.start(config, clock, QuietEventLoops.options(), Duration.ofHours(1)), 60);
        watch = QuietEventLoops.watch(gateway.vertx());
        http = new HttpProbe(client, gateway.port());

        long resolved = fire("fp-retention-1");
        long open = fire("fp-retention-2");
        assertThat(alert("resolved", "fp-retention-1").status()).isEqualTo(200);
        Await.until(() -> assertThat(incident(resolved).getString("status")).isEqualTo("resolved"));

        clock.advance(Duration.ofDays(9));
        Thread.sleep(2 * RetentionSweeper.CHECK_MILLIS);
        assertThat(status(resolved)).as("within its retention").isEqualTo(200);

        clock.advance(Duration.ofDays(2));
        Await.until(() -> assertThat(status(resolved)).as("10 days after it was resolved").isEqualTo(404));
        assertThat(incident(open).getString("status")).as("open incidents stay").isNotEqualTo("resolved");
    }

    private long fire(String fingerprint) throws Exception {
        assertThat(alert("firing", fingerprint).status()).isEqualTo(200);
        Long[] id = new Long[1];
        Await.until(() -> {
            JsonObject list = new JsonObject(http.send(HttpMethod.GET, "/v1/incidents?status=triggered",
                    Map.of("Authorization", "Bearer " + ALEX_TOKEN), null).body());
            id[0] = list.getJsonArray("incidents").stream().map(JsonObject.class::cast)
                    .filter(i -> i.encode().contains(fingerprint)).map(i -> i.getLong("id")).findFirst().orElseThrow();
        });
        return id[0];
    }

    private HttpProbe.Response alert(String status, String fingerprint) throws Exception {
        return http.send(HttpMethod.POST, "/v1/intake/alertmanager/am", Map.of("Authorization",
                        "Bearer " + ALERTMANAGER_SECRET, "Content-Type", "application/json"),
                Buffer.buffer(PagingFixture.alertmanager(status, fingerprint, "Disk full on " + fingerprint).encode()));
    }

    private int status(long id) throws Exception {
        return http.send(HttpMethod.GET, "/v1/incidents/" + id, Map.of("Authorization", "Bearer " + ALEX_TOKEN),
                null).status();
    }

    private JsonObject incident(long id) throws Exception {
        HttpProbe.Response response = http.send(HttpMethod.GET, "/v1/incidents/" + id,
                Map.of("Authorization", "Bearer " + ALEX_TOKEN), null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body()).getJsonObject("incident");
    }
}
