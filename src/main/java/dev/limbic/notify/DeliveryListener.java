package dev.limbic.notify;

import dev.limbic.delivery.Notification;

import java.time.Instant;

/**
 * Hears everything the dispatcher does, to record it (notifications table, incident timeline, logs). Called on
 * the dispatcher's event loop: implementations must not block (write to the database asynchronously).
 */
public interface DeliveryListener {

    /** An attempt on one channel ended. */
    void attempted(DeliveryAttempt attempt);

    /** The rate limit held {@code notification}; it goes out at {@code releaseAt} at the latest, maybe in a bundle. */
    default void held(Notification notification, Instant releaseAt) {
    }

    /** Held pages are going out together as {@code bundle}. */
    default void bundled(Notification bundle) {
    }

    /** A delivery ended, delivered or not. */
    default void finished(DeliveryReport report) {
    }
}
