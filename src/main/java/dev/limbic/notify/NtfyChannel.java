package dev.limbic.notify;

import dev.limbic.alert.Severity;
import dev.limbic.delivery.DeliveryResult;
import dev.limbic.delivery.Notification;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * ntfy push notifications (ntfy.sh or self-hosted): POST to {@code <server>/<topic>} with the short text as
 * body and the headers {@code Title}, {@code Priority} (critical 5, error 4, warning 3, info 2), {@code Tags}
 * (an emoji short code for the severity, which ntfy shows as an icon, the severity itself, then the
 * notification's tags), {@code Click} (the first link) and, if configured,
 * {@code Authorization: Bearer <access token>}. Header values with non-ASCII characters are sent RFC 2047
 * encoded, which ntfy decodes.
 */
public final class NtfyChannel implements Channel {
    /** Longest body: ntfy turns longer messages into attachments. */
    static final int MAX_BODY_CHARS = 3800;

    private final String name;
    private final WebClient client;
    private final HttpDelivery http;
    private final String topicUrl;
    private final Optional<String> accessToken;

    /**
     * @param name        the configured channel name
     * @param server      the ntfy server ({@code https://ntfy.sh})
     * @param topic       the responder's topic
     * @param accessToken an ntfy access token, if the topic is protected
     * @param timeout     the longest one attempt may take
     */
    public NtfyChannel(Vertx vertx, WebClient client, Clock clock, String name, URI server, String topic,
                       Optional<String> accessToken, Duration timeout) {
        if (topic == null || topic.isBlank() || topic.contains("/")) {
            throw new IllegalArgumentException("topic must be a non-empty name without '/'");
        }
        String base = ChannelSpec.requireHttpUrl(server, "url").toString();
        this.name = name;
        this.client = client;
        this.http = new HttpDelivery(vertx, clock, timeout);
        this.topicUrl = (base.endsWith("/") ? base : base + "/") + URLEncoder.encode(topic, StandardCharsets.UTF_8);
        this.accessToken = accessToken;
    }

    @Override
    public String type() {
        return "ntfy";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Future<DeliveryResult> deliver(Notification notification) {
        var request = client.postAbs(topicUrl)
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .putHeader("Title", headerValue(notification.title()))
                .putHeader("Priority", String.valueOf(priority(notification.severity())))
                .putHeader("Tags", headerValue(String.join(",", tags(notification))));
        if (!notification.links().isEmpty()) {
            request.putHeader("Click", headerValue(notification.links().get(0).url()));
        }
        accessToken.ifPresent(request::bearerTokenAuthentication);
        Buffer body = Buffer.buffer(notification.shortText(MAX_BODY_CHARS), "UTF-8");
        return http.attempt(request, r -> r.sendBuffer(body));
    }

    /** ntfy's priority for a severity: critical 5 (urgent), error 4 (high), warning 3 (default), info 2 (low). */
    static int priority(Severity severity) {
        return switch (severity) {
            case CRITICAL -> 5;
            case ERROR -> 4;
            case WARNING -> 3;
            case INFO -> 2;
        };
    }

    /** The ntfy emoji short code shown for a severity. */
    static String emoji(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "rotating_light";
            case ERROR -> "red_circle";
            case WARNING -> "warning";
            case INFO -> "information_source";
        };
    }

    private static List<String> tags(Notification notification) {
        List<String> tags = new ArrayList<>();
        tags.add(emoji(notification.severity()));
        tags.add(notification.severity().wireName());
        for (String tag : notification.tags()) {
            String clean = tag.replace(",", " ").strip();
            if (!clean.isEmpty() && !tags.contains(clean)) {
                tags.add(clean);
            }
        }
        return tags;
    }

    /** A header value ntfy reads back exactly: one line, RFC 2047 base64 if it is not plain ASCII. */
    static String headerValue(String value) {
        String oneLine = value.replaceAll("[\\r\\n]+", " ").strip();
        boolean ascii = oneLine.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        if (ascii) {
            return oneLine;
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(oneLine.getBytes(StandardCharsets.UTF_8)) + "?=";
    }
}
