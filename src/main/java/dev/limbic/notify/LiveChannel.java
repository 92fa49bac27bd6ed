package dev.limbic.notify;

import dev.limbic.delivery.DeliveryResult;
import dev.limbic.delivery.Notification;
import io.vertx.core.Future;

/**
 * The responder live stream as a channel: delivered when the notification was written to at least one of the
 * responder's open connections.
 *
 * <p>With no connection open the result is a <em>permanent</em> failure, so the dispatcher moves on to the
 * responder's next channel at once instead of retrying a stream nobody is watching: an app that reconnects
 * later sees open incidents through the API, and the page reaches the responder through ntfy or a webhook
 * meanwhile. Put the live channel first in a responder's list; it costs nothing when it is not connected.
 */
public final class LiveChannel implements Channel {
    private final String name;
    private final ResponderLiveStream stream;

    /** A live channel named {@code name} over {@code stream}. */
    public LiveChannel(String name, ResponderLiveStream stream) {
        this.name = name;
        this.stream = stream;
    }

    @Override
    public String type() {
        return "live";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Future<DeliveryResult> deliver(Notification notification) {
        return stream.push(notification).map(written -> written > 0
                ? DeliveryResult.delivered()
                : DeliveryResult.permanent("no open live connection"));
    }
}
