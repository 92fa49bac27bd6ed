package dev.limbic.care;

import dev.limbic.escalation.TimelineEntry;
import dev.limbic.escalation.TimelineKind;
import dev.limbic.stress.StressState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * When to ask a responder's partner to join them: {@code ACUTE} for longer than {@code partnerAfterAcute} while
 * they hold an open incident, or more than {@code partnerAfterOpenIncidents} open incidents at once. For too many
 * open incidents the partner is paged once per incident; for acute stress once per acute stretch, on the incident
 * that first qualified: an incident that comes to the responder later in the same stretch (a deferred page released
 * at its bound, say) does not page the partner again, who is already with them. The responder stays on the incident;
 * a responder without a partner is left as is; both are told in supportive words, and the timeline says why.
 * Also builds the {@link HandOver} a responder may trigger. Not thread-safe: {@link StressEpisodes} calls it under its
 * own lock.
 */
public final class PartnerHandoff {
    private final CareSettings settings;
    private final Function<String, Optional<String>> partnerOf;
    /** Incidents whose partner page (or the note that there is no partner) was already decided. */
    private final Set<String> decided = new HashSet<>();
    /** Per responder: the start of the acute stretch for which their partner was paged. */
    private final Map<String, Instant> pagedForAcuteSince = new HashMap<>();

    /**
     * @param settings  the bounds
     * @param partnerOf each responder's partner, if they have one
     */
    public PartnerHandoff(CareSettings settings, Function<String, Optional<String>> partnerOf) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.partnerOf = Objects.requireNonNull(partnerOf, "partnerOf");
    }

    /**
     * What to do for {@code responder} at {@code now}.
     *
     * @param state         their stress state
     * @param acuteSince    since when they are {@code ACUTE} (across short data gaps), or {@code null}
     * @param openIncidents the open incidents they hold, oldest first
     */
    public CareOutcome check(String responder, StressState state, Instant acuteSince, Collection<String> openIncidents,
                             Instant now) {
        return check(responder, state, acuteSince, openIncidents.size(), openIncidents, now);
    }

    /**
     * What to do for {@code responder} at {@code now}, when the caller knows which of their {@code open} incidents
     * may still be undecided: {@code candidates} (oldest first) must hold every open incident not decided yet; the
     * outcome is that of {@link #check(String, StressState, Instant, Collection, Instant)} over all of them.
     */
    public CareOutcome check(String responder, StressState state, Instant acuteSince, int open,
                             Collection<String> candidates, Instant now) {
        String reason = reason(responder, state, acuteSince, open, now);
        if (reason == null) {
            return CareOutcome.NONE;
        }
        Optional<String> partner = partnerOf.apply(responder).filter(p -> !p.equals(responder));
        boolean forAcute = open <= settings.partnerAfterOpenIncidents();
        boolean alreadyJoining = forAcute && acuteSince.equals(pagedForAcuteSince.get(responder));
        List<CareAction> actions = new ArrayList<>();
        List<IncidentNote> notes = new ArrayList<>();
        for (String incident : candidates) {
            if (!decided.add(incident)) {
                continue;
            }
            if (partner.isEmpty() || alreadyJoining) {
                continue;
            }
            if (forAcute) {
                pagedForAcuteSince.put(responder, acuteSince);
                alreadyJoining = true;
            }
            String p = partner.get();
            actions.add(new CareAction.PagePartner(p, responder, incident, reason,
                    responder + " could use a hand with " + incident + ": " + reason
                            + ". Please join them; " + responder + " stays on it.",
                    p + " is joining you on " + incident + ". You are not alone on this one."));
            notes.add(note(incident, now, "Paged " + p + " to join " + responder + ": " + reason, responder, p, reason));
        }
        return new CareOutcome(actions, notes, Set.of());
    }

    /** Forgets a resolved incident. */
    public void forget(String incidentId) {
        decided.remove(incidentId);
    }

    /**
     * The hand-over {@code by} asks for: to {@code to}, or to their partner when empty; empty when there is nobody to
     * hand over to.
     */
    public Optional<HandOver> handOver(String by, String incidentId, Optional<String> to) {
        return to.or(() -> partnerOf.apply(by)).filter(t -> !t.equals(by)).map(t -> new HandOver(by, incidentId, t));
    }

    private String reason(String responder, StressState state, Instant acuteSince, int open, Instant now) {
        if (open > settings.partnerAfterOpenIncidents()) {
            return responder + " carries " + open + " open incidents (more than "
                    + settings.partnerAfterOpenIncidents() + ")";
        }
        if (open > 0 && state == StressState.ACUTE && acuteSince != null
                && !now.isBefore(acuteSince.plus(settings.partnerAfterAcute()))) {
            return responder + " has been under acute stress for over " + words(settings.partnerAfterAcute());
        }
        return null;
    }

    /** When {@link #check} may next decide something for a responder who is {@code ACUTE} since {@code acuteSince}. */
    Instant acuteDueAt(Instant acuteSince) {
        return acuteSince.plus(settings.partnerAfterAcute());
    }

    /** Whether the partner page for {@code incident} was already decided. */
    boolean isDecided(String incident) {
        return decided.contains(incident);
    }

    /** Whether every one of these incidents was already decided. */
    boolean allDecided(Collection<String> incidents) {
        return decided.containsAll(incidents);
    }

    private static IncidentNote note(String incident, Instant at, String text, String responder, String partner,
                                     String reason) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("responder", responder);
        fields.put("partner", partner);
        fields.put("reason", reason);
        return new IncidentNote(incident, new TimelineEntry(at, TimelineKind.PARTNER_PAGED, text, fields));
    }

    static String words(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 3600 == 0) {
            return plural(seconds / 3600, "hour");
        }
        if (seconds % 60 == 0) {
            return plural(seconds / 60, "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
