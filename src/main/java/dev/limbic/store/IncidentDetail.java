package dev.limbic.store;

import java.util.List;
import java.util.Objects;

/**
 * An incident with everything that happened to it, oldest first.
 *
 * @param incident the incident
 * @param timeline its timeline in the order things happened
 */
public record IncidentDetail(Incident incident, List<TimelineEntry> timeline) {
    public IncidentDetail {
        Objects.requireNonNull(incident, "incident");
        timeline = List.copyOf(timeline);
    }
}
