package dev.limbic.notify;

import dev.limbic.delivery.DeliveryResult;
import dev.limbic.delivery.RetryAfter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * One HTTP attempt of an HTTP channel, with a hard deadline: connect and idle timeouts on the request, and a
 * timer that answers "retryable: timed out" if the whole exchange takes longer than {@code timeout} (an idle
 * timeout alone does not stop a receiver that trickles bytes). Maps the response status to a
 * {@link DeliveryResult}, honouring {@code Retry-After}; connection errors are retryable.
 */
final class HttpDelivery {
    private final Vertx vertx;
    private final Clock clock;
    private final Duration timeout;

    HttpDelivery(Vertx vertx, Clock clock, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        this.vertx = vertx;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** Sends {@code request} with {@code send} and reports the outcome; the future never fails. */
    Future<DeliveryResult> attempt(HttpRequest<Buffer> request,
                                   Function<HttpRequest<Buffer>, Future<HttpResponse<Buffer>>> send) {
        long millis = timeout.toMillis();
        request.connectTimeout(millis).idleTimeout(millis);
        Promise<DeliveryResult> outcome = Promise.promise();
        long timer = vertx.setTimer(millis, id -> outcome.tryComplete(
                DeliveryResult.retryable("timed out after " + millis + " ms")));
        Future<HttpResponse<Buffer>> response;
        try {
            response = send.apply(request);
        } catch (RuntimeException refused) {
            vertx.cancelTimer(timer);
            return Future.succeededFuture(DeliveryResult.permanent("request refused: " + describe(refused)));
        }
        response.onComplete(done -> {
            vertx.cancelTimer(timer);
            if (done.succeeded()) {
                HttpResponse<Buffer> reply = done.result();
                outcome.tryComplete(DeliveryResult.ofHttpStatus(reply.statusCode(),
                        RetryAfter.parse(reply.getHeader("Retry-After"), clock.instant())));
            } else {
                outcome.tryComplete(DeliveryResult.retryable(describe(done.cause())));
            }
        });
        return outcome.future();
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
