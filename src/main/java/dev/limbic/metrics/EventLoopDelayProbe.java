package dev.limbic.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * {@code limbic_event_loop_delay_seconds}: a one-second timer on an event loop, re-armed each time it fires, records
 * how late it fired. Vert.x exports no event-loop delay of its own; a loop held up by blocking work shows here as the
 * time it was held. The gateway starts one per event loop (from each of its verticles); all record into one
 * histogram. Real time (a monotonic nanosecond clock), not the gateway's clock: this measures the machine.
 */
public final class EventLoopDelayProbe {
    /** How often each loop is probed. */
    public static final Duration PERIOD = Duration.ofSeconds(1);
    private static final Duration[] BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final Timer delay;
    private final LongSupplier nanoTime;

    public EventLoopDelayProbe(MeterRegistry registry) {
        this(registry, System::nanoTime);
    }

    EventLoopDelayProbe(MeterRegistry registry, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.delay = Timer.builder("limbic.event.loop.delay")
                .description("How late a 1 s probe timer fired on an event loop (time the loop was busy or blocked)")
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    /**
     * Starts probing the event loop of the caller's context (call it from a verticle's {@code start}); the probe
     * stops with that context (Vert.x cancels a verticle's timers when it is undeployed).
     */
    public void start(Vertx vertx) {
        arm(vertx);
    }

    private void arm(Vertx vertx) {
        long due = nanoTime.getAsLong() + PERIOD.toNanos();
        vertx.setTimer(PERIOD.toMillis(), id -> {
            record(nanoTime.getAsLong() - due);
            arm(vertx);
        });
    }

    /** Records that a probe fired {@code lateNanos} after it was due (early counts as on time). */
    void record(long lateNanos) {
        delay.record(Math.max(0, lateNanos), TimeUnit.NANOSECONDS);
    }
}
