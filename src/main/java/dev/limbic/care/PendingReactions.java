package dev.limbic.care;

import dev.limbic.stress.HeartRateHistory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The pages whose heart-rate reaction is still to be judged, and their judging by {@link PageReactionAnalyzer}.
 *
 * <p>A reaction is certain as soon as the sample that completes it is in the responder's history, so every sample of a
 * responder with a pending page is judged at once ({@link #onSample}): the decisive sample itself answers
 * {@link PageReactionVerdict#REACTION} (or a rise after an {@link PageReactionVerdict#INDETERMINATE} start), and
 * nothing waits for a timer. Only the verdicts that need the whole window after the page (no reaction, no data) are
 * given on time: {@link #takeDue} at {@link #nextDueAtMillis}, then {@link #judgeAtEnd}.
 *
 * <p>Pure, and not thread-safe: one owner calls it (the care runtime's context); the histories passed in are read
 * under their detector's lock by the caller.
 */
public final class PendingReactions {
    /**
     * A page still to be judged.
     *
     * @param baselineBpm the responder's learned baseline at the page, or {@code NaN}
     * @param dueAtMillis when the whole window after the page has passed
     */
    public record Pending(String responder, String incidentId, long pageAtMillis, double baselineBpm,
                          long dueAtMillis) {
        public Pending {
            Objects.requireNonNull(responder, "responder");
            Objects.requireNonNull(incidentId, "incidentId");
        }
    }

    /**
     * A page judged: its reaction, and what the judgement was given on ({@link StressEpisode.Trigger#SAMPLE}: the sample
     * that completed the reaction; {@link StressEpisode.Trigger#TIMER}: the end of the window).
     */
    public record Judged(String responder, String incidentId, PageReaction reaction, StressEpisode.Trigger trigger) {
        /** Whether the heart rate reacted (an episode may open): a held rise, indeterminate or not. */
        public boolean reacted() {
            return PendingReactions.reacted(reaction);
        }
    }

    private final PageReactionAnalyzer analyzer;
    /** Pending pages by responder, each list in the order the pages came. */
    private final Map<String, List<Pending>> byResponder = new HashMap<>();

    public PendingReactions(PageReactionAnalyzer analyzer) {
        this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
    }

    /**
     * {@code responder} was paged for {@code incidentId} at {@code pageAtMillis}: their reaction is to be judged. A
     * page they had pending for the same incident is replaced (the newest page is the one to react to).
     */
    public void add(String responder, String incidentId, long pageAtMillis, double baselineBpm) {
        List<Pending> pending = byResponder.computeIfAbsent(responder, r -> new ArrayList<>());
        pending.removeIf(p -> p.incidentId().equals(incidentId));
        pending.add(new Pending(responder, incidentId, pageAtMillis, baselineBpm, analyzer.dueAtMillis(pageAtMillis)));
    }

    /** Whether a page of {@code responder}'s waits for their heart rate. */
    public boolean awaits(String responder) {
        return byResponder.containsKey(responder);
    }

    /** The incident was resolved: none of its pages is judged any more. */
    public void forgetIncident(String incidentId) {
        byResponder.values().forEach(pending -> pending.removeIf(p -> p.incidentId().equals(incidentId)));
        byResponder.values().removeIf(List::isEmpty);
    }

    /**
     * A sample of {@code responder}'s has just been taken into {@code history}: judges each of their pending pages on
     * it. The pages whose reaction has now held are judged (trigger {@code SAMPLE}) and no longer pending; the others
     * wait for the next sample or the end of their window.
     */
    public List<Judged> onSample(String responder, HeartRateHistory history) {
        List<Pending> pending = byResponder.get(responder);
        if (pending == null) {
            return List.of();
        }
        List<Judged> judged = new ArrayList<>(1);
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending page = it.next();
            PageReaction reaction = analyzer.analyzeSoFar(history, page.pageAtMillis(), page.baselineBpm());
            if (reacted(reaction)) {
                it.remove();
                judged.add(new Judged(responder, page.incidentId(), reaction, StressEpisode.Trigger.SAMPLE));
            }
        }
        if (pending.isEmpty()) {
            byResponder.remove(responder);
        }
        return judged;
    }

    /** The pending pages whose window has passed at {@code nowMillis}; they are no longer pending. */
    public List<Pending> takeDue(long nowMillis) {
        List<Pending> due = new ArrayList<>();
        for (Iterator<List<Pending>> lists = byResponder.values().iterator(); lists.hasNext(); ) {
            List<Pending> pending = lists.next();
            for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
                Pending page = it.next();
                if (nowMillis >= page.dueAtMillis()) {
                    it.remove();
                    due.add(page);
                }
            }
            if (pending.isEmpty()) {
                lists.remove();
            }
        }
        return due;
    }

    /**
     * The final verdict on a page taken by {@link #takeDue}, from the responder's {@code history} ({@code null} when
     * there is none: no data), given on time (trigger {@code TIMER}).
     */
    public Judged judgeAtEnd(Pending page, HeartRateHistory history) {
        PageReaction reaction = history == null
                ? new PageReaction(page.pageAtMillis(), PageReactionVerdict.NO_DATA, Double.NaN, Double.NaN,
                page.baselineBpm(), Double.NaN, Long.MIN_VALUE, "no heart-rate data")
                : analyzer.analyze(history, page.pageAtMillis(), page.baselineBpm());
        return new Judged(page.responder(), page.incidentId(), reaction, StressEpisode.Trigger.TIMER);
    }

    /** When the earliest pending window ends, or empty with nothing pending. */
    public OptionalLong nextDueAtMillis() {
        long earliest = Long.MAX_VALUE;
        for (List<Pending> pending : byResponder.values()) {
            for (Pending page : pending) {
                earliest = Math.min(earliest, page.dueAtMillis());
            }
        }
        return earliest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(earliest);
    }

    /** Whether {@code reaction} is a held rise after the page (a reaction, or a rise after an indeterminate start). */
    static boolean reacted(PageReaction reaction) {
        return reaction.verdict() == PageReactionVerdict.REACTION
                || reaction.verdict() == PageReactionVerdict.INDETERMINATE && reaction.hasReactionTime();
    }
}
