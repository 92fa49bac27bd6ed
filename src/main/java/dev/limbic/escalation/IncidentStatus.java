package dev.limbic.escalation;

import java.util.Locale;

/** Where an incident stands, as responders see it. */
public enum IncidentStatus {
    /** Paging: escalation continues until someone acknowledges. */
    TRIGGERED,
    /** Someone is on it; pages again when the policy's acknowledgement timeout runs out. */
    ACKNOWLEDGED,
    /** Quiet until a set time, then pages the current step again. */
    SNOOZED,
    /** Over. Nothing more is paged. */
    RESOLVED;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used in the API and the database. */
    public String wireName() {
        return wireName;
    }
}
