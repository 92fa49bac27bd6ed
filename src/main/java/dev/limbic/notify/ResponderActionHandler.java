package dev.limbic.notify;

import io.vertx.core.Future;

/**
 * Receives the actions responders take on their live channel (the escalation engine, wired by the app). The
 * live stream answers the client when the returned future completes: success as {@code "ok": true}, a failure
 * with its message as the error (for example "incident inc-9 is already resolved").
 */
@FunctionalInterface
public interface ResponderActionHandler {

    /** Applies {@code action}. */
    Future<Void> handle(ResponderAction action);
}
