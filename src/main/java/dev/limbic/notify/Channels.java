package dev.limbic.notify;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;

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

    /** The channel {@code spec} describes. */
    public Channel create(ChannelSpec spec) {
        return switch (spec.type()) {
            case LIVE -> new LiveChannel(spec.name(), liveStream);
            case WEBHOOK -> new WebhookChannel(vertx, client, clock, spec.name(), spec.url().orElseThrow(),
                    spec.headers(), spec.token(), spec.timeout());
            case SLACK -> new SlackChannel(vertx, client, clock, spec.name(), spec.url().orElseThrow(), spec.timeout());
            case NTFY -> new NtfyChannel(vertx, client, clock, spec.name(), spec.url().orElseThrow(),
                    spec.topic().orElseThrow(), spec.token(), spec.timeout());
        };
    }
}
