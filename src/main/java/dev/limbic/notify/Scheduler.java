package dev.limbic.notify;

import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The dispatcher's time: what time it is and "run this later". In production Vert.x timers over the system
 * clock; in tests a clock the test advances by hand, so backoff and rate limits are checked without waiting.
 */
public interface Scheduler {

    /** The current time. */
    Instant now();

    /** Runs {@code task} once, {@code delay} from now; the returned action cancels it if it has not run yet. */
    Runnable schedule(Duration delay, Runnable task);

    /** Vert.x timers over {@code clock}: a task runs on the context that scheduled it. */
    static Scheduler vertx(Vertx vertx, Clock clock) {
        return new Scheduler() {
            @Override
            public Instant now() {
                return clock.instant();
            }

            @Override
            public Runnable schedule(Duration delay, Runnable task) {
                long timer = vertx.setTimer(Math.max(1, delay.toMillis()), id -> task.run());
                return () -> vertx.cancelTimer(timer);
            }
        };
    }
}
