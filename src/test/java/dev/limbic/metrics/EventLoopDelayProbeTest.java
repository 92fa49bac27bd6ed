package dev.limbic.metrics;

import dev.limbic.testing.Await;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class EventLoopDelayProbeTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private Timer delay() {
        return registry.get("limbic.event.loop.delay").timer();
    }

    @Test
    void recordsHowLateTheProbeFiredAndEarlyAsOnTime() {
        EventLoopDelayProbe probe = new EventLoopDelayProbe(registry);

        probe.record(TimeUnit.MILLISECONDS.toNanos(300));
        probe.record(-5);

        assertThat(delay().count()).isEqualTo(2);
        assertThat(delay().max(TimeUnit.MILLISECONDS)).isEqualTo(300);
        assertThat(delay().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(300);
    }

    @Test
    void aBlockedLoopShowsAsDelay() throws Exception {
        Vertx vertx = Vertx.builder().build();
        try {
            EventLoopDelayProbe probe = new EventLoopDelayProbe(registry);
            io.vertx.core.Context loop = vertx.getOrCreateContext();
            loop.runOnContext(v -> {
                probe.start(vertx);
                // Holds the loop past the probe's due time (as blocking work on an event loop would).
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1400);
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            });
            Await.until(() -> assertThat(delay().count()).isGreaterThanOrEqualTo(1));
            assertThat(delay().max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(300);
        } finally {
            Await.result(vertx.close());
        }
    }
}
