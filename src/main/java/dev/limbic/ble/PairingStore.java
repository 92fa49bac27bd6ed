package dev.limbic.ble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The strap pairings of one gateway, kept in {@code DATA_DIR/pairings.json} so they survive restarts. A file rather
 * than the database: a gateway or an edge box with no integrations runs without PostgreSQL, and pairings belong to
 * the machine whose adapter talks to the straps. Writes replace the file atomically; methods are synchronized.
 */
public final class PairingStore {
    /** The file name under the data directory. */
    public static final String FILE = "pairings.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    public PairingStore(Path dataDir) {
        this.file = dataDir.resolve(FILE);
    }

    /** Every pairing, in the order they were made. */
    public synchronized List<Pairing> all() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<Pairing> pairings = new ArrayList<>();
            for (JsonNode node : JSON.readTree(file.toFile())) {
                pairings.add(new Pairing(node.path("address").asText(), node.path("responder").asText(),
                        Instant.parse(node.path("paired_at").asText())));
            }
            return List.copyOf(pairings);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Binds {@code address} to {@code responder} (replacing an earlier binding of that strap). */
    public synchronized Pairing pair(String address, String responder, Instant now) throws IOException {
        Pairing pairing = new Pairing(address, responder, now);
        List<Pairing> pairings = new ArrayList<>(all());
        pairings.removeIf(p -> p.address().equals(pairing.address()));
        pairings.add(pairing);
        write(pairings);
        return pairing;
    }

    /** Removes the strap's pairing; returns it, or empty when the strap was not paired. */
    public synchronized Optional<Pairing> unpair(String address) throws IOException {
        String canonical = BluetoothAddress.parse(address);
        List<Pairing> pairings = new ArrayList<>(all());
        Optional<Pairing> removed = pairings.stream().filter(p -> p.address().equals(canonical)).findFirst();
        if (removed.isPresent()) {
            pairings.remove(removed.get());
            write(pairings);
        }
        return removed;
    }

    private void write(List<Pairing> pairings) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), FILE, ".tmp");
        ArrayNode array = JSON.createArrayNode();
        for (Pairing pairing : pairings) {
            array.addObject().put("address", pairing.address()).put("responder", pairing.responder())
                    .put("paired_at", pairing.pairedAt().toString());
        }
        JSON.writeValue(temp.toFile(), array);
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
