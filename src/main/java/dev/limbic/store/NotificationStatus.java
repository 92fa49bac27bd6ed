package dev.limbic.store;

import java.util.Locale;

/** Where one page to one responder on one channel stands. */
public enum NotificationStatus {
    /** Waiting for its first attempt, or for a retry at {@code next_attempt_at}. */
    QUEUED,
    /** Handed to the channel. */
    SENT,
    /** The channel confirmed delivery. */
    DELIVERED,
    /** Failed for good; the page moved on to the responder's next channel. */
    FAILED;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The stored name. */
    public String wireName() {
        return wireName;
    }

    /** The status stored as {@code name}. */
    public static NotificationStatus fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
