package dev.limbic.store;

import dev.limbic.alert.AlertAction;
import dev.limbic.alert.AlertEvent;
import dev.limbic.alert.Severity;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.limbic.store.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseTest {
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        await(vertx.close());
    }

    @Test
    void whatWasCommittedBeforeTheGatewayWasKilledIsThereAfterRestart(@TempDir Path dataDir) throws Exception {
        Process gateway = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), GatewayProcess.class.getName(), dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long id;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(gateway.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("the gateway process reports its commit").startsWith("COMMITTED ");
            id = Long.parseLong(line.substring("COMMITTED ".length()));
        } finally {
            gateway.destroyForcibly();
            gateway.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(Files.exists(dataDir.resolve("postgres").resolve("postmaster.pid")))
                .as("the killed gateway left its PostgreSQL running").isTrue();

        Database restarted = await(Database.open(vertx, DatabaseSettings.embedded(dataDir)));
        try {
            Incident incident = await(restarted.incidents().find(id)).orElseThrow();
            assertThat(incident.summary()).isEqualTo("answered 2xx");
            assertThat(await(restarted.escalationProgress().loadUnfinished()))
                    .extracting(EscalationProgress::incidentId).containsExactly(id);
            assertThat(setting(restarted, "fsync")).isEqualTo("on");
            assertThat(setting(restarted, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(restarted, "full_page_writes")).isEqualTo("on");
        } finally {
            await(restarted.close());
        }

        Database again = await(Database.open(vertx, DatabaseSettings.embedded(dataDir)));
        try {
            assertThat(await(again.incidents().find(id))).isPresent();
            Row migrations = await(again.pool().query("SELECT count(*) AS applied, max(version) AS version"
                    + " FROM flyway_schema_history WHERE success").execute()).iterator().next();
            long shipped;
            try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
                shipped = files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
            }
            assertThat(migrations.getLong("applied")).as("every shipped migration applied once").isEqualTo(shipped);
            assertThat(migrations.getString("version")).isEqualTo(String.valueOf(shipped));
        } finally {
            await(again.close());
        }
        assertThat(Files.exists(dataDir.resolve("postgres").resolve("postmaster.pid")))
                .as("a clean close stops PostgreSQL").isFalse();
    }

    @Test
    void aConfiguredUrlIsUsedInsteadOfAnEmbeddedServer(@TempDir Path dataDir) {
        PostgresTarget shared = TestPostgres.sharedDatabase();
        String url = "postgresql://postgres:secret@localhost:" + shared.port() + "/" + shared.database();

        Database database = await(Database.open(vertx, DatabaseSettings.external(url, dataDir)));
        try {
            assertThat(database.embeddedServer()).isEmpty();
            assertThat(database.target().database()).isEqualTo(shared.database());
            DurableAlertIntake intake = new DurableAlertIntake(vertx, database.pool(), e -> null,
                    IntakeOptions.DEFAULTS);
            AlertEvent event = new AlertEvent("generic", java.util.UUID.randomUUID().toString(), AlertAction.TRIGGER,
                    Severity.INFO, "s", "", Map.of(), "{}", Instant.EPOCH);
            assertThat(await(intake.submit(List.of(event))).get(0).kind()).isEqualTo(IntakeOutcome.Kind.OPENED);
            await(intake.close());
        } finally {
            await(database.close());
        }
        assertThat(Files.exists(dataDir.resolve("postgres"))).isFalse();
    }

    @Test
    void urlsAreParsedAndBadOnesNamed() {
        PostgresTarget target = PostgresTarget.fromUrl("postgresql://limbic:s3cret@db.example:6543/paging");
        assertThat(target).isEqualTo(new PostgresTarget("db.example", 6543, "paging", "limbic", "s3cret"));
        assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/paging");
        assertThat(target.toString()).doesNotContain("s3cret");

        assertThatThrownBy(() -> PostgresTarget.fromUrl("mysql://u:p@h/db"))
                .hasMessageContaining("must start with postgresql://").hasMessageNotContaining(":p@");
        assertThatThrownBy(() -> PostgresTarget.fromUrl("postgresql://u:pw@h:5432"))
                .hasMessageContaining("names no database").hasMessageNotContaining("pw");
    }

    private static String setting(Database database, String name) {
        return await(database.pool().query("SHOW " + name).execute()).iterator().next().getString(0);
    }

}
