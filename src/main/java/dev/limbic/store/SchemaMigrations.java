package dev.limbic.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Brings a database to the schema version this build expects, with the Flyway migrations in {@code db/migration}. */
public final class SchemaMigrations {
    private SchemaMigrations() {
    }

    /**
     * Applies every migration the database has not seen yet. Blocking (JDBC): never call it on an event loop.
     *
     * @return the schema version after migrating
     */
    public static String apply(PostgresTarget target) {
        Flyway flyway = Flyway.configure()
                .dataSource(target.jdbcUrl(), target.user(), target.password())
                .locations("classpath:db/migration")
                .load();
        MigrateResult result = flyway.migrate();
        return result.targetSchemaVersion != null ? result.targetSchemaVersion
                : flyway.info().current().getVersion().getVersion();
    }
}
