package dev.limbic.intake;

import dev.limbic.alert.AlertEvent;
import io.vertx.core.Future;

import java.util.List;

/**
 * Where parsed alert events go: the durable store, in production. The intake answers the sender 2xx only
 * when the returned future succeeds, so it must succeed only once every event is committed.
 */
public interface AlertSink {

    /**
     * Commits {@code events} (never empty, all from one request and one integration), or none of them.
     * Must not block the calling event loop.
     *
     * @return succeeds once committed; fails with {@link IntakeOverloadedException} when the sink is too busy
     * (answered 503 with {@code Retry-After}), with {@link IntakeRefusedException} when the events contradict
     * stored state (answered 409), and with anything else on a failed commit (answered 500, the sender retries)
     */
    Future<IntakeReceipt> accept(List<AlertEvent> events);
}
