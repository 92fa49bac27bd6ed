package dev.limbic.intake;

import java.util.Locale;
import java.util.Optional;

/** How an Alertmanager or Grafana integration turns a webhook into incidents. */
public enum DedupMode {
    /** One incident per alert, keyed by its fingerprint (or a hash of its labels when it has none). */
    ALERT,
    /** One incident per notification group, keyed by the webhook's {@code groupKey}. */
    GROUP;

    /** The name used in configuration ({@code dedup: alert|group}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named {@code name} (case-insensitive), if it is one. */
    public static Optional<DedupMode> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (DedupMode mode : values()) {
            if (mode.wireName().equalsIgnoreCase(name.trim())) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
