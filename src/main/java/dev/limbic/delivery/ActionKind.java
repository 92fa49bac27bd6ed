package dev.limbic.delivery;

import java.util.Locale;
import java.util.Optional;

/** What a responder can do about a notification from the channel that showed it. */
public enum ActionKind {
    ACKNOWLEDGE, RESOLVE, SNOOZE, ESCALATE, HAND_OVER,
    /** Add the responder's own words to the incident timeline (for example after the grounding prompt). */
    NOTE;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The wire name, lower snake case ({@code hand_over}). */
    public String wireName() {
        return wireName;
    }

    /** The action called {@code name} on the wire, if there is one. */
    public static Optional<ActionKind> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (ActionKind kind : values()) {
            if (kind.wireName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
