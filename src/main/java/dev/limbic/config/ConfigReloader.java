package dev.limbic.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps a configuration file's {@link LimbicConfig} current: on SIGHUP, or when the file's content changes (polled),
 * it loads the file again. A broken file is rejected: its problems go to the rejection listeners and the log (WARN),
 * and the old configuration stays. A good one becomes {@link #current()} and is handed to the listeners, which swap
 * it in (open incidents live in the database, not in the configuration, so nothing is lost).
 *
 * <p>Each content is judged once: a broken file is reported when it appears, not on every poll, and saving the same
 * content again changes nothing. Loading reads the file, so call {@link #checkForChange()} and {@link #reload()} off
 * any event loop (the scheduler passed to {@link #pollEvery} runs them on its own thread).
 */
public final class ConfigReloader {
    /** How often {@link #pollEvery(ScheduledExecutorService)} looks at the file. */
    public static final Duration POLL_INTERVAL = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

    private final Path file;
    private final List<Consumer<LimbicConfig>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<List<String>>> rejectionListeners = new CopyOnWriteArrayList<>();
    private volatile LimbicConfig current;
    private byte[] seenContent;

    private ConfigReloader(Path file, LimbicConfig initial, byte[] content) {
        this.file = file;
        this.current = initial;
        this.seenContent = content;
    }

    /**
     * Loads {@code file} for the first time.
     *
     * @throws ConfigException with every problem when the file cannot be used (there is no old config to keep)
     */
    public static ConfigReloader load(Path file) throws ConfigException {
        Objects.requireNonNull(file, "file");
        byte[] content = ConfigLoader.read(file);
        return new ConfigReloader(file, ConfigLoader.parse(file.toString(), content), digest(content));
    }

    /** The configuration in force: the last one that loaded cleanly. */
    public LimbicConfig current() {
        return current;
    }

    /** The file this reloader watches. */
    public Path file() {
        return file;
    }

    /** Adds a listener for each newly accepted configuration. */
    public void onReload(Consumer<LimbicConfig> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Adds a listener for the problems of each rejected file (as {@code FILE: key.path: problem}). */
    public void onRejected(Consumer<List<String>> listener) {
        rejectionListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Loads the file if its content differs from the last content seen; returns whether a new config was accepted. */
    public synchronized boolean checkForChange() {
        byte[] content;
        try {
            content = ConfigLoader.read(file);
        } catch (ConfigException e) {
            if (seenContent != null) {
                seenContent = null;
                reject(e.problems());
            }
            return false;
        }
        byte[] digest = digest(content);
        if (Arrays.equals(digest, seenContent)) {
            return false;
        }
        seenContent = digest;
        return apply(content);
    }

    /** Loads the file now, changed or not (what SIGHUP does); returns whether it was accepted. */
    public synchronized boolean reload() {
        byte[] content;
        try {
            content = ConfigLoader.read(file);
        } catch (ConfigException e) {
            seenContent = null;
            reject(e.problems());
            return false;
        }
        seenContent = digest(content);
        return apply(content);
    }

    /** Checks the file every {@link #POLL_INTERVAL} on {@code scheduler} until the returned future is cancelled. */
    public ScheduledFuture<?> pollEvery(ScheduledExecutorService scheduler) {
        long millis = POLL_INTERVAL.toMillis();
        return scheduler.scheduleWithFixedDelay(this::checkForChangeLogged, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Reloads on SIGHUP, where the platform lets Java handle signals ({@code sun.misc.Signal}).
     *
     * @return whether the handler is installed (false on platforms without SIGHUP or without that API)
     */
    public boolean reloadOnSighup() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
                LOG.info("SIGHUP: reloading {}", file);
                reload();
            });
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            LOG.info("SIGHUP cannot be handled here ({}); {} is still polled for changes", e.getMessage(), file);
            return false;
        }
    }

    private void checkForChangeLogged() {
        try {
            checkForChange();
        } catch (RuntimeException e) {
            LOG.error("checking {} for changes failed", file, e);
        }
    }

    private boolean apply(byte[] content) {
        LimbicConfig next;
        try {
            next = ConfigLoader.parse(file.toString(), content);
        } catch (ConfigException e) {
            reject(e.problems());
            return false;
        }
        current = next;
        LOG.info("{}: reloaded ({})", file, next.summary());
        for (Consumer<LimbicConfig> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                LOG.error("a configuration listener failed on the reloaded {}", file, e);
            }
        }
        return true;
    }

    private void reject(List<String> problems) {
        LOG.warn("{}: new configuration rejected, keeping the old one:{}{}", file, System.lineSeparator(),
                String.join(System.lineSeparator(), problems));
        for (Consumer<List<String>> listener : rejectionListeners) {
            try {
                listener.accept(problems);
            } catch (RuntimeException e) {
                LOG.error("a rejection listener failed on {}", file, e);
            }
        }
    }

    /** The SHA-256 of the file's content: what "changed" means. */
    private static byte[] digest(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
