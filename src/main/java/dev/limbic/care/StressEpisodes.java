package dev.limbic.care;

import dev.limbic.escalation.TimelineEntry;
import dev.limbic.escalation.TimelineKind;
import dev.limbic.stress.StressState;
import dev.limbic.stress.StressTransition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The stress episodes of paged responders, and what follows from them: a breathing prompt, a grounding prompt after
 * the breathing window, and the partner handoff. Feed it every stress transition, every page issued, every judged
 * page reaction and every resolved incident, and call {@link #tick} at {@link #wakeAt()}; perform the returned
 * {@link CareOutcome}s. {@link CareAdvisor} reads the state it keeps.
 *
 * <p>An episode opens, linked to an incident, when a paged responder shows a reaction to the page
 * ({@link PageReactionVerdict#REACTION}, or a rise after an {@link PageReactionVerdict#INDETERMINATE} verdict, which
 * marks the episode indeterminate), or is {@code ACUTE} while holding an open incident. One responder has at most
 * one open episode. It closes when they are {@code CALM} again, or when their data stays away ({@code UNKNOWN}) for
 * longer than the settings' gap: {@code ACUTE → UNKNOWN → ACUTE} within the gap is one episode.
 *
 * <p>Pure: time comes in with every call. Safe to call from several threads (one lock).
 */
public final class StressEpisodes {
    private final CareSettings settings;
    private final PartnerHandoff handoff;
    private final Map<String, ResponderCare> responders = new HashMap<>();
    private final List<PendingGrounding> groundings = new ArrayList<>();

    /** What is known of one responder. */
    private static final class ResponderCare {
        StressState state = StressState.UNKNOWN;
        /** Start of the current {@code ACUTE} stretch, kept across a short {@code UNKNOWN} gap; else null. */
        Instant acuteSince;
        /** Since when the data is missing, while it matters (an open episode or an acute stretch); else null. */
        Instant unknownSince;
        final Set<String> openIncidents = new LinkedHashSet<>();
        /**
         * The open incidents whose partner page may still be undecided, in the order of {@link #openIncidents}: every
         * open incident not listed here is decided already, so a partner check looks at these only (a responder
         * holding thousands of incidents costs nothing per page).
         */
        final Set<String> undecided = new LinkedHashSet<>();
        StressEpisode episode;
    }

    private record PendingGrounding(String responder, String incidentId, Instant dueAt) {
    }

    /** Builds an empty tracker. */
    public StressEpisodes(CareSettings settings, PartnerHandoff handoff) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.handoff = Objects.requireNonNull(handoff, "handoff");
    }

    /** The settings the rules run with. */
    public CareSettings settings() {
        return settings;
    }

    /** A change of a responder's stress state, as a {@code StressMonitor} listener receives it. */
    public CareOutcome onTransition(String responder, StressTransition transition) {
        return onStateChange(responder, transition.to(), Instant.ofEpochMilli(transition.atMillis()));
    }

    /**
     * {@code responder}'s stress state became {@code state} at {@code at}. A state rises only on a sample, so an
     * episode this opens is set off by the sample ({@link StressEpisode.Trigger#SAMPLE}).
     */
    public synchronized CareOutcome onStateChange(String responder, StressState state, Instant at) {
        Objects.requireNonNull(state, "state");
        ResponderCare care = care(responder);
        StressState before = care.state;
        care.state = state;
        Builder out = new Builder();
        closeAfterGap(responder, care, at, out);
        switch (state) {
            case ACUTE -> {
                care.unknownSince = null;
                if (care.acuteSince == null) {
                    care.acuteSince = at;
                }
                if (care.episode == null && !care.openIncidents.isEmpty()) {
                    open(responder, care, newest(care.openIncidents), StressEpisode.Cause.ACUTE_DURING_INCIDENT,
                            StressEpisode.Trigger.SAMPLE, false, at, out);
                }
            }
            case ELEVATED -> {
                care.unknownSince = null;
                care.acuteSince = null;
            }
            case CALM -> {
                care.unknownSince = null;
                care.acuteSince = null;
                if (care.episode != null) {
                    close(responder, care, at, responder + " is calm again", out);
                }
            }
            case UNKNOWN -> {
                if (care.unknownSince == null && (care.episode != null || care.acuteSince != null)) {
                    care.unknownSince = at;
                }
            }
        }
        if (before.isStressed() && !state.isStressed()) {
            out.holdsLifted.add(responder);
        }
        partnerCheck(responder, care, at, out);
        return out.build();
    }

    /** The engine paged {@code responder} for {@code incidentId} at {@code at}: they now hold an open incident. */
    public synchronized CareOutcome onPaged(String responder, String incidentId, Instant at) {
        ResponderCare care = care(responder);
        Builder out = new Builder();
        closeAfterGap(responder, care, at, out);
        care.openIncidents.remove(incidentId);
        care.openIncidents.add(incidentId);
        care.undecided.remove(incidentId);
        care.undecided.add(incidentId);
        if (care.state == StressState.ACUTE && care.episode == null) {
            open(responder, care, incidentId, StressEpisode.Cause.ACUTE_DURING_INCIDENT, StressEpisode.Trigger.PAGE,
                    false, at, out);
        }
        partnerCheck(responder, care, at, out);
        return out.build();
    }

    /**
     * The reaction of {@code responder} to their page for {@code incidentId}, judged by {@link PageReactionAnalyzer}
     * (see {@link PendingReactions}). A reaction opens an episode (marked indeterminate when heart rate was already
     * high or rising before the page), unless one is open already or the incident is no longer theirs.
     *
     * @param trigger what the judgement was given on: the sample that completed the reaction, or the window's end
     */
    public synchronized CareOutcome onPageJudged(String responder, String incidentId, PageReaction reaction,
                                                 StressEpisode.Trigger trigger, Instant at) {
        ResponderCare care = care(responder);
        Builder out = new Builder();
        closeAfterGap(responder, care, at, out);
        if (PendingReactions.reacted(reaction) && care.episode == null && care.openIncidents.contains(incidentId)) {
            open(responder, care, incidentId, StressEpisode.Cause.PAGE_REACTION, trigger,
                    reaction.verdict() == PageReactionVerdict.INDETERMINATE, at, out);
        }
        return out.build();
    }

    /** The incident was resolved: nobody holds it any more. Episodes linked to it stay open until calm. */
    public synchronized void onIncidentResolved(String incidentId) {
        responders.values().forEach(care -> {
            care.openIncidents.remove(incidentId);
            care.undecided.remove(incidentId);
        });
        handoff.forget(incidentId);
    }

    /** {@code from} handed the incident over: it no longer counts as theirs (the new holder's page makes it theirs). */
    public synchronized void onHandedOver(HandOver handOver) {
        ResponderCare care = responders.get(handOver.by());
        if (care != null) {
            care.openIncidents.remove(handOver.incidentId());
            care.undecided.remove(handOver.incidentId());
        }
    }

    /** Performs what is due at {@code now}: grounding prompts, episodes closed by a long data gap, partner pages. */
    public synchronized CareOutcome tick(Instant now) {
        Builder out = new Builder();
        for (Iterator<PendingGrounding> it = groundings.iterator(); it.hasNext(); ) {
            PendingGrounding grounding = it.next();
            if (!now.isBefore(grounding.dueAt())) {
                it.remove();
                out.actions.add(new CareAction.SendGroundingPrompt(grounding.responder(), grounding.incidentId()));
                out.note(grounding.incidentId(), now, TimelineKind.GROUNDING_PROMPT,
                        "Sent " + grounding.responder() + " a grounding prompt", Map.of("responder", grounding.responder()));
            }
        }
        responders.forEach((responder, care) -> {
            closeAfterGap(responder, care, now, out);
            partnerCheck(responder, care, now, out);
        });
        return out.build();
    }

    /** When {@link #tick} has something to do next, or empty when nothing is pending. */
    public synchronized Optional<Instant> wakeAt() {
        Instant earliest = null;
        for (PendingGrounding grounding : groundings) {
            earliest = earliest(earliest, grounding.dueAt());
        }
        for (ResponderCare care : responders.values()) {
            if (care.unknownSince != null) {
                earliest = earliest(earliest, care.unknownSince.plus(settings.unknownGap()));
            }
            if (care.state == StressState.ACUTE && care.acuteSince != null && !care.openIncidents.isEmpty()
                    && !handoff.allDecided(care.undecided)) {
                earliest = earliest(earliest, handoff.acuteDueAt(care.acuteSince));
            }
        }
        return Optional.ofNullable(earliest);
    }

    /** The responder's stress state as last reported; {@code UNKNOWN} for one never seen. */
    public synchronized StressState state(String responder) {
        ResponderCare care = responders.get(responder);
        return care == null ? StressState.UNKNOWN : care.state;
    }

    /** The responder's open episode, if any. */
    public synchronized Optional<StressEpisode> openEpisode(String responder) {
        ResponderCare care = responders.get(responder);
        return care == null ? Optional.empty() : Optional.ofNullable(care.episode);
    }

    /** When the responder's breathing window ends, while it lasts at {@code now}. */
    public synchronized Optional<Instant> breathingUntil(String responder, Instant now) {
        return openEpisode(responder).map(StressEpisode::breathingUntil).filter(now::isBefore);
    }

    /** The open incidents the responder holds, oldest first. */
    public synchronized List<String> openIncidents(String responder) {
        ResponderCare care = responders.get(responder);
        return care == null ? List.of() : List.copyOf(care.openIncidents);
    }

    // ---- rules ----

    private void open(String responder, ResponderCare care, String incidentId, StressEpisode.Cause cause,
                      StressEpisode.Trigger trigger, boolean indeterminate, Instant at, Builder out) {
        Instant breathingUntil = at.plus(settings.breathingWindow());
        care.episode = new StressEpisode(responder + "/" + incidentId + "/" + at.toEpochMilli(), responder, incidentId,
                cause, indeterminate, at, breathingUntil);
        String why = switch (cause) {
            case PAGE_REACTION -> indeterminate
                    ? "a reaction after the page, indeterminate: " + responder + " was already stressed before it"
                    : "a reaction to the page";
            case ACUTE_DURING_INCIDENT -> "acute stress while holding the incident";
        };
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("responder", responder);
        fields.put("episode", care.episode.id());
        fields.put("cause", cause.name().toLowerCase(Locale.ROOT));
        fields.put("indeterminate", Boolean.toString(indeterminate));
        fields.put("trigger", trigger.name().toLowerCase(Locale.ROOT));
        out.note(incidentId, at, TimelineKind.STRESS_EPISODE_OPENED,
                "A stress episode opened for " + responder + " (" + why + ")", fields);
        out.actions.add(new CareAction.SendBreathingPrompt(responder, incidentId, settings.breathingCycles()));
        out.note(incidentId, at, TimelineKind.BREATHING_PROMPT, "Sent " + responder + " a breathing prompt ("
                        + PartnerHandoff.words(settings.breathingWindow()) + "); their escalation timer waits until "
                        + breathingUntil,
                Map.of("responder", responder, "until", breathingUntil.toString()));
        groundings.add(new PendingGrounding(responder, incidentId, breathingUntil));
    }

    private void close(String responder, ResponderCare care, Instant at, String why, Builder out) {
        StressEpisode episode = care.episode;
        care.episode = null;
        out.note(episode.incidentId(), at, TimelineKind.STRESS_EPISODE_CLOSED,
                "The stress episode of " + responder + " closed: " + why,
                Map.of("responder", responder, "episode", episode.id()));
    }

    /** Ends an episode and an acute stretch whose data has been missing for longer than the gap. */
    private void closeAfterGap(String responder, ResponderCare care, Instant now, Builder out) {
        if (care.unknownSince == null || now.isBefore(care.unknownSince.plus(settings.unknownGap()))) {
            return;
        }
        Instant since = care.unknownSince;
        care.unknownSince = null;
        care.acuteSince = null;
        if (care.episode != null) {
            close(responder, care, now, "no heart-rate data since " + since, out);
        }
    }

    private void partnerCheck(String responder, ResponderCare care, Instant now, Builder out) {
        CareOutcome partner = handoff.check(responder, care.state, care.acuteSince, care.openIncidents.size(),
                care.undecided, now);
        care.undecided.removeIf(handoff::isDecided);
        out.actions.addAll(partner.actions());
        out.notes.addAll(partner.notes());
    }

    private ResponderCare care(String responder) {
        Objects.requireNonNull(responder, "responder");
        return responders.computeIfAbsent(responder, r -> new ResponderCare());
    }

    private static String newest(Set<String> incidents) {
        String newest = null;
        for (String incident : incidents) {
            newest = incident;
        }
        return newest;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    /** Collects one call's outcome. */
    private static final class Builder {
        final List<CareAction> actions = new ArrayList<>();
        final List<IncidentNote> notes = new ArrayList<>();
        final Set<String> holdsLifted = new HashSet<>();

        void note(String incidentId, Instant at, TimelineKind kind, String text, Map<String, String> fields) {
            notes.add(new IncidentNote(incidentId, new TimelineEntry(at, kind, text, fields)));
        }

        CareOutcome build() {
            return actions.isEmpty() && notes.isEmpty() && holdsLifted.isEmpty()
                    ? CareOutcome.NONE : new CareOutcome(actions, notes, holdsLifted);
        }
    }
}
