package dev.limbic.care;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The bounds of the stress-aware rules, built once from the configuration (the app maps {@code care:} onto it).
 *
 * @param breathingCycles           cycles of the breathing prompt, 6 s each, at least 1
 * @param holdMax                   the longest the breathing window may hold an escalation timer; at least the window
 * @param deferMax                  the longest a non-critical page waits for a stressed responder; zero never defers
 * @param partnerAfterAcute         how long {@code ACUTE} lasts during an open incident before the partner is paged
 * @param partnerAfterOpenIncidents open incidents a responder may carry; one more pages their partner
 * @param nightPagesPerWeek         the fatigue budget (night pages in the last 7 days), or empty for none
 * @param nightStart                when night begins, in each responder's own timezone
 * @param nightEnd                  when night ends (before {@code nightStart}: the night spans midnight)
 * @param unknownGap                how long a stressed responder's data may be missing ({@code UNKNOWN}) and a return
 *                                  to stress still count as the same episode
 */
public record CareSettings(int breathingCycles, Duration holdMax, Duration deferMax, Duration partnerAfterAcute,
                           int partnerAfterOpenIncidents, OptionalInt nightPagesPerWeek, LocalTime nightStart,
                           LocalTime nightEnd, Duration unknownGap) {
    /** One breathing cycle: inhale 2 s, hold 2 s, exhale 2 s. */
    public static final Duration BREATHING_CYCLE = Duration.ofSeconds(6);

    public CareSettings {
        Objects.requireNonNull(holdMax, "holdMax");
        Objects.requireNonNull(deferMax, "deferMax");
        Objects.requireNonNull(partnerAfterAcute, "partnerAfterAcute");
        Objects.requireNonNull(nightPagesPerWeek, "nightPagesPerWeek");
        Objects.requireNonNull(nightStart, "nightStart");
        Objects.requireNonNull(nightEnd, "nightEnd");
        Objects.requireNonNull(unknownGap, "unknownGap");
        require(breathingCycles >= 1, "breathing_cycles must be at least 1, was " + breathingCycles);
        require(holdMax.compareTo(BREATHING_CYCLE.multipliedBy(breathingCycles)) >= 0,
                "hold_max must cover the breathing window, was " + holdMax);
        require(!deferMax.isNegative(), "defer_max must not be negative, was " + deferMax);
        require(!partnerAfterAcute.isNegative() && !partnerAfterAcute.isZero(), "partner_after_acute must be positive, was " + partnerAfterAcute);
        require(partnerAfterOpenIncidents >= 1,
                "partner_after_open_incidents must be at least 1, was " + partnerAfterOpenIncidents);
        require(nightPagesPerWeek.isEmpty() || nightPagesPerWeek.getAsInt() >= 0,
                "fatigue.night_pages_per_week must not be negative");
        require(!nightStart.equals(nightEnd), "night end must differ from its start");
        require(!unknownGap.isNegative(), "unknownGap must not be negative, was " + unknownGap);
    }

    /**
     * The defaults, as in the configuration: one breathing cycle, timer held at most 1 minute, pages deferred at most
     * 10 minutes, the partner after 3 minutes of acute stress or more than 3 open incidents, no fatigue budget,
     * nights 22:00–07:00, a gap of 1 minute without data inside one episode.
     */
    public static CareSettings defaults() {
        return new CareSettings(1, Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofMinutes(3), 3,
                OptionalInt.empty(), LocalTime.of(22, 0), LocalTime.of(7, 0), Duration.ofMinutes(1));
    }

    /** How long the breathing prompt lasts: the escalation timer of a breathing responder is held this long. */
    public Duration breathingWindow() {
        return BREATHING_CYCLE.multipliedBy(breathingCycles);
    }

    /**
     * The bound to build the {@code EscalationEngine} with: the longer of the two holds care asks for. The engine
     * enforces it on every page and timer whatever the advisor says.
     */
    public Duration engineMaxHold() {
        return holdMax.compareTo(deferMax) >= 0 ? holdMax : deferMax;
    }

    /** Whether {@code time}, a responder's local time of day, is at night. */
    public boolean isNight(LocalTime time) {
        if (nightStart.isBefore(nightEnd)) {
            return !time.isBefore(nightStart) && time.isBefore(nightEnd);
        }
        return !time.isBefore(nightStart) || time.isBefore(nightEnd);
    }

    private static void require(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(problem);
        }
    }
}
