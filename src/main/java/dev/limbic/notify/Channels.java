package dev.limbic.notify;

import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.time.Clock;

/** Builds channels from their {@link ChannelSpec}s; all HTTP channels share one {@link WebClient}. */
public final class Channels {
    private final Vertx vertx;
    private final WebClient client;
    private final Clock clock;
    private final ResponderLiveStream liveStream;

    /**
     * @param client     the shared HTTP client (created once by the app, closed on shutdown)
     * @param clock      reads {@code Retry-After} dates
     * @param liveStream the stream behind every live channel
     */
    public Channels(Vertx vertx, WebClient client, Clock clock, ResponderLiveStream liveStream) {
        this.vertx = vertx;
        this.client = client;
        this.clock = clock;
        this.liveStream = liveStream;
    }

    /**
     * A web client suited to channels: a Limbic user agent and a connection pool of 32 per endpoint, so many
     * pages to one ntfy server or chat webhook do not queue behind a few slow requests.
     */
    public static WebClient createClient(Vertx vertx) {
        return WebClient.create(vertx, new WebClientOptions().setUserAgent("Limbic").setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(32));
    }

    /** The channel {@code spec} describes. */
    public Channel create(ChannelSpec spec) {
        return switch (spec.type()) {
            case LIVE -> new LiveChannel(spec.name(), liveStream, spec.timeout());
            case WEBHOOK -> new WebhookChannel(vertx, client, clock, spec.name(), spec.url().orElseThrow(),
                    spec.headers(), spec.token(), spec.timeout());
            case SLACK -> new SlackChannel(vertx, client, clock, spec.name(), spec.url().orElseThrow(), spec.timeout());
            case NTFY -> new NtfyChannel(vertx, client, clock, spec.name(), spec.url().orElseThrow(),
                    spec.topic().orElseThrow(), spec.token(), spec.timeout());
        };
    }
}
