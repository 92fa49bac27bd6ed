package dev.limbic.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counters of delivery attempts by channel type: {@code limbic_notifications_sent_total{channel}} and
 * {@code limbic_notifications_failed_total{channel,reason="retryable"|"permanent"}} in Prometheus.
 */
public final class NotificationMetrics {
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    /** Counters registered in {@code registry}. */
    public NotificationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One notification delivered on a channel of type {@code channel}. */
    public void sent(String channel) {
        counters.computeIfAbsent("sent|" + channel, key -> Counter.builder("limbic.notifications.sent")
                .description("Notifications delivered, by channel type")
                .tag("channel", channel).register(registry)).increment();
    }

    /** One failed attempt on a channel of type {@code channel}. */
    public void failed(String channel, boolean retryable) {
        String reason = retryable ? "retryable" : "permanent";
        counters.computeIfAbsent("failed|" + channel + "|" + reason, key -> Counter.builder("limbic.notifications.failed")
                .description("Failed notification attempts, by channel type and whether they were retryable")
                .tag("channel", channel).tag("reason", reason).register(registry)).increment();
    }
}
