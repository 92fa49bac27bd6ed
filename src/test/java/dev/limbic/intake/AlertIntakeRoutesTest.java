package dev.limbic.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.limbic.alert.AlertAction;
import dev.limbic.alert.AlertEvent;
import dev.limbic.alert.Severity;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The intake endpoints over real sockets, with a fake sink standing in for the durable store. */
@ExtendWith(VertxExtension.class)
class AlertIntakeRoutesTest {
    static final String SECRET = "am-secret";
    static final String ROUTING_KEY = "e93facc04764012d7bfb002500d5d1a6";
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    /** Small limits; bodies over 1 KiB (the larger fixtures) are parsed on a worker thread. */
    static final IntakeOptions SMALL_LIMITS = new IntakeOptions(8 * 1024, 4 * 1024, 1024);

    final FakeSink sink = new FakeSink();
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    HttpServer server;
    String base;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        Integrations integrations = Integrations.of(List.of(
                Integration.withSecret("prod", IntakeFormat.ALERTMANAGER, SECRET, DedupMode.ALERT, Severity.ERROR),
                Integration.withSecret("prod-groups", IntakeFormat.ALERTMANAGER, SECRET, DedupMode.GROUP,
                        Severity.ERROR),
                Integration.withSecret("grafana", IntakeFormat.GRAFANA, "grafana-secret", DedupMode.ALERT,
                        Severity.WARNING),
                Integration.withSecret("cron", IntakeFormat.GENERIC, "generic-secret", DedupMode.ALERT,
                        Severity.WARNING),
                Integration.withSecret("pd", IntakeFormat.PAGERDUTY, ROUTING_KEY, DedupMode.ALERT, Severity.ERROR)));
        AlertIntakeRoutes routes = new AlertIntakeRoutes(integrations, sink, registry,
                Clock.fixed(NOW, ZoneOffset.UTC), SMALL_LIMITS);
        server = vertx.createHttpServer().requestHandler(routes.router(vertx)).listen(0)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + server.actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void alertmanagerWebhookIsAnswered200AfterCommit() throws Exception {
        HttpResponse<String> response = post("/v1/intake/alertmanager/prod", "Bearer " + SECRET,
                "application/json", Fixtures.text("alertmanager-0.25-firing.json"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(Fixtures.parse(
                "{\"status\":\"success\",\"message\":\"Events processed\",\"events\":2}"));
        assertThat(sink.batches).singleElement().satisfies(batch -> {
            assertThat(batch).extracting(AlertEvent::dedupKey).containsExactly("bd70a65464fae094", "234fbaf636248404");
            assertThat(batch).allSatisfy(event -> {
                assertThat(event.integration()).isEqualTo("prod");
                assertThat(event.receivedAt()).isEqualTo(NOW);
            });
        });
        assertThat(registry.get("limbic.alerts.received").tag("integration", "prod").tag("format", "alertmanager")
                .counter().count()).isEqualTo(2.0);
        assertThat(registry.get("limbic.alert.intake").tag("format", "alertmanager").timer().count()).isEqualTo(1);
    }

    @Test
    void metricsAreExposedUnderTheirPrometheusNames() throws Exception {
        post("/v1/intake/alertmanager/prod", "Bearer " + SECRET, "application/json",
                Fixtures.text("alertmanager-0.25-firing.json"));
        post("/v1/intake/alertmanager/prod", "Bearer wrong", "application/json",
                Fixtures.text("alertmanager-0.25-firing.json"));

        assertThat(registry.scrape())
                .contains("limbic_alerts_received_total{format=\"alertmanager\",integration=\"prod\"} 2.0")
                .contains("limbic_alert_requests_rejected_total{integration=\"prod\",reason=\"unauthorized\"} 1.0")
                .contains("limbic_alert_intake_seconds_bucket{format=\"alertmanager\",le=")
                .contains("limbic_alert_intake_seconds_count{format=\"alertmanager\"} 1");
    }

    @Test
    void groupDedupIntegrationCommitsOneEventPerWebhook() throws Exception {
        HttpResponse<String> response = post("/v1/intake/alertmanager/prod-groups", "Bearer " + SECRET,
                "application/json", Fixtures.text("alertmanager-0.25-resolved.json"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sink.batches).singleElement().satisfies(batch -> assertThat(batch).singleElement()
                .extracting(AlertEvent::action).isEqualTo(AlertAction.RESOLVE));
    }

    @Test
    void alertmanagerWithoutContentTypeIsAccepted() throws Exception {
        HttpResponse<String> response = post("/v1/intake/alertmanager/prod", "Bearer " + SECRET, null,
                Fixtures.text("alertmanager-0.25-firing.json"));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void grafanaWebhookWithBearerOrBasicAuthentication() throws Exception {
        String body = Fixtures.text("grafana-docs-webhook.json");
        String basic = "Basic " + Base64.getEncoder().encodeToString("grafana:grafana-secret"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(post("/v1/intake/grafana/grafana", "Bearer grafana-secret", "application/json", body)
                .statusCode()).isEqualTo(200);
        assertThat(post("/v1/intake/grafana/grafana", basic, "application/json; charset=utf-8", body)
                .statusCode()).isEqualTo(200);
        assertThat(sink.batches).hasSize(2).allSatisfy(batch -> assertThat(batch).hasSize(2));
    }

    @Test
    void genericWebhookAnswers202WithTheDedupKeys() throws Exception {
        HttpResponse<String> response = post("/v1/intake/generic/cron", "Bearer generic-secret", "application/json",
                "{\"summary\":\"backup failed\",\"dedup_key\":\"backup/nightly\",\"severity\":\"error\"}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response)).isEqualTo(Fixtures.parse(
                "{\"status\":\"success\",\"message\":\"Events processed\",\"dedup_keys\":[\"backup/nightly\"]}"));
        assertThat(sink.batches).singleElement().satisfies(batch -> assertThat(batch).singleElement()
                .extracting(AlertEvent::severity).isEqualTo(Severity.ERROR));
    }

    @Test
    void pagerDutyEventIsAnswered202ExactlyLikePagerDuty() throws Exception {
        HttpResponse<String> response = post("/v2/enqueue", null, "application/json",
                Fixtures.text("pagerduty-events-v2-trigger.json"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo(
                "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"srv01/mysql\"}");
        assertThat(sink.batches).singleElement().satisfies(batch -> assertThat(batch).singleElement()
                .satisfies(event -> {
                    assertThat(event.integration()).isEqualTo("pd");
                    assertThat(event.action()).isEqualTo(AlertAction.TRIGGER);
                }));
        assertThat(registry.get("limbic.alerts.received").tag("integration", "pd").tag("format", "pagerduty")
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void pagerDutyTriggerWithoutKeyIsAnsweredTheGeneratedKey() throws Exception {
        HttpResponse<String> response = post("/v2/enqueue", null, "application/json",
                Fixtures.text("pagerduty-events-v2-trigger-minimal.json"));

        assertThat(response.statusCode()).isEqualTo(202);
        String key = json(response).path("dedup_key").asText();
        assertThat(key).matches("[0-9a-f]{32}");
        assertThat(sink.batches.get(0).get(0).dedupKey()).isEqualTo(key);
    }

    @Test
    void pagerDutyAcknowledgeAndResolve() throws Exception {
        assertThat(post("/v2/enqueue", null, "application/json",
                Fixtures.text("pagerduty-events-v2-acknowledge.json")).statusCode()).isEqualTo(202);
        assertThat(post("/v2/enqueue", null, "application/json",
                Fixtures.text("pagerduty-events-v2-resolve.json")).statusCode()).isEqualTo(202);
        assertThat(sink.batches).extracting(batch -> batch.get(0).action())
                .containsExactly(AlertAction.ACKNOWLEDGE, AlertAction.RESOLVE);
    }

    @Test
    void wrongOrMissingSecretIs401AndStoresNothing() throws Exception {
        String body = Fixtures.text("alertmanager-0.25-firing.json");

        HttpResponse<String> wrong = post("/v1/intake/alertmanager/prod", "Bearer nope", "application/json", body);
        HttpResponse<String> missing = post("/v1/intake/alertmanager/prod", null, "application/json", body);
        HttpResponse<String> otherIntegrationsSecret = post("/v1/intake/grafana/grafana", "Bearer " + SECRET,
                "application/json", Fixtures.text("grafana-docs-webhook.json"));

        assertThat(List.of(wrong, missing, otherIntegrationsSecret)).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"limbic\"");
        });
        assertThat(sink.batches).isEmpty();
        assertThat(registry.get("limbic.alert.requests.rejected").tag("integration", "prod")
                .tag("reason", "unauthorized").counter().count()).isEqualTo(2.0);
    }

    @Test
    void unknownRoutingKeyIs401WithPagerDutyStyleBody() throws Exception {
        String body = Fixtures.text("pagerduty-events-v2-trigger.json").replace(ROUTING_KEY, "0".repeat(32));

        HttpResponse<String> response = post("/v2/enqueue", null, "application/json", body);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response)).isEqualTo(Fixtures.parse("{\"status\":\"unauthorized\","
                + "\"message\":\"Routing key is not recognised\","
                + "\"errors\":[\"routing_key: no integration has this routing key\"]}"));
        assertThat(sink.batches).isEmpty();
    }

    @Test
    void integrationOfAnotherFormatOrUnknownNameIs404() throws Exception {
        String body = Fixtures.text("alertmanager-0.25-firing.json");

        HttpResponse<String> wrongFormat = post("/v1/intake/alertmanager/grafana", "Bearer grafana-secret",
                "application/json", body);
        HttpResponse<String> unknown = post("/v1/intake/alertmanager/nobody", "Bearer " + SECRET,
                "application/json", body);
        HttpResponse<String> pagerDutyKeyAsWebhook = post("/v1/intake/generic/pd", "Bearer " + ROUTING_KEY,
                "application/json", "{\"summary\":\"x\"}");

        assertThat(List.of(wrongFormat, unknown, pagerDutyKeyAsWebhook))
                .allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(404));
        assertThat(json(unknown).path("message").asText()).isEqualTo("No alertmanager integration is named nobody");
        assertThat(sink.batches).isEmpty();
        assertThat(registry.get("limbic.alert.requests.rejected").tag("integration", "unknown")
                .tag("reason", "not_found").counter().count()).isEqualTo(3.0);
    }

    @Test
    void bodiesOverTheLimitAre413() throws Exception {
        String padding = "x".repeat(9 * 1024);
        HttpResponse<String> webhook = post("/v1/intake/generic/cron", "Bearer generic-secret", "application/json",
                "{\"summary\":\"big\",\"details\":{\"pad\":\"" + padding + "\"}}");
        HttpResponse<String> pagerDuty = post("/v2/enqueue", null, "application/json",
                Fixtures.text("pagerduty-events-v2-trigger.json").replace("\"component\"",
                        "\"pad\":\"" + "x".repeat(5 * 1024) + "\",\"component\""));

        assertThat(webhook.statusCode()).isEqualTo(413);
        assertThat(json(webhook).path("errors").get(0).asText()).isEqualTo("body: larger than 8192 bytes");
        assertThat(pagerDuty.statusCode()).isEqualTo(413);
        assertThat(json(pagerDuty).path("status").asText()).isEqualTo("too large");
        assertThat(sink.batches).isEmpty();
        assertThat(registry.get("limbic.alert.requests.rejected").tag("integration", "cron")
                .tag("reason", "too_large").counter().count()).isEqualTo(1.0);
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws Exception {
        byte[] big = ("{\"summary\":\"big\",\"details\":{\"pad\":\"" + "x".repeat(20 * 1024) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(base + "/v1/intake/generic/cron"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer generic-secret")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
                .build();

        HttpResponse<String> response = client.send(chunked, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(sink.batches).isEmpty();
        assertThat(registry.get("limbic.alert.requests.rejected").tag("integration", "cron")
                .tag("reason", "too_large").counter().count()).isEqualTo(1.0);
    }

    @Test
    void earlyRejectionsLeaveTheServerServing() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(post("/v1/intake/generic/cron", "Bearer generic-secret", "application/json",
                    "{\"summary\":\"" + "x".repeat(9 * 1024) + "\"}").statusCode()).isEqualTo(413);
            assertThat(post("/v1/intake/generic/cron", "Bearer generic-secret", "text/plain", "{}").statusCode())
                    .isEqualTo(415);
            assertThat(post("/v1/intake/generic/cron", "Bearer generic-secret", "application/json",
                    "{\"summary\":\"ok\"}").statusCode()).isEqualTo(202);
        }
        assertThat(sink.batches).hasSize(3);
    }

    @Test
    void malformedBodiesAre400WithTheFieldNamed() throws Exception {
        HttpResponse<String> notJson = post("/v1/intake/alertmanager/prod", "Bearer " + SECRET, "application/json",
                "{\"alerts\": [");
        HttpResponse<String> badField = post("/v1/intake/alertmanager/prod", "Bearer " + SECRET, "application/json",
                "{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"a\":\"b\"}},"
                        + "{\"status\":\"firing\",\"labels\":\"severity=critical\"}]}");
        HttpResponse<String> empty = post("/v1/intake/alertmanager/prod", "Bearer " + SECRET, "application/json", "");

        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).path("errors").get(0).asText()).startsWith("body: is not valid JSON at line 1");
        assertThat(badField.statusCode()).isEqualTo(400);
        assertThat(json(badField)).isEqualTo(Fixtures.parse("{\"status\":\"invalid\","
                + "\"message\":\"The alertmanager payload is invalid\","
                + "\"errors\":[\"alerts[1].labels: must be an object\"]}"));
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(json(empty).path("errors").get(0).asText()).isEqualTo("body: is empty");
        assertThat(sink.batches).as("nothing of a rejected webhook is stored, not even its valid alerts").isEmpty();
    }

    @Test
    void largeBodiesParsedOffTheEventLoopAreJudgedTheSame() throws Exception {
        String firing = Fixtures.text("alertmanager-0.25-firing.json");
        String badLabel = firing.replace("\"instance\":\"api-2:8080\"", "\"instance\":{\"host\":\"api-2\"}");
        String padded = Fixtures.text("pagerduty-events-v2-trigger.json").replace("\"component\"",
                "\"pad\":\"" + "x".repeat(1500) + "\",\"component\"");

        HttpResponse<String> invalid = post("/v1/intake/alertmanager/prod", "Bearer " + SECRET, "application/json",
                badLabel);
        HttpResponse<String> notJson = post("/v1/intake/alertmanager/prod", "Bearer " + SECRET, "application/json",
                firing + "}");
        HttpResponse<String> pagerDuty = post("/v2/enqueue", null, "application/json", padded);

        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json(invalid).path("errors").get(0).asText()).isEqualTo("alerts[1].labels.instance: must be a string");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).path("errors").get(0).asText()).startsWith("body: is not valid JSON");
        assertThat(pagerDuty.statusCode()).isEqualTo(202);
        assertThat(sink.batches).hasSize(1);
    }

    @Test
    void invalidPagerDutyEventIs400LikePagerDuty() throws Exception {
        HttpResponse<String> response = post("/v2/enqueue", null, "application/json",
                "{\"routing_key\":\"" + ROUTING_KEY + "\",\"event_action\":\"trigger\",\"payload\":{\"summary\":\"s\"}}");
        HttpResponse<String> noKey = post("/v2/enqueue", null, "application/json",
                "{\"event_action\":\"resolve\",\"dedup_key\":\"x\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response)).isEqualTo(Fixtures.parse("{\"status\":\"invalid event\","
                + "\"message\":\"Event object is invalid\","
                + "\"errors\":[\"payload.source: is missing or blank\",\"payload.severity: is missing or blank\"]}"));
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(json(noKey).path("errors").get(0).asText()).isEqualTo("routing_key: is missing or blank");
        assertThat(sink.batches).isEmpty();
    }

    @Test
    void nonJsonContentTypeIs415() throws Exception {
        HttpResponse<String> webhook = post("/v1/intake/alertmanager/prod", "Bearer " + SECRET, "text/plain",
                Fixtures.text("alertmanager-0.25-firing.json"));
        HttpResponse<String> pagerDuty = post("/v2/enqueue", null, "application/x-www-form-urlencoded",
                Fixtures.text("pagerduty-events-v2-trigger.json"));

        assertThat(webhook.statusCode()).isEqualTo(415);
        assertThat(pagerDuty.statusCode()).isEqualTo(415);
        assertThat(sink.batches).isEmpty();
    }

    @Test
    void overloadedSinkIs503WithRetryAfter() throws Exception {
        sink.answer = events -> Future.failedFuture(new IntakeOverloadedException("queue full",
                Duration.ofMillis(1500)));

        HttpResponse<String> response = post("/v1/intake/alertmanager/prod", "Bearer " + SECRET, "application/json",
                Fixtures.text("alertmanager-0.25-firing.json"));
        HttpResponse<String> pagerDuty = post("/v2/enqueue", null, "application/json",
                Fixtures.text("pagerduty-events-v2-trigger.json"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("2");
        assertThat(pagerDuty.statusCode()).isEqualTo(503);
        assertThat(registry.get("limbic.alert.requests.rejected").tag("integration", "prod")
                .tag("reason", "overloaded").counter().count()).isEqualTo(1.0);
        assertThat(registry.find("limbic.alerts.received").counters()).isEmpty();
    }

    @Test
    void failedCommitIs500SoTheSenderRetries() throws Exception {
        sink.answer = events -> Future.failedFuture(new IllegalStateException("database down"));

        HttpResponse<String> response = post("/v1/intake/alertmanager/prod", "Bearer " + SECRET, "application/json",
                Fixtures.text("alertmanager-0.25-firing.json"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(json(response).path("message").asText()).isEqualTo("The events could not be stored, retry");
    }

    @Test
    void sinkThatThrowsIs500() throws Exception {
        sink.answer = events -> {
            throw new IllegalStateException("bug");
        };

        assertThat(post("/v2/enqueue", null, "application/json", Fixtures.text("pagerduty-events-v2-trigger.json"))
                .statusCode()).isEqualTo(500);
    }

    @Test
    void refusedEventsAre409() throws Exception {
        sink.answer = events -> Future.failedFuture(new IntakeRefusedException(
                "dedup_key srv01/mysql belongs to another routing key"));

        HttpResponse<String> response = post("/v2/enqueue", null, "application/json",
                Fixtures.text("pagerduty-events-v2-trigger.json"));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json(response).path("message").asText())
                .isEqualTo("dedup_key srv01/mysql belongs to another routing key");
    }

    @Test
    void answerWaitsForTheCommitEvenWhenItCompletesOnAnotherThread() throws Exception {
        LinkedBlockingQueue<Promise<IntakeReceipt>> pending = new LinkedBlockingQueue<>();
        sink.answer = events -> {
            Promise<IntakeReceipt> promise = Promise.promise();
            pending.add(promise);
            return promise.future();
        };

        CompletableFuture<HttpResponse<String>> response = client.sendAsync(request("/v1/intake/alertmanager/prod",
                "Bearer " + SECRET, "application/json", Fixtures.text("alertmanager-0.25-firing.json")),
                HttpResponse.BodyHandlers.ofString());
        Promise<IntakeReceipt> commit = pending.poll(10, TimeUnit.SECONDS);

        assertThat(commit).as("the sink was called").isNotNull();
        assertThat(response).as("no answer before the commit").isNotDone();
        commit.complete(new IntakeReceipt(2));
        assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void webhookWithNoAlertsIsAnsweredWithoutTheSink() throws Exception {
        HttpResponse<String> response = post("/v1/intake/alertmanager/prod", "Bearer " + SECRET, "application/json",
                "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sink.batches).isEmpty();
    }

    private HttpResponse<String> post(String path, String authorization, String contentType, String body)
            throws Exception {
        return client.send(request(path, authorization, contentType, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String path, String authorization, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return request.build();
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        return Fixtures.parse(response.body());
    }

    /** Records every batch; answers as {@link #answer} says (committed, by default). */
    static final class FakeSink implements AlertSink {
        final List<List<AlertEvent>> batches = new CopyOnWriteArrayList<>();
        volatile Function<List<AlertEvent>, Future<IntakeReceipt>> answer =
                events -> Future.succeededFuture(new IntakeReceipt(events.size()));

        @Override
        public Future<IntakeReceipt> accept(List<AlertEvent> events) {
            batches.add(List.copyOf(events));
            return answer.apply(events);
        }
    }
}
