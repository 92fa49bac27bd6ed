package dev.limbic.schedule;

/** How long one shift of a {@link Rotation} lasts, in units of its {@code shiftLength}. */
public enum RotationType {
    /** Shifts of {@code shiftLength} calendar days, handed off at the same local time each day (23 or 25 hours across a DST change). */
    DAILY,
    /** Shifts of {@code shiftLength} calendar weeks, handed off at the same local time. */
    WEEKLY,
    /** Shifts of exactly {@code shiftLength} hours of elapsed time, counted from the first handoff. */
    HOURLY
}
