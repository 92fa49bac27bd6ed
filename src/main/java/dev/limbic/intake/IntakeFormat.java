package dev.limbic.intake;

import java.util.Locale;
import java.util.Optional;

/** The wire format an integration speaks; also its {@code type} in the configuration. */
public enum IntakeFormat {
    /** Prometheus Alertmanager webhook, payload {@code "version": "4"}. */
    ALERTMANAGER,
    /** Grafana alerting webhook contact point, payload {@code "version": "1"}. */
    GRAFANA,
    /** PagerDuty Events API v2 ({@code POST /v2/enqueue}), authenticated by {@code routing_key}. */
    PAGERDUTY,
    /** Limbic's own small JSON format for everything else. */
    GENERIC;

    /** The name used in configuration, URLs and metric tags. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format named {@code name} (case-insensitive), if it is one. */
    public static Optional<IntakeFormat> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (IntakeFormat format : values()) {
            if (format.wireName().equalsIgnoreCase(name.trim())) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
