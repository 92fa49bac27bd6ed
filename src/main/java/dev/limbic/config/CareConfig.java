package dev.limbic.config;

import dev.limbic.care.CareSettings;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The bounds of Limbic's stress-aware behaviour: how long stress may hold or defer a page, when a partner is asked
 * to join, what counts as a night page, and how long stress episodes are kept.
 *
 * @param breathingCycles           cycles of the breathing prompt (inhale, hold, exhale: 6 s each)
 * @param holdMax                   the longest an escalation timer is held for the breathing window
 * @param deferMax                  the longest a non-critical page waits for a stressed responder to calm down
 * @param partnerAfterAcute         how long {@code ACUTE} lasts during an open incident before the partner is paged
 * @param partnerAfterOpenIncidents the number of open incidents a responder carries above which the partner is paged
 * @param nightPagesPerWeek         the fatigue budget: night pages per week after which non-critical pages go to
 *                                  the next person on the schedule; empty for no budget
 * @param nightStart                when night begins, in each responder's own timezone
 * @param nightEnd                  when night ends (before {@code nightStart}: the night spans midnight)
 * @param episodeRetention          how long stress episodes and states are kept
 */
public record CareConfig(int breathingCycles, Duration holdMax, Duration deferMax, Duration partnerAfterAcute,
                         int partnerAfterOpenIncidents, OptionalInt nightPagesPerWeek, LocalTime nightStart,
                         LocalTime nightEnd, Duration episodeRetention) {
    /** One breathing cycle: inhale 2 s, hold 2 s, exhale 2 s. */
    public static final Duration BREATHING_CYCLE = Duration.ofSeconds(6);

    /** The defaults: 1 cycle, hold at most 1m, defer at most 10m, partner after 3m acute or 3 open incidents, no
     * fatigue budget, nights 22:00–07:00, episodes kept 30 days. */
    public static CareConfig defaults() {
        return new CareConfig(1, Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofMinutes(3), 3,
                OptionalInt.empty(), LocalTime.of(22, 0), LocalTime.of(7, 0), Duration.ofDays(30));
    }

    public CareConfig {
        Objects.requireNonNull(holdMax, "holdMax");
        Objects.requireNonNull(deferMax, "deferMax");
        Objects.requireNonNull(partnerAfterAcute, "partnerAfterAcute");
        Objects.requireNonNull(nightPagesPerWeek, "nightPagesPerWeek");
        Objects.requireNonNull(nightStart, "nightStart");
        Objects.requireNonNull(nightEnd, "nightEnd");
        Objects.requireNonNull(episodeRetention, "episodeRetention");
        if (breathingCycles < 1) {
            throw new IllegalArgumentException("breathingCycles must be at least 1, was " + breathingCycles);
        }
        if (holdMax.compareTo(breathingWindow(breathingCycles)) < 0) {
            throw new IllegalArgumentException("holdMax must cover the breathing window, was " + holdMax);
        }
    }

    /** How long the breathing prompt lasts. */
    public Duration breathingWindow() {
        return breathingWindow(breathingCycles);
    }

    /** Whether {@code time}, a responder's local time of day, is at night. */
    public boolean isNight(LocalTime time) {
        if (nightStart.isBefore(nightEnd)) {
            return !time.isBefore(nightStart) && time.isBefore(nightEnd);
        }
        return !time.isBefore(nightStart) || time.isBefore(nightEnd);
    }

    /**
     * The pure settings the stress-aware rules run with; a stressed responder's data may be missing for
     * {@code unknownGap} within one episode.
     */
    public CareSettings settings(Duration unknownGap) {
        return new CareSettings(breathingCycles, holdMax, deferMax, partnerAfterAcute, partnerAfterOpenIncidents,
                nightPagesPerWeek, nightStart, nightEnd, unknownGap);
    }

    static Duration breathingWindow(int cycles) {
        return BREATHING_CYCLE.multipliedBy(cycles);
    }
}
