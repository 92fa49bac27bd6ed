package dev.limbic.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link Scheduler} whose clock the test advances by hand; due tasks run during {@link #advance}. */
final class ManualScheduler implements Scheduler {
    private record Task(Instant due, long order, Runnable action) {
    }

    private final List<Task> pending = new ArrayList<>();
    private final List<Duration> requested = new ArrayList<>();
    private Instant now;
    private long order;

    ManualScheduler(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized Runnable schedule(Duration delay, Runnable action) {
        Task task = new Task(now.plus(delay), order++, action);
        pending.add(task);
        requested.add(delay);
        return () -> {
            synchronized (this) {
                pending.remove(task);
            }
        };
    }

    /** Every delay ever requested, in order. */
    synchronized List<Duration> requestedDelays() {
        return List.copyOf(requested);
    }

    /** Moves the clock forward by {@code step}, running every task that falls due, in due order. */
    void advance(Duration step) {
        Instant target;
        synchronized (this) {
            target = now.plus(step);
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = pending.stream().filter(t -> !t.due().isAfter(target))
                        .min(Comparator.comparing(Task::due).thenComparingLong(Task::order)).orElse(null);
                if (next == null) {
                    now = target;
                    return;
                }
                pending.remove(next);
                if (next.due().isAfter(now)) {
                    now = next.due();
                }
            }
            next.action().run();
        }
    }
}
