package dev.limbic.care;

/** What a responder's heart rate says about their reaction to a page. */
public enum PageReactionVerdict {
    /** Heart rate rose clearly over its level before the page and stayed there. */
    REACTION,
    /** Heart rate stayed near its level before the page. */
    NO_REACTION,
    /** Heart rate was already high, or already rising, before the page: a rise cannot be blamed on it. */
    INDETERMINATE,
    /** Too little heart-rate data before or after the page to judge. */
    NO_DATA
}
