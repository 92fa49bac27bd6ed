package dev.limbic.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A rotation: participants take shifts in order, handing off at a local time of day in one timezone.
 *
 * <p>The first participant holds the shift that contains {@code start}; that shift began at the last handoff time at
 * or before {@code start}. Before {@code start} nobody is on call. Daily and weekly handoffs stay at the same local
 * time across daylight-saving changes (a handoff time that falls into a spring-forward gap moves forward by the gap,
 * as {@link ZonedDateTime#of} does); hourly shifts are exact elapsed hours.
 *
 * @param name         the rotation's name, for people
 * @param type         daily, weekly or hourly shifts
 * @param shiftLength  how many days, weeks or hours one shift lasts, at least 1
 * @param participants responder ids in shift order; may repeat a responder; empty means nobody is ever on call
 * @param start        when the rotation begins
 * @param handoffTime  the local time of day at which shifts change
 * @param zone         the timezone of {@code handoffTime}
 */
public record Rotation(String name, RotationType type, int shiftLength, List<String> participants, Instant start,
                       LocalTime handoffTime, ZoneId zone) {
    public Rotation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(handoffTime, "handoffTime");
        Objects.requireNonNull(zone, "zone");
        if (shiftLength < 1) {
            throw new IllegalArgumentException("shiftLength must be at least 1, was " + shiftLength);
        }
        participants = List.copyOf(participants);
    }

    /** The participant on call at {@code at}, or empty before the start or when there are no participants. */
    public Optional<String> onCallAt(Instant at) {
        if (at.isBefore(start) || participants.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(participants.get((int) Math.floorMod(shiftIndexAt(at), (long) participants.size())));
    }

    /** The first handoff strictly after {@code at}: the start if {@code at} is before it, else the end of the current shift. */
    public Instant nextHandoffAfter(Instant at) {
        if (at.isBefore(start)) {
            return start;
        }
        return shiftBoundary(shiftIndexAt(at) + 1);
    }

    /** The index of the shift that contains {@code at} (0 is the shift containing {@code start}). */
    long shiftIndexAt(Instant at) {
        long nominalSeconds = nominalShift().getSeconds();
        long k = Math.floorDiv(Duration.between(firstHandoff().toInstant(), at).getSeconds(), nominalSeconds);
        while (shiftBoundary(k).isAfter(at)) {
            k--;
        }
        while (!shiftBoundary(k + 1).isAfter(at)) {
            k++;
        }
        return k;
    }

    /** When shift {@code k} begins. */
    Instant shiftBoundary(long k) {
        ZonedDateTime first = firstHandoff();
        return switch (type) {
            case DAILY -> localHandoff(first.toLocalDate().plusDays(k * shiftLength));
            case WEEKLY -> localHandoff(first.toLocalDate().plusWeeks(k * shiftLength));
            case HOURLY -> first.toInstant().plus(Duration.ofHours(k * shiftLength));
        };
    }

    private Duration nominalShift() {
        return switch (type) {
            case DAILY -> Duration.ofDays(shiftLength);
            case WEEKLY -> Duration.ofDays(7L * shiftLength);
            case HOURLY -> Duration.ofHours(shiftLength);
        };
    }

    /** The last handoff time at or before {@code start}: where shift 0 begins. */
    private ZonedDateTime firstHandoff() {
        LocalDate day = start.atZone(zone).toLocalDate();
        ZonedDateTime handoff = ZonedDateTime.of(day, handoffTime, zone);
        return handoff.toInstant().isAfter(start) ? ZonedDateTime.of(day.minusDays(1), handoffTime, zone) : handoff;
    }

    private Instant localHandoff(LocalDate day) {
        return ZonedDateTime.of(day, handoffTime, zone).toInstant();
    }
}
