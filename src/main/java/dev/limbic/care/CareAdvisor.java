package dev.limbic.care;

import dev.limbic.escalation.Hold;
import dev.limbic.escalation.HoldAdvisor;
import dev.limbic.stress.StressState;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The stress-aware {@link HoldAdvisor}: build the {@code EscalationEngine} with it and
 * {@link CareSettings#engineMaxHold()}.
 *
 * <ul>
 *   <li>Breathing window: while a responder's new stress episode has them breathing, escalating past them waits
 *       until the window ends (at most {@code breathingCycles × 6 s} after the episode opened).</li>
 *   <li>Deferral: while a responder is {@code ELEVATED} or {@code ACUTE} (or breathing), a non-critical page to them
 *       waits until they calm down or {@code deferMax} after it was first held, whichever comes first.</li>
 *   <li>Never for critical incidents, and never while the responder's state is {@code UNKNOWN} (no or stale data):
 *       then Limbic is a plain pager.</li>
 * </ul>
 * The engine puts every hold on the incident's timeline with the reason given here, and caps it at its own bound
 * whatever this advisor says.
 */
public final class CareAdvisor implements HoldAdvisor {
    private final CareSettings settings;
    private final StressEpisodes episodes;
    /**
     * When a page to a responder for an incident was first held: its deferral is counted from then. An entry is
     * forgotten when the page goes out, or once the engine's bound after it has passed (no page held then is still
     * held); before that, a page past {@code deferMax} is not held again.
     */
    private final Map<DeferralKey, Instant> deferredSince = new HashMap<>();

    private record DeferralKey(String incidentId, String responder) {
    }

    public CareAdvisor(StressEpisodes episodes) {
        this.episodes = Objects.requireNonNull(episodes, "episodes");
        this.settings = episodes.settings();
    }

    @Override
    public Optional<Hold> advise(Question question, Instant now) {
        if (question.severity().isCritical()) {
            return Optional.empty();
        }
        String responder = question.responderId();
        StressState state = episodes.state(responder);
        if (state == StressState.UNKNOWN) {
            return Optional.empty();
        }
        Optional<Instant> breathing = episodes.breathingUntil(responder, now);
        return switch (question.subject()) {
            case ESCALATION -> breathing.map(until -> new Hold(responder + " is taking a breath (breathing prompt, "
                    + PartnerHandoff.words(settings.breathingWindow()) + ")", until));
            case PAGE -> state.isStressed() || breathing.isPresent()
                    ? defer(question.incidentId(), responder, state, now) : release(question.incidentId(), responder);
        };
    }

    private synchronized Optional<Hold> defer(String incidentId, String responder, StressState state, Instant now) {
        if (settings.deferMax().isZero()) {
            return Optional.empty();
        }
        deferredSince.values().removeIf(since -> !now.isBefore(since.plus(settings.engineMaxHold())));
        Instant since = deferredSince.computeIfAbsent(new DeferralKey(incidentId, responder), k -> now);
        Instant until = since.plus(settings.deferMax());
        if (!until.isAfter(now)) {
            return Optional.empty();
        }
        String why = state.isStressed()
                ? responder + " is under " + (state == StressState.ACUTE ? "acute" : "elevated") + " stress"
                : responder + " is taking a breath";
        return Optional.of(new Hold(why + "; this non-critical page waits until they calm down, at most "
                + PartnerHandoff.words(settings.deferMax()), until));
    }

    private synchronized Optional<Hold> release(String incidentId, String responder) {
        deferredSince.remove(new DeferralKey(incidentId, responder));
        return Optional.empty();
    }
}
