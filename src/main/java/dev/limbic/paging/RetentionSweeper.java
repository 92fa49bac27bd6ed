package dev.limbic.paging;

import dev.limbic.config.LimbicConfig;
import dev.limbic.store.Retention;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs {@link Retention#sweep} at start and then every {@link #EVERY} of the injected clock, with the cutoffs of the
 * current configuration: {@code database.retention} for resolved incidents and alert events,
 * {@code care.episode_retention} for stress episodes. A sweep never overlaps the previous one; a failed sweep is
 * logged and tried again at the next turn. The clock is looked at every {@value #CHECK_MILLIS} ms of real time, so a
 * test clock moved forward is noticed.
 */
final class RetentionSweeper {
    /** How often a sweep runs, in clock time. */
    static final Duration EVERY = Duration.ofHours(1);
    static final long CHECK_MILLIS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweeper.class);

    private final Vertx vertx;
    private final Retention retention;
    private final Supplier<LimbicConfig> config;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicReference<Instant> nextAt = new AtomicReference<>(Instant.MIN);
    private volatile long timer = -1;

    RetentionSweeper(Vertx vertx, Retention retention, Supplier<LimbicConfig> config, Clock clock) {
        this.vertx = vertx;
        this.retention = retention;
        this.config = config;
        this.clock = clock;
    }

    /** Sweeps now, then keeps sweeping every {@link #EVERY}. */
    void start() {
        timer = vertx.setPeriodic(1, CHECK_MILLIS, id -> sweepIfDue());
    }

    /** Stops sweeping; a sweep in progress finishes on its own. */
    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void sweepIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextAt.get()) || !running.compareAndSet(false, true)) {
            return;
        }
        nextAt.set(now.plus(EVERY));
        LimbicConfig current = config.get();
        Instant incidentsBefore = now.minus(current.database().retention());
        Instant episodesBefore = now.minus(current.care().episodeRetention());
        Future<Retention.Purged> sweep;
        try {
            sweep = retention.sweep(incidentsBefore, episodesBefore);
        } catch (RuntimeException e) {
            sweep = Future.failedFuture(e);
        }
        sweep.onComplete(done -> {
            running.set(false);
            if (done.failed()) {
                LOG.warn("Retention sweep failed (trying again in {}): {}", EVERY, done.cause().toString());
            } else if (done.result().any()) {
                Retention.Purged purged = done.result();
                LOG.info("Retention: deleted {} alert events and {} incidents resolved before {}, {} stress episodes"
                                + " opened before {}", purged.alertEvents(), purged.resolvedIncidents(), incidentsBefore,
                        purged.stressEpisodes(), episodesBefore);
            }
        });
    }
}
