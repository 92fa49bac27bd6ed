package dev.limbic.delivery;

import java.util.Locale;

/** What a notification is for; decides how channels render it and whether the rate limit applies. */
public enum NotificationKind {
    /** A page for one incident. */
    PAGE,
    /** Several pages held by the rate limit, delivered as one. */
    PAGE_BUNDLE,
    /** A paced breathing exercise (inhale, hold, exhale) for a responder under acute stress. */
    BREATHING_PROMPT,
    /** A grounding exercise that follows the breathing prompt. */
    GROUNDING_PROMPT,
    /** A call to a partner to join a responder on an incident. */
    PARTNER_JOIN,
    /** Anything else a responder should know (an incident was resolved, handed over). */
    INFO;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /**
     * Whether the per-responder rate limit counts and holds this kind. Prompts are for the responder's own
     * wellbeing and are timed to the moment, so they are never held and never counted.
     */
    public boolean isRateLimited() {
        return this != BREATHING_PROMPT && this != GROUNDING_PROMPT;
    }

    /** The wire name, lower snake case ({@code page_bundle}). */
    public String wireName() {
        return wireName;
    }
}
