/**
 * Getting notifications to responders: the {@link dev.limbic.notify.Channel}s (responder live stream, generic
 * JSON webhook, Slack-compatible webhook, ntfy) and the {@link dev.limbic.notify.NotificationDispatcher} that
 * rate-limits, retries and fails over between a responder's channels. Vert.x edge; the decisions it acts on
 * live in the pure {@code dev.limbic.delivery} package.
 */
package dev.limbic.notify;
