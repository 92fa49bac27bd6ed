package dev.limbic.notify;

import dev.limbic.delivery.DeliveryResult;
import dev.limbic.delivery.Notification;
import io.vertx.core.Future;

/**
 * One way of reaching a responder. A channel makes one attempt per call and reports what happened; it never
 * retries by itself (that is decided once, in {@link dev.limbic.delivery.RetryPolicy}). The returned future
 * always succeeds with a {@link DeliveryResult}, within the channel's own timeout.
 */
public interface Channel {

    /** What kind of channel this is ({@code live}, {@code webhook}, {@code slack}, {@code ntfy}); a metric tag. */
    String type();

    /** The configured name of this channel, shown on the incident timeline. */
    String name();

    /** Makes one attempt to deliver {@code notification}. */
    Future<DeliveryResult> deliver(Notification notification);
}
