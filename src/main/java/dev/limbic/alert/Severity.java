package dev.limbic.alert;

import java.util.Locale;
import java.util.Optional;

/** How bad an alert is, on the PagerDuty Events API v2 scale. Only {@code CRITICAL} is never held for stress. */
public enum Severity {
    CRITICAL, ERROR, WARNING, INFO;

    /** Critical pages never wait on a responder's stress state. */
    public boolean isCritical() {
        return this == CRITICAL;
    }

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The wire name, as in PagerDuty's {@code payload.severity}. */
    public String wireName() {
        return wireName;
    }

    /** The severity named {@code name} (case-insensitive), if it is one. */
    public static Optional<Severity> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (Severity severity : values()) {
            if (severity.wireName().equalsIgnoreCase(name.trim())) {
                return Optional.of(severity);
            }
        }
        return Optional.empty();
    }
}
