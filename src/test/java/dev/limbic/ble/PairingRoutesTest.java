package dev.limbic.ble;

import dev.limbic.config.ConfigLoader;
import dev.limbic.config.LimbicConfig;
import dev.limbic.testing.Await;
import dev.limbic.testing.HttpProbe;
import dev.limbic.testing.QuietEventLoops;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Responders pair and unpair their own straps over HTTP, stored where {@code limbic pair} stores them. */
class PairingRoutesTest {
    private static final String ALEX = "alex-live-token-0123456789";
    private static final String SAM = "sam-live-token-0123456789";
    private static final String CARL = "carl-live-token-0123456789";
    private final Vertx vertx = QuietEventLoops.vertx();
    private HttpProbe http;
    private PairingStore store;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        LimbicConfig config = ConfigLoader.parse("test.yaml", """
                responders:
                  - {id: alex, timezone: UTC, heart_rate_monitoring: true, live_token: %s}
                  - {id: sam, timezone: UTC, live_token: %s}
                  - {id: carl, timezone: UTC, heart_rate_monitoring: true, live_token: %s}
                """.formatted(ALEX, SAM, CARL).getBytes(StandardCharsets.UTF_8));
        store = new PairingStore(dir);
        Router router = Router.router(vertx);
        new PairingRoutes(config, store, Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneOffset.UTC)).mount(router);
        HttpServer server = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        http = new HttpProbe(vertx, server.actualPort());
    }

    @AfterEach
    void stop() throws Exception {
        Await.result(vertx.close());
    }

    private HttpProbe.Response call(HttpMethod method, String path, String token) throws Exception {
        return http.send(method, path, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token), null);
    }

    @Test
    void aResponderPairsListsAndUnpairsTheirStrap() throws Exception {
        HttpProbe.Response paired = call(HttpMethod.PUT, "/v1/bluetooth/pairings/c0:ff:ee:00:00:01", ALEX);
        assertThat(paired.status()).isEqualTo(200);
        assertThat(new JsonObject(paired.body())).isEqualTo(new JsonObject().put("address", "C0:FF:EE:00:00:01")
                .put("responder", "alex").put("paired_at", "2026-12-01T09:00:00Z"));
        assertThat(store.all()).extracting(Pairing::address).containsExactly("C0:FF:EE:00:00:01");

        HttpProbe.Response listed = call(HttpMethod.GET, "/v1/bluetooth/pairings", ALEX);
        assertThat(new JsonArray(listed.body()).size()).isEqualTo(1);
        assertThat(new JsonArray(call(HttpMethod.GET, "/v1/bluetooth/pairings", SAM).body())).isEmpty();

        assertThat(call(HttpMethod.PUT, "/v1/bluetooth/pairings/C0:FF:EE:00:00:01", CARL).status())
                .as("alex's strap cannot be taken over").isEqualTo(409);
        assertThat(call(HttpMethod.DELETE, "/v1/bluetooth/pairings/C0:FF:EE:00:00:01", SAM).status())
                .as("not sam's strap").isEqualTo(404);
        assertThat(call(HttpMethod.DELETE, "/v1/bluetooth/pairings/C0:FF:EE:00:00:01", ALEX).status()).isEqualTo(204);
        assertThat(store.all()).isEmpty();
    }

    @Test
    void refusalsSayWhy() throws Exception {
        assertThat(call(HttpMethod.GET, "/v1/bluetooth/pairings", null).status()).isEqualTo(401);
        assertThat(call(HttpMethod.GET, "/v1/bluetooth/pairings", "nobody-0123456789").status()).isEqualTo(401);
        HttpProbe.Response bad = call(HttpMethod.PUT, "/v1/bluetooth/pairings/strap-1", ALEX);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(new JsonObject(bad.body()).getString("error"))
                .isEqualTo("address: 'strap-1' is not a Bluetooth address (expected AA:BB:CC:DD:EE:FF)");
        HttpProbe.Response notOptedIn = call(HttpMethod.PUT, "/v1/bluetooth/pairings/C0:FF:EE:00:00:02", SAM);
        assertThat(notOptedIn.status()).isEqualTo(403);
        assertThat(store.all()).isEmpty();
    }
}
