package dev.limbic.paging;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Event-loop contexts on an event loop of their own: the escalation side (decisions, delivery) runs on another core
 * than the alert intake, instead of queueing behind it on the loop that happened to start the pager.
 */
final class EventLoopContexts {
    /** Tries before settling for a context on the same loop (Vert.x hands out its event loops in turn). */
    private static final int TRIES = 8;
    private static final long WAIT_SECONDS = 10;

    private EventLoopContexts() {
    }

    /**
     * A new event-loop context whose event loop is not {@code taken}'s, or (with a single event loop) a new context
     * on that loop. Blocks until its thread is known: call it from a worker thread, never from an event loop.
     */
    static Context besides(Vertx vertx, Context taken) throws InterruptedException {
        Thread takenThread = threadOf(taken);
        Context created = taken;
        for (int i = 0; i < TRIES; i++) {
            created = fresh(vertx);
            if (threadOf(created) != takenThread) {
                return created;
            }
        }
        return created;
    }

    /** A context made outside any Vert.x thread: Vert.x gives it the next event loop. */
    private static Context fresh(Vertx vertx) throws InterruptedException {
        AtomicReference<Context> made = new AtomicReference<>();
        Thread outside = new Thread(() -> made.set(vertx.getOrCreateContext()), "limbic-context-maker");
        outside.start();
        outside.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        if (made.get() == null) {
            throw new IllegalStateException("Vert.x did not make an event-loop context");
        }
        return made.get();
    }

    private static Thread threadOf(Context context) throws InterruptedException {
        Promise<Thread> thread = Promise.promise();
        context.runOnContext(v -> thread.complete(Thread.currentThread()));
        try {
            return thread.future().toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("an event loop did not answer within " + WAIT_SECONDS + " s", e);
        }
    }
}
