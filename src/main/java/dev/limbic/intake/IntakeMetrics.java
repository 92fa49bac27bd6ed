package dev.limbic.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The intake's meters: {@code limbic_alerts_received_total{integration,format}} (events committed),
 * {@code limbic_alert_requests_rejected_total{integration,reason}} and {@code limbic_alert_intake_seconds}
 * (request start to committed answer, histogram, by format). Each meter is built and registered once per tag set and
 * then reused, so a request costs a map look-up rather than a registry look-up with a new builder.
 */
final class IntakeMetrics {
    /** The integration tag of requests that name no known integration (keeps the tag's values bounded). */
    static final String UNKNOWN_INTEGRATION = "unknown";

    private final MeterRegistry registry;
    private final Map<String, Timer> intakeTimers = new ConcurrentHashMap<>();
    private final Map<String, Counter> received = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();

    IntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    Timer.Sample start() {
        return Timer.start(registry);
    }

    void committed(Timer.Sample sample, Integration integration, int events) {
        String format = integration.format().wireName();
        sample.stop(intakeTimers.computeIfAbsent(format, f -> Timer.builder("limbic.alert.intake")
                .description("Time from an intake request to its committed answer")
                .tag("format", f)
                .publishPercentileHistogram()
                .register(registry)));
        received.computeIfAbsent(integration.name() + '\u0000' + format, key -> Counter.builder("limbic.alerts.received")
                        .description("Alert events received and committed")
                        .tag("integration", integration.name())
                        .tag("format", format)
                        .register(registry))
                .increment(events);
    }

    void rejected(String integration, String reason) {
        rejected.computeIfAbsent(integration + '\u0000' + reason, key -> Counter.builder("limbic.alert.requests.rejected")
                        .description("Intake requests answered with an error, by reason")
                        .tag("integration", integration)
                        .tag("reason", reason)
                        .register(registry))
                .increment();
    }
}
