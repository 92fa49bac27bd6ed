package dev.limbic.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The intake's meters: {@code limbic_alerts_received_total{integration,format}} (events committed),
 * {@code limbic_alert_requests_rejected_total{integration,reason}} and {@code limbic_alert_intake_seconds}
 * (request start to committed answer, histogram, by format).
 */
final class IntakeMetrics {
    /** The integration tag of requests that name no known integration (keeps the tag's values bounded). */
    static final String UNKNOWN_INTEGRATION = "unknown";

    private final MeterRegistry registry;

    IntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    Timer.Sample start() {
        return Timer.start(registry);
    }

    void committed(Timer.Sample sample, Integration integration, int events) {
        String format = integration.format().wireName();
        sample.stop(Timer.builder("limbic.alert.intake")
                .description("Time from an intake request to its committed answer")
                .tag("format", format)
                .publishPercentileHistogram()
                .register(registry));
        Counter.builder("limbic.alerts.received")
                .description("Alert events received and committed")
                .tag("integration", integration.name())
                .tag("format", format)
                .register(registry)
                .increment(events);
    }

    void rejected(String integration, String reason) {
        Counter.builder("limbic.alert.requests.rejected")
                .description("Intake requests answered with an error, by reason")
                .tag("integration", integration)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }
}
