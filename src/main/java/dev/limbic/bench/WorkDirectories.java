package dev.limbic.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The benches' temporary work directories (server data and logs): deleted after a run that succeeded. */
final class WorkDirectories {
    private WorkDirectories() {
    }

    /** Deletes {@code dir} and everything in it. */
    static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
