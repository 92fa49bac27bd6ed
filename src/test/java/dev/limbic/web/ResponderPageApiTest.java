package dev.limbic.web;

import dev.limbic.config.ConfigException;
import dev.limbic.config.ConfigLoader;
import dev.limbic.testing.Await;
import dev.limbic.testing.HttpProbe;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.limbic.web.ResponderPageWorld.ALICE_TOKEN;
import static dev.limbic.web.ResponderPageWorld.BOB_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The responder page's server side over real sockets: how its files are served (security headers, caching), page
 * sessions and signed links, that each responder sees only their own signal and stream, and timeline notes.
 */
@Timeout(120)
class ResponderPageApiTest {
    @TempDir
    static Path dataDir;
    private static ResponderPageWorld world;
    private static HttpClient raw;

    /** Status, headers and body of one answer. */
    private record Answer(int status, MultiMap headers, String body) {
    }

    @BeforeAll
    static void start() throws Exception {
        world = new ResponderPageWorld(dataDir);
        raw = world.client.createHttpClient();
    }

    @AfterAll
    static void stop() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    private static Answer fetch(String path, Map<String, String> headers) throws Exception {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
                .setPort(world.gateway.port()).setURI(path);
        headers.forEach(options::addHeader);
        // The body is asked for on the event loop, inside the request's callback (see HttpProbe.send for why).
        return Await.result(raw.request(options).compose(request -> request.send()
                .compose(response -> response.body().map(body -> new Answer(response.statusCode(),
                        response.headers(), body.toString())))));
    }

    private static String session(JsonObject credentials) throws Exception {
        HttpProbe.Response answer = world.http.send(HttpMethod.POST, "/v1/responder/session",
                Map.of("Content-Type", "application/json"), Buffer.buffer(credentials.encode()));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return new JsonObject(answer.body()).getString("session");
    }

    @Test
    void thePageIsServedWithAStrictPolicyNoInlineCodeAndCacheableVersionedAssets() throws Exception {
        Answer page = fetch("/responder/", Map.of());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().get("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.headers().get("Content-Security-Policy"))
                .contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.headers().get("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.headers().get("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.headers().get("Cache-Control")).isEqualTo("no-cache");
        assertThat(page.body()).doesNotContain("style=\"", "onclick", "<style").doesNotContainPattern("<script>")
                .doesNotContain("http://", "https://");

        Matcher script = Pattern.compile("src=\"(app\\.js\\?v=([0-9a-f]{16}))\"").matcher(page.body());
        assertThat(script.find()).as("app.js is referenced with its hash").isTrue();
        Answer versioned = fetch("/responder/" + script.group(1), Map.of());
        assertThat(versioned.status()).isEqualTo(200);
        assertThat(versioned.headers().get("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(versioned.headers().get("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(versioned.headers().get("ETag")).isEqualTo("\"" + script.group(2) + "\"");

        Answer unversioned = fetch("/responder/app.js", Map.of());
        assertThat(unversioned.headers().get("Cache-Control")).isEqualTo("no-cache");
        assertThat(fetch("/responder/app.js", Map.of("If-None-Match", unversioned.headers().get("ETag"))).status())
                .isEqualTo(304);
        assertThat(fetch("/responder/page.css", Map.of()).headers().get("Content-Type")).isEqualTo("text/css; charset=utf-8");

        assertThat(fetch("/responder/missing.js", Map.of()).status()).isEqualTo(404);
        assertThat(fetch("/responder/..%2F..%2Fpom.xml", Map.of()).status()).isEqualTo(404);
        assertThat(fetch("/responder/logback.xml", Map.of()).status()).isEqualTo(404);
        Answer bare = fetch("/responder", Map.of());
        assertThat(bare.status()).isEqualTo(302);
        assertThat(bare.headers().get("Location")).isEqualTo("/responder/");
    }

    @Test
    void aTokenOrAValidLinkBecomesASessionAndNothingElseDoes() throws Exception {
        String fromToken = session(new JsonObject().put("token", ALICE_TOKEN));
        HttpProbe.Response me = world.get("/v1/responder/me", fromToken);
        assertThat(new JsonObject(me.body()).getMap()).containsEntry("id", "alice").containsEntry("name", "Alice")
                .containsEntry("partner", "bob");

        String link = world.paging().signer().link("alice", Optional.of("42"));
        HttpProbe.Response exchanged = world.http.send(HttpMethod.POST, "/v1/responder/session",
                Map.of("Content-Type", "application/json"), Buffer.buffer(new JsonObject().put("link", link).encode()));
        assertThat(new JsonObject(exchanged.body()).getString("incident_id")).isEqualTo("42");
        assertThat(new JsonObject(exchanged.body()).getString("responder")).isEqualTo("alice");

        for (JsonObject refused : new JsonObject[]{new JsonObject().put("token", "not-a-token"),
                new JsonObject().put("link", link.replace("l1.alice.", "l1.bob.")),
                new JsonObject().put("link", fromToken), new JsonObject().put("token", fromToken)}) {
            HttpProbe.Response answer = world.http.send(HttpMethod.POST, "/v1/responder/session",
                    Map.of("Content-Type", "application/json"), Buffer.buffer(refused.encode()));
            assertThat(answer.status()).as(refused.encode()).isIn(400, 401);
        }
        HttpProbe.Response empty = world.http.send(HttpMethod.POST, "/v1/responder/session",
                Map.of("Content-Type", "application/json"), Buffer.buffer("{}"));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("'token'", "'link'");

        assertThat(world.get("/v1/responder/me", link).status()).as("a link is no session").isEqualTo(401);
        assertThat(world.get("/v1/incidents", fromToken).status()).as("sessions open the incidents API").isEqualTo(200);
        assertThat(world.get("/v1/responder/me", fromToken.substring(0, fromToken.length() - 2) + "xx").status())
                .isEqualTo(401);
    }

    @Test
    void aResponderSeesOnlyTheirOwnSignalAndStream() throws Exception {
        world.streamHeartRate(20, 72);
        String alice = session(new JsonObject().put("token", ALICE_TOKEN));
        String bob = session(new JsonObject().put("token", BOB_TOKEN));

        // The strap's frames are written, not yet necessarily applied: the gateway takes them in on its own loop.
        Await.until(() -> {
            Answer own = fetch("/v1/responder/signal", Map.of("Authorization", "Bearer " + alice));
            assertThat(own.headers().get("Cache-Control")).isEqualTo("no-store");
            JsonObject signal = new JsonObject(own.body());
            assertThat(signal.getString("responder")).isEqualTo("alice");
            assertThat(signal.getBoolean("monitoring")).isTrue();
            assertThat(signal.getInteger("heart_rate_bpm")).isBetween(70, 74);
            assertThat(signal.getString("state")).isNotBlank();
            assertThat(signal.getJsonObject("sensor").getBoolean("connected")).isTrue();
        });

        JsonObject bobs = new JsonObject(world.get("/v1/responder/signal", bob).body());
        assertThat(bobs.getString("responder")).isEqualTo("bob");
        assertThat(bobs.getBoolean("monitoring")).isFalse();
        assertThat(bobs.containsKey("heart_rate_bpm")).isFalse();
        assertThat(world.get("/v1/responder/signal?responder=alice", bob).body()).doesNotContain("heart_rate_bpm");

        assertThat(world.get("/v1/responders/bob/live", alice).status()).as("Alice's session on Bob's stream").isEqualTo(401);
        assertThat(world.get("/v1/responders/alice/live", alice).status()).as("not an upgrade, but authenticated")
                .isEqualTo(400);
        assertThat(world.http.get("/metrics").body()).doesNotContain("heart_rate_bpm");
    }

    @Test
    void aNoteGoesOnTheTimelineAsItsAuthorAndBadNotesAreRefusedWithTheField() throws Exception {
        long id = world.fire("Cache hit ratio collapsed");
        String alice = session(new JsonObject().put("token", ALICE_TOKEN));
        HttpProbe.Response added = world.post("/v1/incidents/" + id + "/note", alice,
                new JsonObject().put("text", "  Eviction storm after the deploy.  "));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        JsonObject note = world.incident(id).getJsonArray("timeline").stream().map(JsonObject.class::cast)
                .filter(e -> e.getString("kind").equals("note")).findFirst().orElseThrow();
        assertThat(note.getString("actor")).isEqualTo("alice");
        assertThat(note.getString("text")).isEqualTo("Eviction storm after the deploy.");

        assertThat(world.post("/v1/incidents/" + id + "/note", alice, new JsonObject()).body()).contains("text:");
        assertThat(world.post("/v1/incidents/" + id + "/note", alice, new JsonObject().put("text", "x".repeat(2001)))
                .status()).isEqualTo(400);
        assertThat(world.post("/v1/incidents/999999/note", alice, new JsonObject().put("text", "hello")).status())
                .isEqualTo(404);
        assertThat(world.post("/v1/incidents/" + id + "/note", "wrong", new JsonObject().put("text", "hello")).status())
                .isEqualTo(401);
    }

    @Test
    void theLinkKeyIsGeneratedIntoTheDataDirectoryForItsOwnerOnly() throws Exception {
        Path key = dataDir.resolve(LinkSecret.FILE);
        assertThat(key).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(LinkSecret.load(Optional.empty(), dataDir)).hasSize(32).isEqualTo(LinkSecret.load(Optional.empty(), dataDir));
    }

    @Test
    void aBadPublicUrlOrAShortLinkSecretIsAConfigProblemNamingTheKey() {
        String config = """
                server: {public_url: "limbic.example.org/x?y", link_secret: short}
                """;
        assertThatThrownBy(() -> ConfigLoader.parse("bad.yaml", config.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.public_url").hasMessageContaining("server.link_secret");
    }
}
