/**
 * Alerts as Limbic understands them, whatever system sent them: one {@link dev.limbic.alert.AlertEvent}
 * per alert in a webhook, keyed for deduplication into incidents, and the {@link dev.limbic.alert.Router} that
 * sends each alert to an escalation policy by its integration and labels. Pure Java.
 */
package dev.limbic.alert;
