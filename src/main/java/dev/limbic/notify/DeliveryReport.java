package dev.limbic.notify;

import dev.limbic.delivery.Notification;

import java.time.Instant;
import java.util.Optional;

/**
 * How a notification's delivery ended.
 *
 * @param sent       what was finally sent: the notification itself, or the bundle it went out in
 * @param delivered  whether some channel accepted it
 * @param channel    the name of the channel that accepted it, if one did
 * @param attempts   how many attempts were made in all
 * @param detail     "delivered", or why the last attempt failed
 * @param finishedAt when the delivery ended
 */
public record DeliveryReport(Notification sent, boolean delivered, Optional<String> channel, int attempts,
                             String detail, Instant finishedAt) {
}
