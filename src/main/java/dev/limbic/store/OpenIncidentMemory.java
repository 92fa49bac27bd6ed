package dev.limbic.store;

import dev.limbic.store.IntakePlanner.IncidentKey;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the intake last learned from the database about open incidents: per key, the open incident's id and some of
 * the alert contents (idempotency keys) it recorded. With it the intake answers a redelivery, which Alertmanager
 * sends for every firing alert of a group, without reading the database.
 *
 * <p>Sound while this gateway is the only one writing to its database, as its escalation timers already require: an
 * incident stays open until it is resolved, and every resolve goes through this memory. The intake forgets a key when
 * a commit resolves its incident, and keeps a key's events away from this memory while they wait for a commit. The
 * escalation ledger calls {@link #forgetIncident} for the incidents its decisions resolve, before it sends them and
 * again once they are committed; what a read or commit learned is kept only if no incident was forgotten since it
 * started ({@link #epoch()}), so what raced such a resolve is not kept. The contents an incident recorded only ever
 * grow, so a subset is enough: a content not remembered is looked up in the database.
 *
 * <p>Bounded: at most {@code maxKeys} keys, the least recently used forgotten first, and the
 * {@value #RECORDED_PER_INCIDENT} contents last learned per incident. Thread-safe.
 */
public final class OpenIncidentMemory {
    /** Contents remembered per incident: an alert's content changes rarely while it fires. */
    static final int RECORDED_PER_INCIDENT = 8;

    private final LinkedHashMap<IncidentKey, Remembered> byKey;
    private final Map<Long, IncidentKey> keyById = new HashMap<>();
    private final AtomicLong forgets = new AtomicLong();

    /** @param maxKeys how many keys it remembers at most */
    public OpenIncidentMemory(int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be positive, was " + maxKeys);
        }
        this.byKey = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<IncidentKey, Remembered> eldest) {
                if (size() <= maxKeys) {
                    return false;
                }
                keyById.remove(eldest.getValue().incidentId);
                return true;
            }
        };
    }

    /** Counts incidents forgotten; taken before a read or commit whose result is then {@linkplain #remember remembered}. */
    long epoch() {
        return forgets.get();
    }

    /**
     * The open incident for {@code key} if it is remembered to have recorded {@code idempotencyKey} (the trigger is a
     * redelivery), else -1.
     */
    synchronized long recordedBy(IncidentKey key, String idempotencyKey) {
        Remembered remembered = byKey.get(key);
        return remembered != null && remembered.recorded.contains(idempotencyKey) ? remembered.incidentId : -1;
    }

    /**
     * Remembers that {@code incidentId} is the open incident for {@code key} and recorded {@code idempotencyKeys},
     * unless an incident was forgotten since {@code epoch} was taken.
     */
    synchronized void remember(long epoch, IncidentKey key, long incidentId, Iterable<String> idempotencyKeys) {
        if (forgets.get() != epoch) {
            return;
        }
        Remembered remembered = byKey.get(key);
        if (remembered == null || remembered.incidentId != incidentId) {
            forgetKey(key);
            remembered = new Remembered(incidentId);
            byKey.put(key, remembered);
            keyById.put(incidentId, key);
        }
        for (String idempotencyKey : idempotencyKeys) {
            remembered.add(idempotencyKey);
        }
    }

    /** Forgets {@code key}'s open incident: the intake resolved it. */
    synchronized void forget(IncidentKey key) {
        forgetKey(key);
    }

    /**
     * Forgets {@code incidentId}: a decision resolves it. Called before the decision is sent to the database, and
     * again once it is committed (or failed), before anyone is told.
     */
    public synchronized void forgetIncident(long incidentId) {
        forgets.incrementAndGet();
        IncidentKey key = keyById.remove(incidentId);
        if (key != null) {
            byKey.remove(key);
        }
    }

    /** How many keys it remembers. */
    synchronized int size() {
        return byKey.size();
    }

    private void forgetKey(IncidentKey key) {
        Remembered old = byKey.remove(key);
        if (old != null) {
            keyById.remove(old.incidentId);
        }
    }

    /** One open incident's id and the contents last learned it recorded, oldest first. */
    private static final class Remembered {
        final long incidentId;
        final ArrayDeque<String> recorded = new ArrayDeque<>(RECORDED_PER_INCIDENT);

        Remembered(long incidentId) {
            this.incidentId = incidentId;
        }

        void add(String idempotencyKey) {
            if (recorded.contains(idempotencyKey)) {
                return;
            }
            if (recorded.size() == RECORDED_PER_INCIDENT) {
                recorded.removeFirst();
            }
            recorded.addLast(idempotencyKey);
        }
    }
}
