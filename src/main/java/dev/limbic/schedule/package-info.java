/**
 * Who is on call when: {@link dev.limbic.schedule.Rotation}s hand a shift from one participant to the next at a
 * local time of day, {@link dev.limbic.schedule.ScheduleOverride}s put someone else on call for a time range, and a
 * {@link dev.limbic.schedule.Schedule} answers "who is on call at this instant?" as a pure function of the instant.
 * Pure Java; daylight-saving changes are handled through {@link java.time.ZonedDateTime}.
 */
package dev.limbic.schedule;
