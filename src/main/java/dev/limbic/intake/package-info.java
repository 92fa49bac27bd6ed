/**
 * Alert intake over HTTP: the Prometheus Alertmanager and Grafana alerting webhooks, a drop-in PagerDuty
 * Events API v2 endpoint and a generic JSON webhook. Each request is authenticated against its
 * {@link dev.limbic.intake.Integration}, parsed into {@link dev.limbic.alert.AlertEvent}s and handed to an
 * {@link dev.limbic.intake.AlertSink}; the sender gets a 2xx only once the sink has committed them.
 * An edge package: it uses Vert.x Web, Jackson and Micrometer and depends on the {@code alert} core.
 */
package dev.limbic.intake;
