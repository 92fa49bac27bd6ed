package dev.limbic.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Groups writes that arrive while earlier ones are being written: at most {@code maxInFlight} batches are written at
 * once, and whatever arrives meanwhile forms the next batch (up to {@code maxBatch} items), so under load many
 * items share one transaction and one fsync, and alone an item is written at once.
 *
 * <p>Items with the same key never share a batch (a later one waits for the next), so a batch writer may join its
 * items on that key. If a batch of several fails, each of its items is written again alone, so one bad item fails
 * only its own caller. Each caller's future completes on the context it called from. Thread-safe.
 *
 * <p>A batch that has not answered after {@code stallAfter} (a connection that stopped answering) gives up its place:
 * the batches behind it are written beside it, so one stalled call cannot hold every later item. Its own callers
 * still hear its answer whenever it comes; bounding how long they wait is theirs to decide.
 *
 * @param <T> what is written
 * @param <R> the result of writing one item
 */
final class GroupCommit<T, R> {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    /** Writes one batch; completes with one result per item, in order. */
    interface BatchWriter<T, R> {
        Future<List<R>> write(List<T> batch);
    }

    private final String name;
    private final int maxBatch;
    private final int maxInFlight;
    private final Duration stallAfter;
    private final Function<T, Object> key;
    private final BatchWriter<T, R> writer;
    private final ArrayDeque<Pending<T, R>> queue = new ArrayDeque<>();
    private int inFlight;

    /**
     * @param name        what is written, for the log
     * @param maxBatch    the most items in one batch
     * @param maxInFlight the most batches written at once
     * @param stallAfter  how long a batch may go unanswered before the next ones are written beside it
     * @param key         items with equal keys go into different batches, in the order submitted
     * @param writer      writes one batch
     */
    GroupCommit(String name, int maxBatch, int maxInFlight, Duration stallAfter, Function<T, Object> key,
                BatchWriter<T, R> writer) {
        if (maxBatch < 1 || maxInFlight < 1 || stallAfter.isNegative() || stallAfter.isZero()) {
            throw new IllegalArgumentException("maxBatch, maxInFlight and stallAfter must be positive");
        }
        this.name = name;
        this.maxBatch = maxBatch;
        this.maxInFlight = maxInFlight;
        this.stallAfter = stallAfter;
        this.key = key;
        this.writer = writer;
    }

    /** Queues {@code item}; the future completes with its result once its batch is committed. */
    Future<R> submit(T item) {
        Pending<T, R> pending = new Pending<>(item, Vertx.currentContext());
        List<Pending<T, R>> batch;
        synchronized (this) {
            queue.add(pending);
            batch = takeBatch();
        }
        if (batch != null) {
            write(batch);
        }
        return pending.promise.future();
    }

    /** The next batch if a write may start now (caller holds the lock). */
    private List<Pending<T, R>> takeBatch() {
        if (inFlight >= maxInFlight || queue.isEmpty()) {
            return null;
        }
        List<Pending<T, R>> batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
        Set<Object> keys = new HashSet<>();
        Iterator<Pending<T, R>> it = queue.iterator();
        while (it.hasNext() && batch.size() < maxBatch) {
            Pending<T, R> next = it.next();
            if (keys.add(key.apply(next.item))) {
                batch.add(next);
                it.remove();
            }
        }
        inFlight++;
        return batch;
    }

    private void write(List<Pending<T, R>> batch) {
        List<T> items = new ArrayList<>(batch.size());
        batch.forEach(pending -> items.add(pending.item));
        Place place = new Place();
        Future<List<R>> written;
        try {
            written = writer.write(items);
        } catch (RuntimeException e) {
            written = Future.failedFuture(e);
        }
        written.transform(result -> {
            if (result.succeeded()) {
                List<R> results = result.result();
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).complete(results.get(i));
                }
                return Future.succeededFuture();
            }
            if (batch.size() == 1) {
                batch.get(0).fail(result.cause());
                return Future.succeededFuture();
            }
            LOG.debug("A batch of {} {} failed ({}); writing each alone", batch.size(), name,
                    result.cause().toString());
            List<Future<Void>> alone = new ArrayList<>(batch.size());
            for (Pending<T, R> pending : batch) {
                alone.add(writeAlone(pending));
            }
            return Future.join(alone);
        }).onComplete(settled -> giveUpPlace(place));
        Future<List<R>> answer = written;
        answer.timeout(stallAfter.toMillis(), TimeUnit.MILLISECONDS).onFailure(late -> {
            if (!answer.isComplete()) {
                LOG.warn("A batch of {} {} has not answered in {} ms; writing the next batches beside it",
                        batch.size(), name, stallAfter.toMillis());
                giveUpPlace(place);
            }
        });
    }

    /** Frees the batch's place among those in flight (once) and starts the next batch if one is waiting. */
    private void giveUpPlace(Place place) {
        List<Pending<T, R>> next;
        synchronized (this) {
            if (place.given) {
                return;
            }
            place.given = true;
            inFlight--;
            next = takeBatch();
        }
        if (next != null) {
            write(next);
        }
    }

    /** A batch's place among the {@code maxInFlight}; guarded by the lock. */
    private static final class Place {
        boolean given;
    }

    /** Writes one item of a failed batch on its own; completes (never fails) once its caller has the answer. */
    private Future<Void> writeAlone(Pending<T, R> pending) {
        Future<List<R>> written;
        try {
            written = writer.write(List.of(pending.item));
        } catch (RuntimeException e) {
            written = Future.failedFuture(e);
        }
        return written.transform(result -> {
            if (result.succeeded()) {
                pending.complete(result.result().get(0));
            } else {
                pending.fail(result.cause());
            }
            return Future.succeededFuture();
        });
    }

    private static final class Pending<T, R> {
        final T item;
        final Context caller;
        final Promise<R> promise = Promise.promise();

        Pending(T item, Context caller) {
            this.item = item;
            this.caller = caller;
        }

        void complete(R result) {
            onCaller(() -> promise.complete(result));
        }

        void fail(Throwable cause) {
            onCaller(() -> promise.fail(cause));
        }

        private void onCaller(Runnable action) {
            if (caller == null || caller == Vertx.currentContext()) {
                action.run();
            } else {
                caller.runOnContext(v -> action.run());
            }
        }
    }
}
