package dev.limbic.ble;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keeps a running {@link BleSource} in step with the gateway's {@link PairingStore}: {@link #sync()} compares the
 * SHA-256 of {@code pairings.json} with the content it last handed over and, when it changed (a pairing through the
 * HTTP API, or {@code limbic pair}/{@code unpair} writing the file), gives the source the stored pairings, so a new
 * strap is linked and an unpaired one disconnected without a restart. The source is started at the first sync that
 * finds a pairing (a gateway with no strap paired runs no Bluetooth at all). The gateway calls it every
 * {@link #POLL_SECONDS} seconds on a worker thread, and the pairings API right after each change. Reads files: never
 * call it on an event loop.
 */
public final class PairingSync {
    /** How often the gateway looks at {@code pairings.json}, in seconds. */
    public static final int POLL_SECONDS = 3;

    private final PairingStore store;
    private final Path file;
    private Function<List<Pairing>, BleSource> starter;
    /** Volatile: read without the lock (from event loops), written under it. */
    private volatile BleSource source;
    private byte[] syncedHash;

    /** @param dataDir the gateway's data directory */
    public PairingSync(Path dataDir) {
        this.store = new PairingStore(dataDir);
        this.file = dataDir.resolve(PairingStore.FILE);
    }

    /** The gateway's one pairing store (shared by every pairings API route, so writes are serialised). */
    public PairingStore store() {
        return store;
    }

    /**
     * From now on, {@link #sync()} starts a source with {@code starter} once a strap is paired and hands later
     * changes to it. Until then, syncs do nothing.
     */
    public synchronized void startWith(Function<List<Pairing>, BleSource> starter) {
        this.starter = starter;
        this.syncedHash = null;
    }

    /** The running source, once a strap was paired. Never waits for a sync in progress. */
    public Optional<BleSource> source() {
        return Optional.ofNullable(source);
    }

    /** Stops syncing; returns the running source (for the caller to close). */
    public synchronized Optional<BleSource> stop() {
        starter = null;
        return Optional.ofNullable(source);
    }

    /** Hands the stored pairings to the source when the file's content changed since the last hand-over. */
    public synchronized void sync() throws IOException {
        if (starter == null) {
            return;
        }
        byte[] hash = sha256(Files.exists(file) ? Files.readAllBytes(file) : new byte[0]);
        if (syncedHash != null && MessageDigest.isEqual(hash, syncedHash)) {
            return;
        }
        List<Pairing> pairings = store.all();
        if (source != null) {
            source.update(pairings);
        } else if (!pairings.isEmpty()) {
            source = starter.apply(pairings);
        }
        syncedHash = hash;
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
