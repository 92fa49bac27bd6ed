package dev.limbic.testing;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.threadchecker.BlockedThreadEvent;

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
    /**
     * An event loop busy this long in one go counts as blocked. A blocking call (a sleep, a synchronous socket or
     * file wait) shows as seconds; a starved but busy loop on a loaded 2-core box reached 650 ms, so this stays
     * above that.
     */
    public static final long MAX_EVENT_LOOP_EXECUTE_MILLIS = 2000;
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
        ((VertxInternal) vertx).blockedThreadChecker().setThreadBlockedHandler(watch::record);
        return watch;
    }

    /** The blocked-thread events seen on one Vert.x. */
    public static final class Watch {
        private final List<String> events = new CopyOnWriteArrayList<>();

        private void record(BlockedThreadEvent event) {
            StringBuilder where = new StringBuilder(event.thread().getName()).append(" blocked ")
                    .append(TimeUnit.NANOSECONDS.toMillis(event.duration())).append(" ms, at:");
            for (StackTraceElement frame : event.thread().getStackTrace()) {
                where.append("\n    ").append(frame);
            }
            events.add(where.toString());
        }

        public void assertNoneBlocked() {
            assertThat(events).as("event loops blocked longer than %d ms", MAX_EVENT_LOOP_EXECUTE_MILLIS).isEmpty();
        }
    }
}
