package dev.limbic.cli;

import io.vertx.core.Future;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** Keeps a long-running command (serve, demo) alive on its own thread until it should stop, then stops it cleanly. */
final class Running {
    private static final Duration CLOSE_LIMIT = Duration.ofSeconds(10);

    private Running() {
    }

    /** Waits for something that is starting; its failure is rethrown as it is. */
    static <T> T started(Future<T> starting) throws Exception {
        try {
            return starting.toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /**
     * Blocks until the process is asked to stop (Ctrl-C, SIGTERM), the thread is interrupted, or {@code limit}
     * (if not {@code null}) has passed, then runs {@code close} and waits for it.
     */
    static void untilStopped(Duration limit, Supplier<Future<Void>> close) {
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            closeAndWait(close);
            closed.countDown();
        }, "limbic-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (limit == null) {
                closed.await();
            } else {
                closed.await(limit.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closed.getCount() > 0) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                return;
            }
            closeAndWait(close);
        }
    }

    private static void closeAndWait(Supplier<Future<Void>> close) {
        try {
            close.get().toCompletionStage().toCompletableFuture().get(CLOSE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("limbic: could not stop cleanly: " + e);
        }
    }
}
