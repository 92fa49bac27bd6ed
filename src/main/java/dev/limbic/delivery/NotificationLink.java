package dev.limbic.delivery;

import java.util.Objects;

/**
 * A link a notification carries (the incident page, a runbook, a dashboard).
 *
 * @param label what the link is, for people
 * @param url   where it goes
 */
public record NotificationLink(String label, String url) {
    public NotificationLink {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(url, "url");
    }
}
