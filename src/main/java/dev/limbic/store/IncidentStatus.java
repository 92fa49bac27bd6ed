package dev.limbic.store;

import java.util.Locale;

/** Where an incident stands. */
public enum IncidentStatus {
    /** Open, nobody has acknowledged it: escalation runs. */
    TRIGGERED,
    /** Open, someone is on it. */
    ACKNOWLEDGED,
    /** Over. A new trigger with the same key opens a new incident. */
    RESOLVED;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The stored and wire name. */
    public String wireName() {
        return wireName;
    }

    /** The status stored as {@code name}. */
    public static IncidentStatus fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
