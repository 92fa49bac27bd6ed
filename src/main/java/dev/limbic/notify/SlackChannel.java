package dev.limbic.notify;

import dev.limbic.delivery.DeliveryResult;
import dev.limbic.delivery.Notification;
import dev.limbic.delivery.NotificationKind;
import dev.limbic.delivery.NotificationLink;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Slack-compatible incoming webhook: POSTs {@code {"text": "..."}}, which Slack, Mattermost and Rocket.Chat
 * all accept. The text is the severity and title on the first line, then the short text and the links. The
 * three characters Slack treats as markup ({@code & < >}) are escaped as Slack asks; Mattermost and Rocket.Chat
 * read the same entities back as the characters.
 */
public final class SlackChannel implements Channel {
    /** Longest text sent; Slack truncates messages well beyond this. */
    static final int MAX_TEXT_CHARS = 3000;

    private final String name;
    private final WebClient client;
    private final HttpDelivery http;
    private final URI url;

    /**
     * @param name    the configured channel name
     * @param url     the incoming-webhook URL (absolute http or https)
     * @param timeout the longest one attempt may take
     */
    public SlackChannel(Vertx vertx, WebClient client, Clock clock, String name, URI url, Duration timeout) {
        this.name = name;
        this.client = client;
        this.http = new HttpDelivery(vertx, clock, timeout);
        this.url = ChannelSpec.requireHttpUrl(url, "url");
    }

    @Override
    public String type() {
        return "slack";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Future<DeliveryResult> deliver(Notification notification) {
        JsonObject body = new JsonObject().put("text", text(notification));
        return http.attempt(client.postAbs(url.toString()), r -> r.sendJsonObject(body));
    }

    /** The message text: "[CRITICAL] title", then the body, then one line per link. */
    static String text(Notification notification) {
        StringBuilder text = new StringBuilder();
        boolean page = notification.kind() == NotificationKind.PAGE || notification.kind() == NotificationKind.PAGE_BUNDLE;
        if (page) {
            text.append('[').append(notification.severity().wireName().toUpperCase(Locale.ROOT)).append("] ");
        }
        text.append(notification.titledText(MAX_TEXT_CHARS));
        for (NotificationLink link : notification.links()) {
            text.append('\n').append(link.label()).append(": ").append(link.url());
        }
        String escaped = text.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return escaped.length() <= MAX_TEXT_CHARS ? escaped : escaped.substring(0, MAX_TEXT_CHARS - 1) + "…";
    }
}
