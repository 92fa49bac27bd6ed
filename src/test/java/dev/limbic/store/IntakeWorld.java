package dev.limbic.store;

import dev.limbic.alert.AlertEvent;
import io.vertx.core.Vertx;

import java.util.function.Function;

import static dev.limbic.store.TestPostgres.await;

/**
 * What most store tests start with: a Vert.x, the shared test database ({@link TestPostgres#sharedDatabase()}) behind
 * a pool, and a durable intake to open incidents through.
 */
record IntakeWorld(Vertx vertx, PostgresTarget target, Database database, DurableAlertIntake intake) {
    /** Every trigger follows policy "night". */
    static IntakeWorld open(int poolSize) {
        return open(poolSize, event -> "night");
    }

    static IntakeWorld open(int poolSize, Function<AlertEvent, String> policyFor) {
        Vertx vertx = Vertx.vertx();
        PostgresTarget target = TestPostgres.sharedDatabase();
        Database database = Database.connect(vertx, target, poolSize);
        return new IntakeWorld(vertx, target, database,
                new DurableAlertIntake(vertx, database.pool(), policyFor, IntakeOptions.DEFAULTS));
    }

    /** Lets the intake finish what it accepted, then closes the pool and Vert.x. */
    void close() {
        await(intake.close());
        await(database.close());
        await(vertx.close());
    }
}
