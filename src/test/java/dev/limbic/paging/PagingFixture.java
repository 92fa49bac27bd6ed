package dev.limbic.paging;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;

/** The config and payloads the paging tests share. */
final class PagingFixture {
    static final String ALERTMANAGER_SECRET = "am-secret-0123456789";
    static final String ROUTING_KEY = "pd0routing0key0123456789abcdef00";
    static final String ALEX_TOKEN = "alex-live-token-0123456789";
    static final String SAM_TOKEN = "sam-live-token-0123456789";

    private PagingFixture() {
    }

    /**
     * Two responders paged on webhooks at {@code alexUrl} and {@code samUrl}, a policy paging alex then (after five
     * minutes) sam, a policy for alerts labelled {@code team=db} paging sam first, an Alertmanager and a PagerDuty
     * integration; the database under {@code dataDir}.
     */
    static String config(Path dataDir, String alexUrl, String samUrl, int port) {
        return """
                server: {host: 127.0.0.1, port: %d}
                data_dir: %s
                responders:
                  - id: alex
                    timezone: Europe/Berlin
                    live_token: %s
                    channels:
                      - {type: webhook, url: %s, timeout: 2s}
                  - id: sam
                    timezone: UTC
                    live_token: %s
                    channels:
                      - {type: webhook, url: %s, timeout: 2s}
                teams:
                  - {id: sre, members: [alex, sam]}
                escalation_policies:
                  - id: default
                    steps:
                      - {delay: 5m, targets: [responder:alex]}
                      - {delay: 5m, targets: [responder:sam]}
                  - id: databases
                    steps:
                      - {delay: 5m, targets: [responder:sam]}
                routes:
                  - {policy: databases, match: [team=db]}
                default_policy: default
                integrations:
                  - {name: am, type: alertmanager, secret: %s}
                  - {name: pd, type: pagerduty, routing_key: %s}
                """.formatted(port, dataDir, ALEX_TOKEN, alexUrl, SAM_TOKEN, samUrl, ALERTMANAGER_SECRET,
                ROUTING_KEY);
    }

    /** An Alertmanager 0.25 webhook (version 4) with one alert, as Alertmanager sends it. */
    static JsonObject alertmanager(String status, String fingerprint, String summary) {
        return alertmanager(status, fingerprint, summary, "api");
    }

    /** The same, for an alert labelled {@code team=<team>}. */
    static JsonObject alertmanager(String status, String fingerprint, String summary, String team) {
        JsonObject labels = new JsonObject().put("alertname", "HighErrorRate").put("instance", fingerprint)
                .put("severity", "critical").put("team", team);
        JsonObject alert = new JsonObject().put("status", status).put("labels", labels)
                .put("annotations", new JsonObject().put("summary", summary))
                .put("startsAt", "2026-12-01T08:55:37.39Z")
                .put("endsAt", status.equals("resolved") ? "2026-12-01T09:20:37.39Z" : "0001-01-01T00:00:00Z")
                .put("generatorURL", "http://prometheus.example.org:9090/graph").put("fingerprint", fingerprint);
        return new JsonObject().put("receiver", "limbic").put("status", status)
                .put("alerts", new JsonArray().add(alert))
                .put("groupLabels", new JsonObject().put("alertname", "HighErrorRate"))
                .put("commonLabels", labels).put("commonAnnotations", new JsonObject())
                .put("externalURL", "http://alertmanager.example.org:9093").put("version", "4")
                .put("groupKey", "{}:{alertname=\"HighErrorRate\"}").put("truncatedAlerts", 0);
    }

    /** A PagerDuty Events API v2 event, as in PagerDuty's documentation. */
    static JsonObject pagerDuty(String action, String dedupKey) {
        JsonObject event = new JsonObject().put("routing_key", ROUTING_KEY).put("event_action", action)
                .put("dedup_key", dedupKey);
        if (action.equals("trigger")) {
            event.put("payload", new JsonObject().put("summary", "DISK at 99% on machine prod-datapipe03")
                    .put("source", "prod-datapipe03.example.com").put("severity", "critical")
                    .put("component", "mysql").put("group", "prod-datapipe").put("class", "disk")
                    .put("custom_details", new JsonObject().put("free space", "1%")));
        }
        return event;
    }
}
