package dev.limbic.config;

import dev.limbic.alert.Severity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code integrations[]}: name, type, the secret ({@code secret}, or {@code routing_key} for PagerDuty),
 * {@code dedup}, {@code default_severity} and {@code max_body_bytes}. Routing keys must be unique: the PagerDuty
 * endpoint finds its integration by the key's digest.
 */
final class IntegrationsSection {
    static final int MIN_SECRET_LENGTH = 16;
    static final long MAX_BODY_BYTES = 64L * 1024 * 1024;

    private IntegrationsSection() {
    }

    static List<IntegrationConfig> read(YamlObject root, Ids ids) {
        List<IntegrationConfig> integrations = new ArrayList<>();
        Map<SecretDigest, String> routingKeys = new HashMap<>();
        for (YamlObject.Item item : root.objects("integrations")) {
            YamlObject i = item.object();
            String name = ids.claim(i, "name");
            IntegrationConfig.Type type = type(i);
            SecretDigest secret = null;
            if (type != null) {
                secret = secret(i, type, routingKeys);
            } else {
                i.skip("secret", "routing_key");
            }
            IntegrationConfig.Dedup dedup = IntegrationConfig.Dedup.ALERT;
            if (i.has("dedup") && type != null && !type.groupsAlerts()) {
                i.problem("dedup", "is only for alertmanager and grafana integrations");
            } else if (i.has("dedup")) {
                String mode = i.string("dedup", "alert");
                try {
                    dedup = IntegrationConfig.Dedup.valueOf(mode.trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    i.problem("dedup", "'" + mode + "' must be alert (one incident per alert) or group (one per notification group)");
                }
            }
            Severity severity = Severity.ERROR;
            if (i.has("default_severity")) {
                String text = i.string("default_severity", "error");
                severity = Severity.parse(text).orElseGet(() -> {
                    i.problem("default_severity", "'" + text + "' is not a severity (critical, error, warning or info)");
                    return Severity.ERROR;
                });
            }
            long defaultLimit = type == IntegrationConfig.Type.PAGERDUTY
                    ? IntegrationConfig.DEFAULT_PAGERDUTY_BODY_BYTES : IntegrationConfig.DEFAULT_WEBHOOK_BODY_BYTES;
            long maxBody = i.integer("max_body_bytes", (int) defaultLimit, 1024, (int) MAX_BODY_BYTES);
            i.rejectUnknownKeys();
            if (name != null && type != null && secret != null) {
                integrations.add(new IntegrationConfig(name, type, secret, dedup, severity, maxBody));
            }
        }
        return integrations;
    }

    private static IntegrationConfig.Type type(YamlObject i) {
        String text = i.requiredString("type");
        if (text == null) {
            return null;
        }
        try {
            return IntegrationConfig.Type.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            i.problem("type", "'" + text + "' is not an integration type (alertmanager, grafana, pagerduty or generic)");
            return null;
        }
    }

    private static SecretDigest secret(YamlObject i, IntegrationConfig.Type type, Map<SecretDigest, String> routingKeys) {
        boolean pagerDuty = type == IntegrationConfig.Type.PAGERDUTY;
        String key = pagerDuty ? "routing_key" : "secret";
        String other = pagerDuty ? "secret" : "routing_key";
        if (i.has(other)) {
            i.problem(other, pagerDuty ? "a pagerduty integration is authenticated by its routing_key, not a secret"
                    : "only pagerduty integrations have a routing_key; this one takes a bearer secret");
        }
        String text = i.requiredString(key);
        if (text == null) {
            return null;
        }
        if (text.length() < MIN_SECRET_LENGTH) {
            i.problem(key, "must be at least " + MIN_SECRET_LENGTH + " characters");
            return null;
        }
        SecretDigest digest = SecretDigest.of(text);
        if (pagerDuty) {
            String owner = routingKeys.putIfAbsent(digest, i.path());
            if (owner != null) {
                i.problem(key, "is the same as the routing_key of " + owner + " (events must name one integration)");
            }
        }
        return digest;
    }
}
