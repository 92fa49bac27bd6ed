/**
 * Alerts as Limbic understands them, whatever system sent them: one {@link dev.limbic.alert.AlertEvent}
 * per alert in a webhook, keyed for deduplication into incidents. Pure Java.
 */
package dev.limbic.alert;
