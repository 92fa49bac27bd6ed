package dev.limbic.testing;

import io.vertx.core.Future;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Blocking helpers for test threads (never for event loops). */
public final class Await {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private Await() {
    }

    /** The result of {@code future}, waiting at most ten seconds; a failure is rethrown as it is. */
    public static <T> T result(Future<T> future) throws Exception {
        return result(future, (int) LIMIT.toSeconds());
    }

    /** The result of {@code future}, waiting at most {@code seconds} (starting a database takes longer). */
    public static <T> T result(Future<T> future, int seconds) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new AssertionError("no result within " + seconds + " s; Vert.x threads:\n" + vertxThreads(), e);
        }
    }

    private static String vertxThreads() {
        StringBuilder dump = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().startsWith("vert.x")) {
                dump.append(thread.getName()).append(' ').append(thread.getState()).append('\n');
                for (StackTraceElement frame : stack) {
                    dump.append("    at ").append(frame).append('\n');
                }
            }
        });
        return dump.toString();
    }

    /** The failure of {@code future}, which must fail within ten seconds. */
    public static Throwable failure(Future<?> future) throws InterruptedException, TimeoutException {
        try {
            future.toCompletionStage().toCompletableFuture().get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure, got success");
    }

    /** Retries {@code assertion} until it passes, for at most ten seconds (for effects of asynchronous work). */
    public static void until(ThrowingRunnable assertion) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    /** An assertion that may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
