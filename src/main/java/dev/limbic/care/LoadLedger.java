package dev.limbic.care;

import dev.limbic.alert.Severity;
import dev.limbic.stress.StressState;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The sustainable-load ledger: per responder (and summed per team) pages per shift, night pages in their own
 * timezone, time spent stressed and open incidents; and the fatigue budget, which routes a non-critical night page
 * away from a responder whose night pages of the last 7 days reached it. Keeps page instants for
 * {@value #HISTORY_DAYS} days (shifts longer than that are counted over that span only), and no heart rate at all.
 * Pure: time comes in with every call. Safe to call from several threads (one lock).
 */
public final class LoadLedger {
    /** How many days of page instants are kept. */
    public static final int HISTORY_DAYS = 14;
    private static final Duration WEEK = Duration.ofDays(7);

    private final CareSettings settings;
    private final Function<String, ZoneId> zoneOf;
    private final Map<String, Load> loads = new HashMap<>();

    private static final class Load {
        final Deque<Instant> pages = new ArrayDeque<>();
        final Set<String> openIncidents = new LinkedHashSet<>();
        Instant stressedSince;
        long stressedMillis;
    }

    /**
     * @param settings the night hours and the fatigue budget
     * @param zoneOf   each responder's timezone
     */
    public LoadLedger(CareSettings settings, Function<String, ZoneId> zoneOf) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.zoneOf = Objects.requireNonNull(zoneOf, "zoneOf");
    }

    /** {@code responder} was paged for {@code incidentId} at {@code at}. */
    public synchronized void onPaged(String responder, String incidentId, Instant at) {
        Load load = load(responder);
        load.pages.addLast(at);
        load.openIncidents.add(incidentId);
        prune(load, at);
    }

    /** The incident was resolved (or handed over by everyone): nobody carries it any more. */
    public synchronized void onIncidentResolved(String incidentId) {
        loads.values().forEach(load -> load.openIncidents.remove(incidentId));
    }

    /** {@code responder} handed {@code incidentId} over: they no longer carry it. */
    public synchronized void onHandedOver(HandOver handOver) {
        Load load = loads.get(handOver.by());
        if (load != null) {
            load.openIncidents.remove(handOver.incidentId());
        }
    }

    /** {@code responder}'s stress state became {@code state} at {@code at}. */
    public synchronized void onStateChange(String responder, StressState state, Instant at) {
        Load load = load(responder);
        if (load.stressedSince != null) {
            load.stressedMillis += Math.max(0, Duration.between(load.stressedSince, at).toMillis());
            load.stressedSince = null;
        }
        if (state.isStressed()) {
            load.stressedSince = at;
        }
    }

    /** {@code responder}'s figures at {@code now}, their shift having started at {@code shiftStart}. */
    public synchronized LoadFigures figures(String responder, Instant shiftStart, Instant now) {
        Load load = loads.get(responder);
        if (load == null) {
            return new LoadFigures(responder, 0, 0, 0, 0, budgetSpent(0) ? 1 : 0);
        }
        prune(load, now);
        int shiftPages = (int) load.pages.stream().filter(p -> !p.isBefore(shiftStart) && !p.isAfter(now)).count();
        int nightPages = nightPagesThisWeek(responder, load, now);
        long stressed = load.stressedMillis
                + (load.stressedSince == null ? 0 : Math.max(0, Duration.between(load.stressedSince, now).toMillis()));
        return new LoadFigures(responder, shiftPages, nightPages, stressed / 1000, load.openIncidents.size(),
                budgetSpent(nightPages) ? 1 : 0);
    }

    /** A team's figures: its members' summed, each member's shift start from {@code shiftStartOf}. */
    public synchronized LoadFigures teamFigures(String team, Collection<String> members,
                                                Function<String, Instant> shiftStartOf, Instant now) {
        LoadFigures sum = new LoadFigures(team, 0, 0, 0, 0, 0);
        for (String member : members) {
            sum = sum.plus(team, figures(member, shiftStartOf.apply(member), now));
        }
        return sum;
    }

    /**
     * Whom to page instead of {@code responder} at {@code now}: the first of {@code nextOnSchedule} whose own budget
     * allows it, when the page is not critical, comes at night in {@code responder}'s timezone, and their fatigue
     * budget is spent. Empty means page {@code responder} as planned (also when nobody else can take it: a page is
     * never dropped).
     */
    public synchronized Optional<String> rerouteTo(String responder, Severity severity, List<String> nextOnSchedule,
                                                   Instant now) {
        if (severity.isCritical() || settings.nightPagesPerWeek().isEmpty() || !spentAtNight(responder, now)) {
            return Optional.empty();
        }
        return nextOnSchedule.stream().filter(c -> !c.equals(responder)).filter(c -> !spentAtNight(c, now)).findFirst();
    }

    /**
     * Whether {@code responder}'s fatigue budget is spent at {@code now}: a budget is configured, it is night in their
     * timezone, and their night pages of the last 7 days reached it.
     */
    public synchronized boolean budgetSpentAtNight(String responder, Instant now) {
        return spentAtNight(responder, now);
    }

    /**
     * The share of {@code responder}'s fatigue budget used at {@code now}: night pages of the last 7 days over the
     * budget (1 or more: spent); 0 without a budget. A budget of 0 is spent from the start.
     */
    public synchronized double budgetUsed(String responder, Instant now) {
        if (settings.nightPagesPerWeek().isEmpty()) {
            return 0;
        }
        Load load = loads.get(responder);
        int nightPages = load == null ? 0 : nightPagesThisWeek(responder, load, now);
        int budget = settings.nightPagesPerWeek().getAsInt();
        return budget == 0 ? 1 : (double) nightPages / budget;
    }

    private boolean spentAtNight(String responder, Instant now) {
        if (!settings.isNight(now.atZone(zoneOf.apply(responder)).toLocalTime())) {
            return false;
        }
        Load load = loads.get(responder);
        return budgetSpent(load == null ? 0 : nightPagesThisWeek(responder, load, now));
    }

    private boolean budgetSpent(int nightPages) {
        return settings.nightPagesPerWeek().isPresent() && nightPages >= settings.nightPagesPerWeek().getAsInt();
    }

    private int nightPagesThisWeek(String responder, Load load, Instant now) {
        ZoneId zone = zoneOf.apply(responder);
        Instant from = now.minus(WEEK);
        return (int) load.pages.stream().filter(p -> p.isAfter(from) && !p.isAfter(now))
                .filter(p -> settings.isNight(p.atZone(zone).toLocalTime())).count();
    }

    private static void prune(Load load, Instant now) {
        Instant oldest = now.minus(Duration.ofDays(HISTORY_DAYS));
        while (!load.pages.isEmpty() && load.pages.peekFirst().isBefore(oldest)) {
            load.pages.removeFirst();
        }
    }

    private Load load(String responder) {
        Objects.requireNonNull(responder, "responder");
        return loads.computeIfAbsent(responder, r -> new Load());
    }
}
