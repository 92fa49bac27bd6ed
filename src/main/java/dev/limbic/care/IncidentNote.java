package dev.limbic.care;

import dev.limbic.escalation.TimelineEntry;

import java.util.Objects;

/**
 * A timeline entry for one incident, written by the stress-aware rules. Texts name states and actions, never heart
 * rate: the timeline is read by others.
 */
public record IncidentNote(String incidentId, TimelineEntry entry) {
    public IncidentNote {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(entry, "entry");
    }
}
