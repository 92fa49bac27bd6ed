package dev.limbic.paging;

import dev.limbic.alert.AlertEvent;
import dev.limbic.intake.AlertSink;
import dev.limbic.intake.IntakeOverloadedException;
import dev.limbic.intake.IntakeReceipt;
import dev.limbic.intake.IntakeRefusedException;
import dev.limbic.store.DurableAlertIntake;
import dev.limbic.store.IntakeOutcome;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.List;

/**
 * The intake's {@link AlertSink} over the {@link DurableAlertIntake}: answers once the events are committed (the
 * intake's 2xx), then wakes the escalation of every incident they opened (handing over the new incident as committed,
 * so it is not read back), acknowledged or resolved. Overload
 * becomes 503 with {@code Retry-After}, an event the store cannot hold becomes 409 naming the problem.
 */
final class DurableAlertSink implements AlertSink {
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final DurableAlertIntake intake;
    private final EscalationRuntime runtime;
    private final PagingMetrics metrics;

    DurableAlertSink(DurableAlertIntake intake, EscalationRuntime runtime, PagingMetrics metrics) {
        this.intake = intake;
        this.runtime = runtime;
        this.metrics = metrics;
    }

    @Override
    public Future<IntakeReceipt> accept(List<AlertEvent> events) {
        return intake.submit(events).recover(failure -> Future.failedFuture(translate(failure))).map(outcomes -> {
            for (int i = 0; i < outcomes.size(); i++) {
                IntakeOutcome outcome = outcomes.get(i);
                switch (outcome.kind()) {
                    case OPENED -> {
                        metrics.opened(events.get(i).integration());
                        outcome.opened().ifPresentOrElse(runtime::wakeOpened,
                                () -> runtime.wake(outcome.incidentId()));
                    }
                    case ACKNOWLEDGED, RESOLVED -> runtime.wake(outcome.incidentId());
                    default -> {
                    }
                }
            }
            return new IntakeReceipt(outcomes.size());
        });
    }

    private static Throwable translate(Throwable failure) {
        if (failure instanceof dev.limbic.store.IntakeOverloadedException overloaded) {
            return new IntakeOverloadedException(overloaded.getMessage(), RETRY_AFTER);
        }
        if (failure instanceof IllegalArgumentException invalid) {
            return new IntakeRefusedException(invalid.getMessage());
        }
        return failure;
    }
}
