package dev.limbic.metrics;

import dev.limbic.ingest.FrameRejection;
import dev.limbic.ingest.IngestMetrics;
import dev.limbic.ingest.Transport;
import dev.limbic.stress.StressListener;
import dev.limbic.stress.StressState;
import dev.limbic.stress.StressTransition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's own meters, registered once with every label value they can take, so the hot path only
 * indexes arrays of ready meters (no tag lookups, no allocation):
 *
 * <ul>
 *   <li>{@code limbic_frames_ingested_total{transport}}: frames and samples applied to a detector</li>
 *   <li>{@code limbic_frames_rejected_total{reason}}: frames and samples refused, by {@link FrameRejection}</li>
 *   <li>{@code limbic_frame_to_state_seconds}: histogram of the time from a frame's arrival to its
 *       responder's updated state</li>
 *   <li>{@code limbic_device_streams_connected}: open device WebSockets</li>
 *   <li>{@code limbic_responders{state}}: opted-in responders per stress state</li>
 *   <li>{@code limbic_stress_transitions_total{to}}: stress state changes, by the state entered</li>
 *   <li>{@code limbic_event_loop_delay_seconds}: how late the event loops run ({@link EventLoopDelayProbe})</li>
 * </ul>
 */
public final class GatewayMetrics implements IngestMetrics, StressListener {
    /** Bucket bounds of the frame-to-state histogram: fine below the 5 ms target, coarse above. */
    private static final Duration[] FRAME_TO_STATE_BUCKETS = {
            Duration.ofNanos(10_000), Duration.ofNanos(25_000), Duration.ofNanos(50_000), Duration.ofNanos(100_000),
            Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2),
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(100),
            Duration.ofSeconds(1)};

    private final Counter[] ingested = new Counter[Transport.values().length];
    private final Counter[] rejected = new Counter[FrameRejection.values().length];
    private final Counter[] transitions = new Counter[StressState.values().length];
    private final AtomicInteger[] responders = new AtomicInteger[StressState.values().length];
    private final AtomicInteger streams = new AtomicInteger();
    private final Timer frameToState;
    private final EventLoopDelayProbe eventLoopDelay;

    /** @param monitoredResponders how many responders opted in: all start {@code UNKNOWN} */
    public GatewayMetrics(MeterRegistry registry, int monitoredResponders) {
        for (Transport transport : Transport.values()) {
            ingested[transport.ordinal()] = Counter.builder("limbic.frames.ingested")
                    .description("Heart-rate frames and samples applied to a responder's stress detector")
                    .tag("transport", transport.label()).register(registry);
        }
        for (FrameRejection rejection : FrameRejection.values()) {
            rejected[rejection.ordinal()] = Counter.builder("limbic.frames.rejected")
                    .description("Heart-rate frames and samples refused, by reason")
                    .tag("reason", rejection.reason()).register(registry);
        }
        for (StressState state : StressState.values()) {
            transitions[state.ordinal()] = Counter.builder("limbic.stress.transitions")
                    .description("Changes of a responder's stress state, by the state entered")
                    .tag("to", state.name()).register(registry);
            AtomicInteger count = new AtomicInteger(state == StressState.UNKNOWN ? monitoredResponders : 0);
            responders[state.ordinal()] = count;
            Gauge.builder("limbic.responders", count, AtomicInteger::get)
                    .description("Responders who opted in to heart-rate monitoring, by current stress state")
                    .tag("state", state.name()).register(registry);
        }
        Gauge.builder("limbic.device.streams.connected", streams, AtomicInteger::get)
                .description("Open device streams (WebSockets)").register(registry);
        frameToState = Timer.builder("limbic.frame.to.state")
                .description("Time from a heart-rate frame's arrival to its responder's updated stress state")
                .serviceLevelObjectives(FRAME_TO_STATE_BUCKETS)
                .register(registry);
        eventLoopDelay = new EventLoopDelayProbe(registry);
    }

    /** The event-loop delay histogram's probe, for each verticle to start on its loop. */
    public EventLoopDelayProbe eventLoopDelay() {
        return eventLoopDelay;
    }

    @Override
    public void frameIngested(Transport transport) {
        ingested[transport.ordinal()].increment();
    }

    @Override
    public void frameRejected(FrameRejection rejection) {
        rejected[rejection.ordinal()].increment();
    }

    @Override
    public void frameToState(long nanos) {
        frameToState.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void streamOpened() {
        streams.incrementAndGet();
    }

    @Override
    public void streamClosed() {
        streams.decrementAndGet();
    }

    @Override
    public void onTransition(String responderId, StressTransition transition) {
        responders[transition.from().ordinal()].decrementAndGet();
        responders[transition.to().ordinal()].incrementAndGet();
        transitions[transition.to().ordinal()].increment();
    }
}
