package dev.limbic.escalation;

import dev.limbic.alert.Severity;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The stored state of one incident's escalation: everything the engine needs to resume after a restart, in simple
 * fields (strings, numbers, instants, lists of small records) that a database adapter can persist as they are.
 *
 * @param incidentId     the incident
 * @param policyId       the escalation policy paging for it
 * @param severity       the incident's severity (critical incidents are never held)
 * @param status         triggered, acknowledged, snoozed or resolved
 * @param round          the current pass through the policy, from 0
 * @param step           the current step, from 0; -1 before the first step is reached
 * @param nextDueAt      when the current timer runs out, or {@code null} when none runs: for a triggered incident the
 *                       next escalation (before any hold), for an acknowledged one the acknowledgement timeout, for a
 *                       snoozed one the end of the snooze
 * @param timerHeldUntil while the escalation timer is held past {@code nextDueAt}, until when; else {@code null}
 * @param acknowledgedBy who acknowledged, while acknowledged or snoozed; else {@code null}
 * @param assignee       the responder the incident was last reassigned to, or {@code null}
 * @param pages          every page issued so far, in order: who was paged at which step
 * @param heldPages      pages that are due but held
 */
public record EscalationProgress(String incidentId, String policyId, Severity severity, IncidentStatus status,
                                 int round, int step, Instant nextDueAt, Instant timerHeldUntil, String acknowledgedBy,
                                 String assignee, List<PageRecord> pages, List<HeldPage> heldPages) {
    public EscalationProgress {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
        if (round < 0 || step < -1) {
            throw new IllegalArgumentException("round must be >= 0 and step >= -1, were " + round + " and " + step);
        }
        pages = List.copyOf(pages);
        heldPages = List.copyOf(heldPages);
    }

    /** The progress of a new incident: triggered, its first step due {@code now}. Store it, then evaluate it. */
    public static EscalationProgress open(String incidentId, String policyId, Severity severity, Instant now) {
        return new EscalationProgress(incidentId, policyId, severity, IncidentStatus.TRIGGERED, 0, -1, now, null,
                null, null, List.of(), List.of());
    }

    /**
     * The same progress for an incident whose severity changed (a later alert raised or lowered it). Held pages of an
     * incident that became critical go out at its next evaluation.
     */
    public EscalationProgress withSeverity(Severity newSeverity) {
        return new EscalationProgress(incidentId, policyId, newSeverity, status, round, step, nextDueAt, timerHeldUntil,
                acknowledgedBy, assignee, pages, heldPages);
    }

    /**
     * When the engine must evaluate this progress next (the earliest of the current timer, or its hold, and every
     * held page's release), or empty when nothing is pending. The Vert.x side sets one timer for this instant.
     */
    public Optional<Instant> wakeAt() {
        if (status == IncidentStatus.RESOLVED) {
            return Optional.empty();
        }
        Instant timer = timerHeldUntil != null ? timerHeldUntil : nextDueAt;
        return Stream.concat(Stream.ofNullable(timer), heldPages.stream().map(HeldPage::heldUntil))
                .min(Instant::compareTo);
    }

    /**
     * Who holds this incident while it is open, for the load figures: its acknowledger while it is acknowledged or
     * snoozed, before that everyone the latest escalation step paged; nobody once it is resolved or before its first
     * page.
     */
    public Set<String> holders() {
        if (status == IncidentStatus.RESOLVED) {
            return Set.of();
        }
        if (acknowledgedBy != null) {
            return Set.of(acknowledgedBy);
        }
        if (pages.isEmpty()) {
            return Set.of();
        }
        PageRecord latest = pages.get(pages.size() - 1);
        Set<String> holders = new LinkedHashSet<>();
        for (PageRecord page : pages) {
            if (page.round() == latest.round() && page.step() == latest.step()) {
                holders.add(page.responderId());
            }
        }
        return holders;
    }
}
