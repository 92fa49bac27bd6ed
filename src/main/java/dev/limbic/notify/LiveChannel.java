package dev.limbic.notify;

import dev.limbic.delivery.DeliveryResult;
import dev.limbic.delivery.Notification;
import io.vertx.core.Future;

import java.time.Duration;

/**
 * The responder live stream as a channel: delivered when a client of the responder confirmed the notification
 * (see {@link ResponderLiveStream} on receipts) within the channel's timeout.
 *
 * <p>With no connection open the result is a <em>permanent</em> failure, so the dispatcher moves on to the
 * responder's next channel at once instead of retrying a stream nobody is watching: an app that reconnects
 * later sees open incidents through the API, and the page reaches the responder through ntfy or a webhook
 * meanwhile. Put the live channel first in a responder's list; it costs nothing when it is not connected.
 */
public final class LiveChannel implements Channel {
    private final String name;
    private final ResponderLiveStream stream;
    private final Duration receiptTimeout;

    /** A live channel named {@code name} over {@code stream}, waiting up to {@code receiptTimeout} for a receipt. */
    public LiveChannel(String name, ResponderLiveStream stream, Duration receiptTimeout) {
        this.name = name;
        this.stream = stream;
        this.receiptTimeout = receiptTimeout;
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
        return stream.push(notification, receiptTimeout).map(outcome -> {
            if (outcome.written() == 0) {
                return DeliveryResult.permanent("no open live connection");
            }
            if (!outcome.confirmed()) {
                return DeliveryResult.permanent("no receipt within " + receiptTimeout.toMillis() + " ms from "
                        + outcome.written() + " live connection(s)");
            }
            return DeliveryResult.delivered();
        });
    }
}
