package dev.limbic.notify;

import dev.limbic.delivery.DeliveryResult;
import dev.limbic.delivery.Notification;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.client.WebClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Outbound generic JSON webhook: POSTs {@link NotificationJson} to a configured URL, with optional extra
 * headers and bearer token.
 */
public final class WebhookChannel implements Channel {
    /** Bundles of at least this many pages are encoded on a worker thread. */
    static final int ENCODE_APART = 64;

    private final Vertx vertx;
    private final String name;
    private final WebClient client;
    private final HttpDelivery http;
    private final URI url;
    private final Map<String, String> headers;
    private final Optional<String> bearerToken;

    /**
     * @param name        the configured channel name
     * @param url         where to POST (absolute http or https)
     * @param headers     extra request headers
     * @param bearerToken sent as {@code Authorization: Bearer ...} if present
     * @param timeout     the longest one attempt may take
     */
    public WebhookChannel(Vertx vertx, WebClient client, Clock clock, String name, URI url,
                          Map<String, String> headers, Optional<String> bearerToken, Duration timeout) {
        this.vertx = vertx;
        this.name = name;
        this.client = client;
        this.http = new HttpDelivery(vertx, clock, timeout);
        this.url = ChannelSpec.requireHttpUrl(url, "url");
        this.headers = Map.copyOf(headers);
        this.bearerToken = bearerToken;
    }

    @Override
    public String type() {
        return "webhook";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Future<DeliveryResult> deliver(Notification notification) {
        var request = client.postAbs(url.toString());
        headers.forEach(request::putHeader);
        bearerToken.ifPresent(request::bearerTokenAuthentication);
        if (!request.headers().contains(HttpHeaders.CONTENT_TYPE)) {
            request.putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/json");
        }
        if (notification.bundled().size() < ENCODE_APART) {
            return http.attempt(request, r -> r.sendBuffer(Buffer.buffer(NotificationJson.encode(notification))));
        }
        // A bundle of a responder's held pages may hold thousands (megabytes of JSON): not on the event loop.
        Future<Buffer> body = vertx.executeBlocking(() -> Buffer.buffer(NotificationJson.encode(notification)), false);
        return http.attempt(request, r -> body.compose(r::sendBuffer));
    }
}
