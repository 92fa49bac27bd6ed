package dev.limbic.store;

import dev.limbic.alert.AlertAction;
import dev.limbic.alert.AlertEvent;
import dev.limbic.alert.Severity;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the gateway in its own JVM, for crash tests: opens the embedded database under the data directory
 * given as argument, commits one trigger, prints {@code COMMITTED <incident id>} and then waits to be killed.
 */
public final class GatewayProcess {
    private GatewayProcess() {
    }

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        Database database = TestPostgres.await(Database.open(vertx, DatabaseSettings.embedded(Path.of(args[0]))));
        DurableAlertIntake intake = new DurableAlertIntake(vertx, database.pool(), event -> "night",
                IntakeOptions.DEFAULTS);
        AlertEvent event = new AlertEvent("am", "crash-test", AlertAction.TRIGGER, Severity.CRITICAL, "answered 2xx",
                "", Map.of(), "{}", Instant.parse("2026-12-01T04:00:00Z"));
        long id = TestPostgres.await(intake.submit(List.of(event))).get(0).incidentId();
        System.out.println("COMMITTED " + id);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
