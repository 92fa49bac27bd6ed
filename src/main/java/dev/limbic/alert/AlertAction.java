package dev.limbic.alert;

/** What an alert event asks of the incident its dedup key names. */
public enum AlertAction {
    /** Open an incident, or add to the open one with the same key. */
    TRIGGER,
    /** The sender says someone is on it (PagerDuty Events API v2 {@code acknowledge}). */
    ACKNOWLEDGE,
    /** The condition is over: resolve the open incident with the same key. */
    RESOLVE
}
