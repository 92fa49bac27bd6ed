package dev.limbic.notify;

import dev.limbic.delivery.DeliveryResult;
import dev.limbic.delivery.NextStep;
import dev.limbic.delivery.Notification;

import java.time.Instant;

/**
 * One attempt to deliver a notification on one channel, as reported to a {@link DeliveryListener} (for the
 * notifications table and the incident timeline: paged whom, on which channel, when, delivered or failed).
 *
 * @param notification     what was sent (a bundle lists its pages in {@link Notification#bundled()})
 * @param channelName      the channel's configured name
 * @param channelType      the channel's type ({@code ntfy}, ...)
 * @param channelIndex     the channel's position in the responder's list, from 0
 * @param attemptOnChannel the attempt's number on this channel, from 1
 * @param startedAt        when the attempt began
 * @param finishedAt       when its outcome was known
 * @param result           the outcome
 * @param next             what the dispatcher does next
 */
public record DeliveryAttempt(Notification notification, String channelName, String channelType, int channelIndex,
                              int attemptOnChannel, Instant startedAt, Instant finishedAt, DeliveryResult result,
                              NextStep next) {
}
