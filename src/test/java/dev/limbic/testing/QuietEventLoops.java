package dev.limbic.testing;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vert.x options for tests with a low blocked-thread threshold, and a watch that makes a blocked event loop
 * fail the test instead of only logging a warning. (Vert.x 5 ignores {@code -Dvertx.options.*} system
 * properties, so the thresholds must be set in {@link VertxOptions}.)
 */
public final class QuietEventLoops {
    /** An event loop busy this long in one go counts as blocked. Low, with headroom for a loaded 2-core CI box. */
    public static final long MAX_EVENT_LOOP_EXECUTE_MILLIS = 500;
    public static final long CHECK_INTERVAL_MILLIS = 100;

    private QuietEventLoops() {
    }

    public static VertxOptions options() {
        return new VertxOptions()
                .setBlockedThreadCheckInterval(CHECK_INTERVAL_MILLIS)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                .setMaxEventLoopExecuteTime(MAX_EVENT_LOOP_EXECUTE_MILLIS)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS);
    }

    /** A Vert.x with {@link #options()}. */
    public static Vertx vertx() {
        return Vertx.vertx(options());
    }

    /** Records every blocked-thread event of {@code vertx}, to be checked with {@link Watch#assertNoneBlocked()}. */
    public static Watch watch(Vertx vertx) {
        Watch watch = new Watch();
        ((VertxInternal) vertx).blockedThreadChecker().setThreadBlockedHandler(event -> watch.events.add(
                event.thread().getName() + " blocked for " + event.duration() / 1_000_000 + " ms at:\n  "
                        + String.join("\n  ", java.util.Arrays.stream(event.thread().getStackTrace())
                        .limit(25).map(Object::toString).toList())));
        return watch;
    }

    /** The blocked-thread events seen on one Vert.x. */
    public static final class Watch {
        /** Each event with the blocked thread's stack when it was noticed. */
        private final List<String> events = new CopyOnWriteArrayList<>();

        public void assertNoneBlocked() {
            assertThat(events).as("event loops blocked longer than %d ms", MAX_EVENT_LOOP_EXECUTE_MILLIS).isEmpty();
        }
    }
}
