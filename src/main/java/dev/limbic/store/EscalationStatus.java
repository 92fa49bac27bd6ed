package dev.limbic.store;

import java.util.Locale;

/** Whether an incident's escalation is running. */
public enum EscalationStatus {
    /** Steps page as they fall due. */
    ACTIVE,
    /** Someone acknowledged: only the policy's acknowledgement timeout can page again. */
    ACKNOWLEDGED,
    /** Paused until {@code snoozed_until}, then pages again. */
    SNOOZED,
    /** The incident is resolved: nothing more is due. */
    DONE;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The stored name. */
    public String wireName() {
        return wireName;
    }

    /** The status stored as {@code name}. */
    public static EscalationStatus fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
