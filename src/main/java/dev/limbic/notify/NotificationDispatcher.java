package dev.limbic.notify;

import dev.limbic.delivery.DeliveryResult;
import dev.limbic.delivery.NextStep;
import dev.limbic.delivery.Notification;
import dev.limbic.delivery.NotificationKind;
import dev.limbic.delivery.PageThrottle;
import dev.limbic.delivery.RateLimit;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Gets each notification to its responder: through the responder's {@link PageThrottle} (pages beyond the rate
 * limit are held and bundled, never dropped), then through their channels in order. A retryable failure is
 * retried on the same channel with backoff; a permanent failure, or retries spent, moves on to the next channel;
 * when every channel failed the delivery ends undelivered (the escalation engine, which waits for an
 * acknowledgement, moves on). Every attempt is reported to the {@link DeliveryListener} and counted in
 * {@link NotificationMetrics}.
 *
 * <p>Each notification proceeds on its own: a channel that is down or slow delays only the notifications
 * that are trying it, never another responder's or another channel's. State is confined to one Vert.x
 * context; nothing blocks, waiting is done with {@link Scheduler} timers.
 */
public final class NotificationDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);

    private final Context context;
    private final ResponderChannels channels;
    private final ResponderRateLimits rateLimits;
    private final DispatchSettings settings;
    private final DeliveryListener listener;
    private final NotificationMetrics metrics;
    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final Map<String, PageThrottle> throttles = new HashMap<>();
    private final Set<String> releaseScheduled = new HashSet<>();
    /** Callers waiting for a notification, by the id it will be sent under (a bundle's id once bundled). */
    private final Map<String, List<Promise<DeliveryReport>>> waiting = new HashMap<>();

    /**
     * @param vertx     the dispatcher takes a context of its own on it
     * @param channels  each responder's channels, looked up when a notification is sent
     * @param settings  retry, rate limit and safety timeout
     * @param listener  hears every attempt, hold, bundle and outcome
     * @param metrics   counts attempts by channel
     * @param scheduler time and timers
     * @param random    jitter for backoff
     */
    public NotificationDispatcher(Vertx vertx, ResponderChannels channels, DispatchSettings settings,
                                  DeliveryListener listener, NotificationMetrics metrics, Scheduler scheduler,
                                  RandomGenerator random) {
        this(vertx, channels, responder -> Optional.empty(), settings, listener, metrics, scheduler, random);
    }

    /**
     * A dispatcher whose responders each have their own rate limit.
     *
     * @param rateLimits each responder's page budget (looked up for every page, so a reload applies at once);
     *                   empty for {@code settings.rateLimit()}
     */
    public NotificationDispatcher(Vertx vertx, ResponderChannels channels, ResponderRateLimits rateLimits,
                                  DispatchSettings settings, DeliveryListener listener, NotificationMetrics metrics,
                                  Scheduler scheduler, RandomGenerator random) {
        this(vertx.getOrCreateContext(), channels, rateLimits, settings, listener, metrics, scheduler, random);
    }

    /** The same, on {@code context}: all its state lives there (the pager puts it beside its escalations). */
    public NotificationDispatcher(Context context, ResponderChannels channels, ResponderRateLimits rateLimits,
                                  DispatchSettings settings, DeliveryListener listener, NotificationMetrics metrics,
                                  Scheduler scheduler, RandomGenerator random) {
        this.context = context;
        this.channels = channels;
        this.rateLimits = rateLimits;
        this.settings = settings;
        this.listener = listener;
        this.metrics = metrics;
        this.scheduler = scheduler;
        this.random = random;
    }

    /**
     * Hands {@code notification} over for delivery; may be called from any thread. The future completes when its
     * delivery ended: with the report of the notification itself, or of the bundle it went out in.
     */
    public Future<DeliveryReport> dispatch(Notification notification) {
        Promise<DeliveryReport> report = Promise.promise();
        onContext(() -> admit(notification, report));
        return report.future();
    }

    /** How many pages the rate limit holds for {@code responderId} now (for tests and the status page). */
    public Future<Integer> heldCount(String responderId) {
        Promise<Integer> count = Promise.promise();
        onContext(() -> {
            PageThrottle throttle = throttles.get(responderId);
            count.complete(throttle == null ? 0 : throttle.heldCount());
        });
        return count.future();
    }

    private void admit(Notification notification, Promise<DeliveryReport> report) {
        waiting.computeIfAbsent(notification.id(), id -> new ArrayList<>()).add(report);
        long now = scheduler.now().toEpochMilli();
        RateLimit limit = rateLimits.rateLimitOf(notification.responder()).orElse(settings.rateLimit());
        PageThrottle throttle = throttles.computeIfAbsent(notification.responder(),
                responder -> new PageThrottle(limit, now));
        throttle.changeLimit(limit, now);
        Optional<Notification> admitted = throttle.admit(notification, now);
        if (admitted.isPresent()) {
            start(admitted.get());
            return;
        }
        long releaseAt = throttle.nextReleaseAtMillis().orElse(now);
        notify(() -> listener.held(notification, Instant.ofEpochMilli(releaseAt)));
        scheduleRelease(notification.responder(), throttle);
    }

    private void scheduleRelease(String responder, PageThrottle throttle) {
        if (throttle.nextReleaseAtMillis().isEmpty() || !releaseScheduled.add(responder)) {
            return;
        }
        long delay = Math.max(0, throttle.nextReleaseAtMillis().getAsLong() - scheduler.now().toEpochMilli());
        scheduler.schedule(Duration.ofMillis(delay), () -> onContext(() -> {
            releaseScheduled.remove(responder);
            throttle.release(scheduler.now().toEpochMilli()).ifPresent(released -> {
                if (released.kind() == NotificationKind.PAGE_BUNDLE) {
                    List<Promise<DeliveryReport>> callers = new ArrayList<>();
                    for (Notification member : released.bundled()) {
                        callers.addAll(waiting.getOrDefault(member.id(), List.of()));
                        waiting.remove(member.id());
                    }
                    waiting.computeIfAbsent(released.id(), id -> new ArrayList<>()).addAll(callers);
                    notify(() -> listener.bundled(released));
                }
                start(released);
            });
            scheduleRelease(responder, throttle);
        }));
    }

    private void start(Notification notification) {
        List<Channel> configured = channels.channelsOf(notification.responder());
        List<Channel> list = configured == null ? List.of() : List.copyOf(configured);
        if (list.isEmpty()) {
            finish(notification, false, Optional.empty(), 0, "no channels configured for " + notification.responder());
            return;
        }
        attempt(new Delivery(notification, list), 0, 1);
    }

    private void attempt(Delivery delivery, int channelIndex, int attemptOnChannel) {
        Channel channel = delivery.channels.get(channelIndex);
        Instant startedAt = scheduler.now();
        delivery.attempts++;
        Promise<DeliveryResult> outcome = Promise.promise();
        Runnable cancelTimeout = scheduler.schedule(settings.attemptTimeout(), () -> outcome.tryComplete(
                DeliveryResult.retryable("no answer within " + settings.attemptTimeout().toMillis() + " ms")));
        Future<DeliveryResult> result;
        try {
            result = channel.deliver(delivery.notification);
        } catch (RuntimeException failure) {
            result = Future.failedFuture(failure);
        }
        result.onComplete(done -> outcome.tryComplete(done.failed()
                ? DeliveryResult.retryable("channel failed: " + done.cause())
                : done.result() == null ? DeliveryResult.retryable("channel gave no result") : done.result()));
        outcome.future().onComplete(done -> onContext(() -> {
            cancelTimeout.run();
            afterAttempt(delivery, channel, channelIndex, attemptOnChannel, startedAt, done.result());
        }));
    }

    private void afterAttempt(Delivery delivery, Channel channel, int channelIndex, int attemptOnChannel,
                              Instant startedAt, DeliveryResult result) {
        if (result.isDelivered()) {
            metrics.sent(channel.type());
        } else {
            metrics.failed(channel.type(), result instanceof DeliveryResult.RetryableFailure);
        }
        NextStep next = settings.retry().decide(result, channelIndex, delivery.channels.size(), attemptOnChannel, random);
        DeliveryAttempt attempt = new DeliveryAttempt(delivery.notification, channel.name(), channel.type(),
                channelIndex, attemptOnChannel, startedAt, scheduler.now(), result, next);
        notify(() -> listener.attempted(attempt));
        if (next instanceof NextStep.Done) {
            finish(delivery.notification, true, Optional.of(channel.name()), delivery.attempts, result.describe());
        } else if (next instanceof NextStep.RetrySameChannel retry) {
            scheduler.schedule(retry.delay(), () -> onContext(() ->
                    attempt(delivery, channelIndex, attemptOnChannel + 1)));
        } else if (next instanceof NextStep.NextChannel nextChannel) {
            attempt(delivery, nextChannel.channelIndex(), 1);
        } else {
            finish(delivery.notification, false, Optional.empty(), delivery.attempts,
                    "every channel failed; last: " + channel.name() + ": " + result.describe());
        }
    }

    private void finish(Notification notification, boolean delivered, Optional<String> channel, int attempts,
                        String detail) {
        DeliveryReport report = new DeliveryReport(notification, delivered, channel, attempts, detail, scheduler.now());
        if (!delivered) {
            LOG.warn("notification {} for {} not delivered: {}", notification.id(), notification.responder(), detail);
        }
        notify(() -> listener.finished(report));
        List<Promise<DeliveryReport>> callers = waiting.remove(notification.id());
        if (callers != null) {
            callers.forEach(caller -> caller.complete(report));
        }
    }

    private void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException failure) {
            LOG.error("delivery listener failed", failure);
        }
    }

    private void onContext(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    /** One notification on its way through a fixed list of channels. */
    private static final class Delivery {
        final Notification notification;
        final List<Channel> channels;
        int attempts;

        Delivery(Notification notification, List<Channel> channels) {
            this.notification = notification;
            this.channels = channels;
        }
    }
}
