package dev.limbic.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The key that signs responder page links and sessions: {@code server.link_secret} from the config, or else
 * {@value #FILE} in the data directory, generated (32 random bytes, owner-only permissions) on first start and
 * reused after, so sessions and links survive restarts. Reads and writes files: call off the event loop.
 */
public final class LinkSecret {
    /** The generated key's file name in the data directory. */
    public static final String FILE = "responder-page.key";

    private LinkSecret() {
    }

    /** The configured secret's bytes, or the data directory's key (created if missing). */
    public static byte[] load(Optional<String> configured, Path dataDir) throws IOException {
        if (configured.isPresent()) {
            return configured.get().getBytes(StandardCharsets.UTF_8);
        }
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            Files.createDirectories(dataDir);
            byte[] key = new byte[ResponderSigner.MIN_KEY_BYTES];
            new SecureRandom().nextBytes(key);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException another) {
                // another gateway on the same data directory won the race: use its key
            } catch (UnsupportedOperationException noPosix) {
                Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
            }
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(Files.readString(file).trim());
        } catch (IllegalArgumentException notBase64) {
            throw new IOException(file + " is not a base64 key; delete it to generate a new one");
        }
        if (key.length < ResponderSigner.MIN_KEY_BYTES) {
            throw new IOException(file + " holds fewer than " + ResponderSigner.MIN_KEY_BYTES
                    + " bytes; delete it to generate a new one");
        }
        return key;
    }
}
