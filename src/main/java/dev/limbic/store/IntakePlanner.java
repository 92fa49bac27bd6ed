package dev.limbic.store;

import dev.limbic.alert.AlertAction;
import dev.limbic.alert.AlertEvent;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a batch of alert events, in order, to the open incidents they name, in memory: the dedup rules in one
 * place, with no database. The writer then stores the resulting plan in one transaction.
 */
final class IntakePlanner {
    private IntakePlanner() {
    }

    /** The (integration, dedup key) pair that names at most one open incident. */
    record IncidentKey(String integration, String dedupKey) {
        static IncidentKey of(AlertEvent event) {
            return new IncidentKey(event.integration(), event.dedupKey());
        }
    }

    /**
     * One event to apply, with its idempotency key, the policy routing chose for it (null: none) and its labels as
     * JSON text.
     */
    record PlannedEvent(AlertEvent event, String idempotencyKey, String policyId, String labelsJson) {
    }

    /** An open incident as loaded (and locked) before planning. */
    record OpenIncident(long id, IncidentStatus status, int alertCount, Instant lastAlertAt,
                        Instant acknowledgedAt, String acknowledgedBy, Set<String> recordedKeys) {
    }

    /** An incident that the batch opens or changes; new ones get their id after planning. */
    static final class IncidentDraft {
        final boolean created;
        final IncidentKey key;
        final AlertEvent opening;
        final String openingLabelsJson;
        final String policyId;
        final IncidentStatus initialStatus;
        final Set<String> recordedKeys;
        long id;
        IncidentStatus status;
        int alertCount;
        Instant lastAlertAt;
        Instant acknowledgedAt;
        String acknowledgedBy;
        Instant resolvedAt;
        String resolvedBy;

        private IncidentDraft(OpenIncident open, IncidentKey key) {
            this.created = false;
            this.key = key;
            this.opening = null;
            this.openingLabelsJson = null;
            this.policyId = null;
            this.id = open.id();
            this.initialStatus = open.status();
            this.status = open.status();
            this.alertCount = open.alertCount();
            this.lastAlertAt = open.lastAlertAt();
            this.acknowledgedAt = open.acknowledgedAt();
            this.acknowledgedBy = open.acknowledgedBy();
            this.recordedKeys = new HashSet<>(open.recordedKeys());
        }

        private IncidentDraft(PlannedEvent trigger) {
            this.created = true;
            this.key = IncidentKey.of(trigger.event());
            this.opening = trigger.event();
            this.openingLabelsJson = trigger.labelsJson();
            this.policyId = trigger.policyId();
            this.initialStatus = IncidentStatus.TRIGGERED;
            this.status = IncidentStatus.TRIGGERED;
            this.alertCount = 1;
            this.lastAlertAt = trigger.event().receivedAt();
            this.recordedKeys = new HashSet<>();
            this.recordedKeys.add(trigger.idempotencyKey());
        }

        /** Whether the escalation of this existing incident must change status. */
        boolean statusChanged() {
            return status != initialStatus;
        }
    }

    /** A timeline line to write for a draft. */
    record TimelineDraft(IncidentDraft incident, Instant at, String kind, String actor, String text) {
    }

    /** What the batch does, event by event. */
    record Plan(IntakeOutcome.Kind[] kinds, IncidentDraft[] incidents, List<IncidentDraft> created,
                List<IncidentDraft> changed, List<TimelineDraft> timeline) {
        /** The outcomes, once every created incident has its id. */
        List<IntakeOutcome> outcomes() {
            List<IntakeOutcome> outcomes = new ArrayList<>(kinds.length);
            for (int i = 0; i < kinds.length; i++) {
                outcomes.add(kinds[i] == IntakeOutcome.Kind.OPENED
                        ? new IntakeOutcome(kinds[i], incidents[i].id, Optional.of(committed(incidents[i])))
                        : new IntakeOutcome(kinds[i], incidents[i] == null ? 0 : incidents[i].id));
            }
            return outcomes;
        }

        /** A created incident as its row reads back after the commit (times are stored to the microsecond). */
        private static Incident committed(IncidentDraft draft) {
            AlertEvent opening = draft.opening;
            return new Incident(draft.id, opening.integration(), opening.dedupKey(), draft.status,
                    opening.severity(), opening.summary(), opening.source(), opening.labels(), opening.detailsJson(),
                    Optional.ofNullable(draft.policyId), micros(opening.receivedAt()),
                    Optional.ofNullable(micros(draft.acknowledgedAt)), Optional.ofNullable(draft.acknowledgedBy),
                    Optional.ofNullable(micros(draft.resolvedAt)), Optional.ofNullable(draft.resolvedBy),
                    draft.alertCount, micros(draft.lastAlertAt));
        }

        private static Instant micros(Instant at) {
            return at == null ? null : at.truncatedTo(ChronoUnit.MICROS);
        }
    }

    /**
     * Applies {@code events} in order. A trigger adds to the open incident with its key (or, if that incident already
     * recorded the same content, is a redelivery) or opens a new one; acknowledge and resolve act on the open one or
     * are ignored; after a resolve the key has no open incident, so the next trigger opens a new one.
     */
    static Plan plan(List<PlannedEvent> events, Map<IncidentKey, OpenIncident> open) {
        int n = events.size();
        IntakeOutcome.Kind[] kinds = new IntakeOutcome.Kind[n];
        IncidentDraft[] incidents = new IncidentDraft[n];
        Map<IncidentKey, IncidentDraft> current = new HashMap<>();
        Set<IncidentKey> closedInBatch = new HashSet<>();
        List<IncidentDraft> created = new ArrayList<>();
        Set<IncidentDraft> changed = new LinkedHashSet<>();
        List<TimelineDraft> timeline = new ArrayList<>();
        Map<IncidentDraft, Received> received = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            PlannedEvent planned = events.get(i);
            AlertEvent event = planned.event();
            IncidentKey key = IncidentKey.of(event);
            IncidentDraft draft = current.get(key);
            if (draft == null && !closedInBatch.contains(key) && open.containsKey(key)) {
                draft = new IncidentDraft(open.get(key), key);
                current.put(key, draft);
            }
            Instant at = event.receivedAt();
            if (draft != null && event.action() != AlertAction.TRIGGER) {
                flushReceived(draft, received, timeline);
            }
            switch (event.action()) {
                case TRIGGER -> {
                    if (draft == null) {
                        draft = new IncidentDraft(planned);
                        current.put(key, draft);
                        closedInBatch.remove(key);
                        created.add(draft);
                        kinds[i] = IntakeOutcome.Kind.OPENED;
                        timeline.add(new TimelineDraft(draft, at, "opened", event.integration(),
                                "Opened by " + event.severity().wireName() + " alert: " + event.summary()));
                    } else if (!draft.recordedKeys.add(planned.idempotencyKey())) {
                        kinds[i] = IntakeOutcome.Kind.REPEATED;
                    } else {
                        draft.alertCount++;
                        if (at.isAfter(draft.lastAlertAt)) {
                            draft.lastAlertAt = at;
                        }
                        markChanged(draft, changed);
                        kinds[i] = IntakeOutcome.Kind.DEDUPLICATED;
                        received.computeIfAbsent(draft, d -> new Received()).add(event);
                    }
                }
                case ACKNOWLEDGE -> {
                    if (draft == null) {
                        kinds[i] = IntakeOutcome.Kind.IGNORED;
                    } else {
                        kinds[i] = IntakeOutcome.Kind.ACKNOWLEDGED;
                        if (draft.status == IncidentStatus.TRIGGERED) {
                            draft.status = IncidentStatus.ACKNOWLEDGED;
                            draft.acknowledgedAt = at;
                            draft.acknowledgedBy = event.integration();
                            markChanged(draft, changed);
                            timeline.add(new TimelineDraft(draft, at, "acknowledged", event.integration(),
                                    "Acknowledged by " + event.integration()));
                        }
                    }
                }
                case RESOLVE -> {
                    if (draft == null) {
                        kinds[i] = IntakeOutcome.Kind.IGNORED;
                    } else {
                        kinds[i] = IntakeOutcome.Kind.RESOLVED;
                        draft.status = IncidentStatus.RESOLVED;
                        draft.resolvedAt = at;
                        draft.resolvedBy = event.integration();
                        markChanged(draft, changed);
                        timeline.add(new TimelineDraft(draft, at, "resolved", event.integration(),
                                "Resolved by " + event.integration()));
                        current.remove(key);
                        closedInBatch.add(key);
                    }
                }
            }
            incidents[i] = kinds[i] == IntakeOutcome.Kind.IGNORED ? null : draft;
        }
        for (IncidentDraft draft : new ArrayList<>(received.keySet())) {
            flushReceived(draft, received, timeline);
        }
        return new Plan(kinds, incidents, created, new ArrayList<>(changed), timeline);
    }

    /**
     * Which of {@code events} are redeliveries and nothing else: triggers whose key's events in the batch are all
     * already recorded on the open incident for that key. Those change nothing, so they need no transaction; the
     * others (null in the result) must be committed. Deciding per key keeps each key's events in order.
     *
     * @return per event, its outcome when it is such a redelivery, else null
     */
    static IntakeOutcome[] redeliveries(List<PlannedEvent> events, Map<IncidentKey, OpenIncident> open) {
        Plan plan = plan(events, open);
        Set<IncidentKey> mustCommit = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            if (plan.kinds()[i] != IntakeOutcome.Kind.REPEATED) {
                mustCommit.add(IncidentKey.of(events.get(i).event()));
            }
        }
        IntakeOutcome[] outcomes = new IntakeOutcome[events.size()];
        for (int i = 0; i < events.size(); i++) {
            if (!mustCommit.contains(IncidentKey.of(events.get(i).event()))) {
                outcomes[i] = new IntakeOutcome(IntakeOutcome.Kind.REPEATED, plan.incidents()[i].id);
            }
        }
        return outcomes;
    }

    /** Repeated alerts for one incident within a batch make one timeline line, not one each (alert storms). */
    private static final class Received {
        int count;
        AlertEvent last;

        void add(AlertEvent event) {
            count++;
            last = event;
        }
    }

    private static void flushReceived(IncidentDraft draft, Map<IncidentDraft, Received> received,
                                      List<TimelineDraft> timeline) {
        Received alerts = received.remove(draft);
        if (alerts == null) {
            return;
        }
        String what = alerts.count == 1 ? "Alert received again" : alerts.count + " more alerts received";
        timeline.add(new TimelineDraft(draft, alerts.last.receivedAt(), "received", alerts.last.integration(),
                what + " (" + draft.alertCount + " in all): " + alerts.last.summary()));
    }

    private static void markChanged(IncidentDraft draft, Set<IncidentDraft> changed) {
        if (!draft.created) {
            changed.add(draft);
        }
    }
}
