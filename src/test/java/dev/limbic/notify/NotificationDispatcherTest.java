package dev.limbic.notify;

import dev.limbic.alert.Severity;
import dev.limbic.delivery.DeliveryResult;
import dev.limbic.delivery.NextStep;
import dev.limbic.delivery.Notification;
import dev.limbic.delivery.NotificationKind;
import dev.limbic.delivery.RateLimit;
import dev.limbic.delivery.RetryPolicy;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

import static dev.limbic.notify.Receiver.Reply;
import static dev.limbic.notify.Receiver.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The dispatcher against local receivers on real sockets, with a clock the test advances. */
@ExtendWith(VertxExtension.class)
class NotificationDispatcherTest {
    private static final Instant START = Instant.parse("2026-12-01T03:00:00Z");
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);
    /** Jitter source that takes nothing off, so backoff delays are exact. */
    private static final RandomGenerator NO_JITTER = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public double nextDouble() {
            return 0;
        }
    };
    private static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2,
            Duration.ofMinutes(2));

    private Vertx vertx;
    private WebClient client;
    private ManualScheduler scheduler;
    private PrometheusMeterRegistry registry;
    private final List<DeliveryAttempt> attempts = Collections.synchronizedList(new ArrayList<>());
    private final List<Notification> held = Collections.synchronizedList(new ArrayList<>());
    private final List<Receiver> receivers = new ArrayList<>();

    private final DeliveryListener listener = new DeliveryListener() {
        @Override
        public void attempted(DeliveryAttempt attempt) {
            attempts.add(attempt);
        }

        @Override
        public void held(Notification notification, Instant releaseAt) {
            held.add(notification);
        }
    };

    @BeforeEach
    void setUp(Vertx vertx) {
        this.vertx = vertx;
        this.client = Channels.createClient(vertx);
        this.scheduler = new ManualScheduler(START);
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    @AfterEach
    void tearDown() throws Exception {
        client.close();
        for (Receiver receiver : receivers) {
            receiver.close();
        }
    }

    private Receiver receiver(Reply... script) throws Exception {
        Receiver receiver = Receiver.start(vertx, script);
        receivers.add(receiver);
        return receiver;
    }

    private Channel webhook(Receiver receiver, String name) {
        return new WebhookChannel(vertx, client, Clock.fixed(START, ZoneOffset.UTC), name,
                URI.create(receiver.url("/" + name)), Map.of(), Optional.empty(), HTTP_TIMEOUT);
    }

    private Channel slack(Receiver receiver) {
        return new SlackChannel(vertx, client, Clock.fixed(START, ZoneOffset.UTC), "team-slack",
                URI.create(receiver.url("/slack")), HTTP_TIMEOUT);
    }

    private NotificationDispatcher dispatcher(ResponderChannels channels, RateLimit rateLimit) {
        return new NotificationDispatcher(vertx, channels, new DispatchSettings(RETRY, rateLimit, Duration.ofSeconds(90)),
                listener, new NotificationMetrics(registry), scheduler, NO_JITTER);
    }

    private static Notification page(String id, String responder, Severity severity) {
        return Notification.page(id, responder, "inc-" + id, severity, "Alert " + id, "details " + id, START);
    }

    /** Waits until {@code count} attempts were reported. */
    private void awaitAttempts(int count) throws InterruptedException {
        for (int i = 0; i < 1000 && attempts.size() < count; i++) {
            Thread.sleep(10);
        }
        assertThat(attempts).hasSizeGreaterThanOrEqualTo(count);
    }

    @Test
    void aPermanentFailureMovesThePageToTheNextChannel() throws Exception {
        Receiver broken = receiver(Reply.status(404));
        Receiver working = receiver(Reply.status(200));
        Channel first = slack(broken);
        Channel second = webhook(working, "pager-bridge");
        NotificationDispatcher dispatcher = dispatcher(r -> List.of(first, second), RateLimit.DEFAULT);

        DeliveryReport report = await(dispatcher.dispatch(page("1", "alice", Severity.CRITICAL)));

        assertThat(report.delivered()).isTrue();
        assertThat(report.channel()).contains("pager-bridge");
        assertThat(report.attempts()).isEqualTo(2);
        assertThat(broken.next().path()).isEqualTo("/slack");
        assertThat(working.next().path()).isEqualTo("/pager-bridge");
        assertThat(attempts).extracting(DeliveryAttempt::channelName).containsExactly("team-slack", "pager-bridge");
        assertThat(attempts.get(0).result()).isEqualTo(DeliveryResult.permanent("HTTP 404"));
        assertThat(attempts.get(0).next()).isEqualTo(new NextStep.NextChannel(1));
        assertThat(attempts.get(1).next()).isEqualTo(new NextStep.Done());
        assertThat(registry.get("limbic.notifications.failed").tags("channel", "slack", "reason", "permanent")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("limbic.notifications.sent").tags("channel", "webhook").counter().count())
                .isEqualTo(1);
        assertThat(registry.scrape())
                .contains("limbic_notifications_failed_total{channel=\"slack\",reason=\"permanent\"} 1.0")
                .contains("limbic_notifications_sent_total{channel=\"webhook\"} 1.0");
        assertThat(scheduler.requestedDelays()).containsOnly(Duration.ofSeconds(90));
    }

    @Test
    void aResponderWithoutALiveConnectionIsReachedOnTheirNextChannelAtOnce() throws Exception {
        Receiver ntfy = receiver(Reply.status(200));
        ResponderLiveStream stream = new ResponderLiveStream(vertx, LiveTokens.ofPlainTokens(Map.of()),
                action -> Future.succeededFuture(), Clock.fixed(START, ZoneOffset.UTC));
        Channels factory = new Channels(vertx, client, Clock.fixed(START, ZoneOffset.UTC), stream);
        List<Channel> alices = List.of(
                factory.create(new ChannelSpec(ChannelSpec.Type.LIVE, null, Optional.empty(), Optional.empty(),
                        Optional.empty(), Map.of(), null)),
                factory.create(new ChannelSpec(ChannelSpec.Type.NTFY, null, Optional.of(URI.create(ntfy.url(""))),
                        Optional.of("alice-phone"), Optional.empty(), Map.of(), null)));
        NotificationDispatcher dispatcher = dispatcher(r -> alices, RateLimit.DEFAULT);

        DeliveryReport report = await(dispatcher.dispatch(page("1", "alice", Severity.CRITICAL)));

        assertThat(report.channel()).contains("ntfy:alice-phone");
        assertThat(attempts.get(0).channelName()).isEqualTo("live");
        assertThat(attempts.get(0).result()).isEqualTo(DeliveryResult.permanent("no open live connection"));
        assertThat(ntfy.next().path()).isEqualTo("/alice-phone");
    }

    @Test
    void retryableFailuresBackOffExponentiallyThenMoveOn() throws Exception {
        Receiver flaky = receiver(Reply.status(503));
        Receiver backup = receiver(Reply.status(200));
        Channel first = webhook(flaky, "primary");
        Channel second = webhook(backup, "backup");
        NotificationDispatcher dispatcher = dispatcher(r -> List.of(first, second), RateLimit.DEFAULT);

        Future<DeliveryReport> report = dispatcher.dispatch(page("1", "alice", Severity.ERROR));
        awaitAttempts(1);
        assertThat(attempts.get(0).next()).isEqualTo(new NextStep.RetrySameChannel(Duration.ofSeconds(1)));
        assertThat(report.isComplete()).isFalse();

        scheduler.advance(Duration.ofSeconds(1));
        awaitAttempts(2);
        assertThat(attempts.get(1).next()).isEqualTo(new NextStep.RetrySameChannel(Duration.ofSeconds(2)));
        assertThat(attempts.get(1).startedAt()).isEqualTo(START.plusSeconds(1));

        scheduler.advance(Duration.ofSeconds(2));
        DeliveryReport done = await(report);
        assertThat(attempts).hasSize(4);
        assertThat(attempts.get(2).startedAt()).isEqualTo(START.plusSeconds(3));
        assertThat(attempts.get(2).next()).isEqualTo(new NextStep.NextChannel(1));
        assertThat(done.channel()).contains("backup");
        assertThat(flaky.next()).isNotNull();
        assertThat(flaky.next()).isNotNull();
        assertThat(flaky.next()).isNotNull();
        assertThat(flaky.waiting()).isZero();
        assertThat(registry.get("limbic.notifications.failed").tags("channel", "webhook", "reason", "retryable")
                .counter().count()).isEqualTo(3);
    }

    @Test
    void retryAfterFromTheReceiverIsHonoured() throws Exception {
        Receiver limited = receiver(Reply.status(429, "Retry-After", "30"), Reply.status(200));
        Channel only = webhook(limited, "only");
        NotificationDispatcher dispatcher = dispatcher(r -> List.of(only), RateLimit.DEFAULT);

        Future<DeliveryReport> report = dispatcher.dispatch(page("1", "alice", Severity.WARNING));
        awaitAttempts(1);
        assertThat(attempts.get(0).next()).isEqualTo(new NextStep.RetrySameChannel(Duration.ofSeconds(30)));
        scheduler.advance(Duration.ofSeconds(29));
        assertThat(report.isComplete()).isFalse();
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(await(report).delivered()).isTrue();
        assertThat(attempts.get(1).startedAt()).isEqualTo(START.plusSeconds(30));
    }

    @Test
    void whenEveryChannelFailsTheReportSaysUndeliveredAndWhy() throws Exception {
        Receiver gone = receiver(Reply.status(410));
        Channel only = webhook(gone, "only");
        NotificationDispatcher dispatcher = dispatcher(r -> List.of(only), RateLimit.DEFAULT);

        DeliveryReport report = await(dispatcher.dispatch(page("1", "alice", Severity.CRITICAL)));
        assertThat(report.delivered()).isFalse();
        assertThat(report.detail()).isEqualTo("every channel failed; last: only: HTTP 410");
        assertThat(attempts.get(0).next()).isEqualTo(new NextStep.Exhausted());

        DeliveryReport nobody = await(dispatcher(Map.<String, List<Channel>>of()::get, RateLimit.DEFAULT)
                .dispatch(page("2", "carol", Severity.CRITICAL)));
        assertThat(nobody.delivered()).isFalse();
        assertThat(nobody.detail()).isEqualTo("no channels configured for carol");
    }

    @Test
    void anAlertStormIsBundledAndNothingIsLost() throws Exception {
        Receiver phone = receiver(Reply.status(200));
        Channel only = webhook(phone, "phone");
        NotificationDispatcher dispatcher = dispatcher(r -> List.of(only), new RateLimit(1, 1));

        List<Future<DeliveryReport>> reports = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            reports.add(dispatcher.dispatch(page(String.valueOf(i), "alice", Severity.WARNING)));
        }
        DeliveryReport first = await(reports.get(0));
        assertThat(first.sent().id()).isEqualTo("1");
        assertThat(await(dispatcher.heldCount("alice"))).isEqualTo(5);
        assertThat(held).extracting(Notification::id).containsExactly("2", "3", "4", "5", "6");
        assertThat(new JsonObject(phone.next().body()).getString("id")).isEqualTo("1");

        scheduler.advance(Duration.ofSeconds(60));
        for (Future<DeliveryReport> report : reports.subList(1, 6)) {
            DeliveryReport bundled = await(report);
            assertThat(bundled.delivered()).isTrue();
            assertThat(bundled.sent().kind()).isEqualTo(NotificationKind.PAGE_BUNDLE);
        }
        JsonObject bundle = new JsonObject(phone.next().body());
        assertThat(bundle.getString("kind")).isEqualTo("page_bundle");
        assertThat(bundle.getString("title")).isEqualTo("5 more alerts");
        assertThat(bundle.getJsonArray("incident_ids").getList())
                .containsExactly("inc-2", "inc-3", "inc-4", "inc-5", "inc-6");
        assertThat(phone.waiting()).isZero();
        assertThat(await(dispatcher.heldCount("alice"))).isZero();
    }

    @Test
    void eachResponderIsThrottledAtTheirOwnRateWhichFollowsAReload() throws Exception {
        Receiver phone = receiver(Reply.status(200));
        Channel only = webhook(phone, "phone");
        Map<String, RateLimit> configured = new java.util.concurrent.ConcurrentHashMap<>(Map.of(
                "alice", new RateLimit(1, 1), "bob", new RateLimit(60, 1)));
        NotificationDispatcher dispatcher = new NotificationDispatcher(vertx, r -> List.of(only),
                responder -> Optional.ofNullable(configured.get(responder)),
                new DispatchSettings(RETRY, new RateLimit(6, 3), Duration.ofSeconds(90)),
                listener, new NotificationMetrics(registry), scheduler, NO_JITTER);

        await(dispatcher.dispatch(page("a1", "alice", Severity.WARNING)));
        await(dispatcher.dispatch(page("b1", "bob", Severity.WARNING)));
        Future<DeliveryReport> alice2 = dispatcher.dispatch(page("a2", "alice", Severity.WARNING));
        Future<DeliveryReport> bob2 = dispatcher.dispatch(page("b2", "bob", Severity.WARNING));
        assertThat(await(dispatcher.heldCount("alice"))).isEqualTo(1);
        assertThat(await(dispatcher.heldCount("bob"))).isEqualTo(1);

        scheduler.advance(Duration.ofSeconds(1));
        assertThat(await(bob2).sent().id()).isEqualTo("b2");
        assertThat(alice2.isComplete()).isFalse();
        assertThat(await(dispatcher.heldCount("alice"))).isEqualTo(1);
        scheduler.advance(Duration.ofSeconds(59));
        assertThat(await(alice2).sent().id()).isEqualTo("a2");

        configured.put("alice", new RateLimit(60, 1));
        Future<DeliveryReport> alice3 = dispatcher.dispatch(page("a3", "alice", Severity.WARNING));
        assertThat(await(dispatcher.heldCount("alice"))).isEqualTo(1);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(await(alice3).sent().id()).isEqualTo("a3");
    }

    @Test
    void aCriticalPageIsNotHeldByTheRateLimit() throws Exception {
        Receiver phone = receiver(Reply.status(200));
        Channel only = webhook(phone, "phone");
        NotificationDispatcher dispatcher = dispatcher(r -> List.of(only), new RateLimit(1, 1));

        await(dispatcher.dispatch(page("1", "alice", Severity.WARNING)));
        Future<DeliveryReport> warning = dispatcher.dispatch(page("2", "alice", Severity.WARNING));
        DeliveryReport critical = await(dispatcher.dispatch(page("3", "alice", Severity.CRITICAL)));
        assertThat(critical.sent().id()).isEqualTo("3");
        assertThat(warning.isComplete()).isFalse();
        scheduler.advance(Duration.ofSeconds(60));
        assertThat(await(warning).sent().id()).isEqualTo("2");
    }

    @Test
    void aDeadEndpointDoesNotDelayAnotherResponder() throws Exception {
        Receiver dead = receiver(Reply.noAnswer());
        Receiver alive = receiver(Reply.status(200));
        Channel aliceChannel = webhook(dead, "alice-hook");
        Channel bobChannel = webhook(alive, "bob-hook");
        NotificationDispatcher dispatcher = dispatcher(
                responder -> responder.equals("alice") ? List.of(aliceChannel) : List.of(bobChannel),
                RateLimit.DEFAULT);

        Future<DeliveryReport> alices = dispatcher.dispatch(page("a1", "alice", Severity.CRITICAL));
        assertThat(dead.next().path()).isEqualTo("/alice-hook");
        DeliveryReport bobs = await(dispatcher.dispatch(page("b1", "bob", Severity.CRITICAL)));

        assertThat(bobs.delivered()).isTrue();
        assertThat(alive.next().path()).isEqualTo("/bob-hook");
        assertThat(alices.isComplete()).isFalse();
    }

    @Test
    void aChannelThatNeverAnswersIsCutOffByTheAttemptTimeout() throws Exception {
        Receiver backup = receiver(Reply.status(200));
        Channel silent = new Channel() {
            @Override
            public String type() {
                return "webhook";
            }

            @Override
            public String name() {
                return "black-hole";
            }

            @Override
            public Future<DeliveryResult> deliver(Notification notification) {
                return io.vertx.core.Promise.<DeliveryResult>promise().future();
            }
        };
        Channel second = webhook(backup, "backup");
        NotificationDispatcher dispatcher = new NotificationDispatcher(vertx, r -> List.of(silent, second),
                new DispatchSettings(new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(1), 0,
                        Duration.ofSeconds(1)), RateLimit.DEFAULT, Duration.ofSeconds(5)),
                listener, new NotificationMetrics(registry), scheduler, NO_JITTER);

        Future<DeliveryReport> report = dispatcher.dispatch(page("1", "alice", Severity.CRITICAL));
        while (scheduler.requestedDelays().isEmpty()) {
            Thread.sleep(5);
        }
        scheduler.advance(Duration.ofSeconds(5));
        assertThat(await(report).channel()).contains("backup");
        assertThat(attempts.get(0).result()).isEqualTo(DeliveryResult.retryable("no answer within 5000 ms"));
    }
}
