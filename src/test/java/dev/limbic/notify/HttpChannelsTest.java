package dev.limbic.notify;

import dev.limbic.alert.Severity;
import dev.limbic.delivery.BreathingPattern;
import dev.limbic.delivery.DeliveryResult;
import dev.limbic.delivery.Notification;
import dev.limbic.delivery.NotificationKind;
import dev.limbic.delivery.NotificationLink;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.limbic.notify.Receiver.Reply;
import static dev.limbic.notify.Receiver.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Each HTTP channel against a local receiver on a real socket: request format and status mapping. */
@ExtendWith(VertxExtension.class)
class HttpChannelsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private Vertx vertx;
    private WebClient client;
    private Receiver receiver;

    @BeforeEach
    void setUp(Vertx vertx) {
        this.vertx = vertx;
        this.client = WebClient.create(vertx);
    }

    @AfterEach
    void tearDown() throws Exception {
        client.close();
        if (receiver != null) {
            receiver.close();
        }
    }

    static Notification diskPage(Severity severity) {
        return Notification.page("n-1", "alice", "inc-7", severity, "Disk full on db-1",
                        "/var is 98% full", NOW)
                .withTags(List.of("db", "storage"))
                .withLinks(List.of(new NotificationLink("Incident", "https://limbic.example/incidents/inc-7")));
    }

    private NtfyChannel ntfy(Optional<String> token) {
        return new NtfyChannel(vertx, client, CLOCK, "ntfy:alice", URI.create(receiver.url("")), "limbic-alice",
                token, TIMEOUT);
    }

    private WebhookChannel webhook(String path) {
        return new WebhookChannel(vertx, client, CLOCK, "webhook", URI.create(receiver.url(path)),
                Map.of("X-Team", "sre"), Optional.of("s3cret"), TIMEOUT);
    }

    @Test
    void ntfyPublishesToTheTopicWithTitlePriorityTagsAndToken() throws Exception {
        receiver = Receiver.start(vertx, Reply.status(200));
        DeliveryResult result = await(ntfy(Optional.of("tk_abc")).deliver(diskPage(Severity.CRITICAL)));

        assertThat(result.isDelivered()).isTrue();
        Receiver.Received request = receiver.next();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/limbic-alice");
        assertThat(request.headers().get("Title")).isEqualTo("Disk full on db-1");
        assertThat(request.headers().get("Priority")).isEqualTo("5");
        assertThat(request.headers().get("Tags")).isEqualTo("rotating_light,critical,db,storage");
        assertThat(request.headers().get("Click")).isEqualTo("https://limbic.example/incidents/inc-7");
        assertThat(request.headers().get("Authorization")).isEqualTo("Bearer tk_abc");
        assertThat(request.body()).isEqualTo("/var is 98% full");
    }

    @Test
    void ntfyPriorityFollowsSeverityAndOmitsAuthorizationWithoutToken() throws Exception {
        receiver = Receiver.start(vertx, Reply.status(200));
        NtfyChannel channel = ntfy(Optional.empty());
        for (Severity severity : List.of(Severity.ERROR, Severity.WARNING, Severity.INFO)) {
            await(channel.deliver(diskPage(severity)));
        }
        assertThat(receiver.next().headers().get("Priority")).isEqualTo("4");
        assertThat(receiver.next().headers().get("Priority")).isEqualTo("3");
        Receiver.Received info = receiver.next();
        assertThat(info.headers().get("Priority")).isEqualTo("2");
        assertThat(info.headers().contains("Authorization")).isFalse();
    }

    @Test
    void ntfyEncodesNonAsciiTitlesAsRfc2047AndSpellsOutBreathing() throws Exception {
        receiver = Receiver.start(vertx, Reply.status(200));
        Notification prompt = Notification.breathingPrompt("b-1", "alice", "inc-7", BreathingPattern.DEFAULT,
                "Du schaffst das — kurz atmen.", NOW);
        Notification titled = new Notification(prompt.id(), prompt.responder(), prompt.incidentId(), prompt.kind(),
                "Atme kurz durch 🫁", prompt.text(), prompt.severity(), prompt.tags(), prompt.links(),
                prompt.actions(), prompt.breathing(), prompt.bundled(), prompt.createdAt());
        await(ntfy(Optional.empty()).deliver(titled));

        Receiver.Received request = receiver.next();
        String title = request.headers().get("Title");
        assertThat(title).startsWith("=?UTF-8?B?").endsWith("?=");
        String decoded = new String(Base64.getDecoder().decode(title.substring(10, title.length() - 2)),
                StandardCharsets.UTF_8);
        assertThat(decoded).isEqualTo("Atme kurz durch 🫁");
        assertThat(request.body()).isEqualTo(
                "Du schaffst das — kurz atmen. Breathe in 2 s, hold 2 s, breathe out 2 s (1 cycle, 6 s).");
    }

    @Test
    void slackSendsOneTextField() throws Exception {
        receiver = Receiver.start(vertx, Reply.status(200));
        SlackChannel slack = new SlackChannel(vertx, client, CLOCK, "slack", URI.create(receiver.url("/hooks/T1")),
                TIMEOUT);
        assertThat(await(slack.deliver(diskPage(Severity.ERROR))).isDelivered()).isTrue();

        Receiver.Received request = receiver.next();
        assertThat(request.path()).isEqualTo("/hooks/T1");
        assertThat(request.headers().get("Content-Type")).startsWith("application/json");
        assertThat(new JsonObject(request.body())).isEqualTo(new JsonObject().put("text",
                "[ERROR] Disk full on db-1\n/var is 98% full\nIncident: https://limbic.example/incidents/inc-7"));
    }

    @Test
    void slackEscapesItsMarkupCharacters() {
        Notification page = Notification.page("n-2", "alice", "inc-8", Severity.WARNING, "p99 > 2s & rising",
                "<db-1> is slow", NOW);
        assertThat(SlackChannel.text(page)).isEqualTo("[WARNING] p99 &gt; 2s &amp; rising\n&lt;db-1&gt; is slow");
    }

    @Test
    void webhookPostsTheNotificationAsJsonWithHeadersAndBearer() throws Exception {
        receiver = Receiver.start(vertx, Reply.status(204));
        assertThat(await(webhook("/limbic").deliver(diskPage(Severity.WARNING))).isDelivered()).isTrue();

        Receiver.Received request = receiver.next();
        assertThat(request.headers().get("Authorization")).isEqualTo("Bearer s3cret");
        assertThat(request.headers().get("X-Team")).isEqualTo("sre");
        assertThat(request.headers().get("Content-Type")).isEqualTo("application/json");
        JsonObject body = new JsonObject(request.body());
        assertThat(body.getString("id")).isEqualTo("n-1");
        assertThat(body.getString("kind")).isEqualTo("page");
        assertThat(body.getString("responder")).isEqualTo("alice");
        assertThat(body.getString("incident_id")).isEqualTo("inc-7");
        assertThat(body.getString("severity")).isEqualTo("warning");
        assertThat(body.getString("title")).isEqualTo("Disk full on db-1");
        assertThat(body.getJsonArray("actions").getList())
                .containsExactly("acknowledge", "resolve", "snooze", "escalate", "hand_over");
        assertThat(body.getJsonArray("links").getJsonObject(0).getString("url"))
                .isEqualTo("https://limbic.example/incidents/inc-7");
        assertThat(body.getString("created_at")).isEqualTo("2026-12-01T10:00:00Z");
    }

    @Test
    void webhookPostsALargeBundleWithEveryPage() throws Exception {
        receiver = Receiver.start(vertx, Reply.status(204));
        List<Notification> pages = new ArrayList<>();
        for (int i = 0; i < WebhookChannel.ENCODE_APART + 1; i++) {
            pages.add(Notification.page("n-" + i, "alice", "inc-" + i, Severity.WARNING, "Alert " + i, "", NOW));
        }
        Notification bundle = new Notification("n-0+" + (pages.size() - 1), "alice", Optional.empty(),
                NotificationKind.PAGE_BUNDLE, pages.size() + " more alerts", "", Severity.WARNING,
                List.of("bundle"), List.of(), List.of(), Optional.empty(), pages, NOW);
        assertThat(await(webhook("/limbic").deliver(bundle)).isDelivered()).isTrue();

        Receiver.Received request = receiver.next();
        assertThat(request.headers().get("Content-Type")).isEqualTo("application/json");
        JsonObject body = new JsonObject(request.body());
        assertThat(body.getString("id")).isEqualTo(bundle.id());
        assertThat(body.getJsonArray("bundled")).hasSize(pages.size());
        assertThat(body.getJsonArray("bundled").getJsonObject(pages.size() - 1).getString("title"))
                .isEqualTo("Alert " + (pages.size() - 1));
        assertThat(body.getJsonArray("incident_ids").getList()).isEqualTo(bundle.incidentIds());
    }

    @Test
    void statusesMapToDeliveredRetryableAndPermanent() throws Exception {
        receiver = Receiver.start(vertx, Reply.status(500), Reply.status(408), Reply.status(404),
                Reply.status(401), Reply.status(202));
        WebhookChannel channel = webhook("/");
        Notification page = diskPage(Severity.CRITICAL);
        assertThat(await(channel.deliver(page))).isEqualTo(DeliveryResult.retryable("HTTP 500"));
        assertThat(await(channel.deliver(page))).isEqualTo(DeliveryResult.retryable("HTTP 408"));
        assertThat(await(channel.deliver(page))).isEqualTo(DeliveryResult.permanent("HTTP 404"));
        assertThat(await(channel.deliver(page))).isEqualTo(DeliveryResult.permanent("HTTP 401"));
        assertThat(await(channel.deliver(page))).isEqualTo(DeliveryResult.delivered());
    }

    @Test
    void retryAfterIsReadInSecondsAndAsADate() throws Exception {
        receiver = Receiver.start(vertx, Reply.status(429, "Retry-After", "7"),
                Reply.status(503, "Retry-After", "Tue, 01 Dec 2026 10:01:00 GMT"));
        WebhookChannel channel = webhook("/");
        assertThat(await(channel.deliver(diskPage(Severity.INFO)))).isEqualTo(
                new DeliveryResult.RetryableFailure("HTTP 429", Optional.of(Duration.ofSeconds(7))));
        assertThat(await(channel.deliver(diskPage(Severity.INFO)))).isEqualTo(
                new DeliveryResult.RetryableFailure("HTTP 503", Optional.of(Duration.ofSeconds(60))));
    }

    @Test
    void aReceiverThatNeverAnswersIsARetryableTimeout() throws Exception {
        receiver = Receiver.start(vertx, Reply.noAnswer());
        WebhookChannel channel = new WebhookChannel(vertx, client, CLOCK, "webhook", URI.create(receiver.url("/")),
                Map.of(), Optional.empty(), Duration.ofMillis(300));
        DeliveryResult result = await(channel.deliver(diskPage(Severity.CRITICAL)));
        assertThat(result).isInstanceOf(DeliveryResult.RetryableFailure.class);
        assertThat(result.describe().toLowerCase(java.util.Locale.ROOT)).containsAnyOf("timed out", "timeout");
    }

    @Test
    void aRefusedConnectionIsRetryable() throws Exception {
        receiver = Receiver.start(vertx, Reply.status(200));
        String url = receiver.url("/");
        receiver.close();
        receiver = null;
        SlackChannel slack = new SlackChannel(vertx, client, CLOCK, "slack", URI.create(url), TIMEOUT);
        assertThat(await(slack.deliver(diskPage(Severity.CRITICAL))))
                .isInstanceOf(DeliveryResult.RetryableFailure.class);
    }
}
