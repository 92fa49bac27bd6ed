package dev.limbic.paging;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Who holds which open incident ({@link dev.limbic.escalation.EscalationProgress#holders()}), kept in memory from
 * every escalation decision, and how many open incidents each responder holds. Counting this from the database
 * meant reading every open incident and its pages once a second, which slowed the whole gateway down as incidents
 * piled up in an alert storm. Not thread-safe: used on the escalation runtime's context.
 */
final class OpenIncidentHolders {
    private final Map<Long, Set<String>> byIncident = new HashMap<>();
    private final Map<String, Long> counts = new HashMap<>();

    /** Incident {@code incidentId} is now held by {@code holders} (empty: by nobody); true if that changed anything. */
    boolean update(long incidentId, Set<String> holders) {
        Set<String> before = holders.isEmpty() ? byIncident.remove(incidentId) : byIncident.put(incidentId, holders);
        if (before == null) {
            before = Set.of();
        }
        if (before.equals(holders)) {
            return false;
        }
        before.forEach(responder -> counts.computeIfPresent(responder, (id, n) -> n == 1 ? null : n - 1));
        holders.forEach(responder -> counts.merge(responder, 1L, Long::sum));
        return true;
    }

    /** Open incidents per responder; responders holding none are absent. */
    Map<String, Long> counts() {
        return Map.copyOf(counts);
    }
}
