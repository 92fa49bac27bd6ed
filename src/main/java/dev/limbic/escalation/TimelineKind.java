package dev.limbic.escalation;

import java.util.Locale;

/** What kind of thing a {@link TimelineEntry} records. */
public enum TimelineKind {
    /** A responder was paged. */
    PAGED,
    /** A step had nobody on call and was passed over. */
    STEP_SKIPPED,
    /** No step had anybody on call; the engine looks again later. */
    NOBODY_ON_CALL,
    /** The policy's last step (of its last repeat) passed without an acknowledgement. */
    POLICY_EXHAUSTED,
    /** The policy starts another pass. */
    REPEATED,
    ACKNOWLEDGED,
    /** An acknowledgement timed out; the incident pages again. */
    ACK_TIMEOUT,
    SNOOZED,
    SNOOZE_ENDED,
    /** Someone asked to escalate now. */
    ESCALATED_MANUALLY,
    REASSIGNED,
    RESOLVED,
    /** A page is held (deferred) for a reason, until a bounded time. */
    PAGE_HELD,
    /** The escalation timer is held for a reason, until a bounded time. */
    TIMER_HELD,
    /** A hold ended: the advisor lifted it or its bound was reached. */
    HOLD_ENDED,
    /** A held page was dropped because the incident was acknowledged, snoozed or resolved first. */
    HOLD_CANCELLED,
    /** A hold was asked for and refused (critical incident, or holds disabled). */
    HOLD_REFUSED,
    /** A page went to the next person on the schedule: the responder's fatigue budget (night pages) was spent. */
    PAGE_REROUTED,
    /** A stress episode of a paged responder opened (a reaction to the page, or acute stress during it). */
    STRESS_EPISODE_OPENED,
    /** A stress episode closed: the responder calmed down, or their heart-rate data stayed away. */
    STRESS_EPISODE_CLOSED,
    /** A breathing prompt was sent to a responder. */
    BREATHING_PROMPT,
    /** A grounding prompt followed the breathing prompt. */
    GROUNDING_PROMPT,
    /** A responder's partner was paged to join them. */
    PARTNER_PAGED,
    /** A responder handed the incident over to someone else. */
    HANDED_OVER;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used in the API and the database. */
    public String wireName() {
        return wireName;
    }
}
