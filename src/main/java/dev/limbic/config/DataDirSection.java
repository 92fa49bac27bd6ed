package dev.limbic.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Reads {@code data_dir}, the directory where Limbic keeps its files (default {@code ./data}). */
final class DataDirSection {
    static final String DEFAULT = "./data";

    private DataDirSection() {
    }

    static Path read(YamlObject root) {
        String dir = root.string("data_dir", DEFAULT);
        try {
            if (dir.isBlank()) {
                root.problem("data_dir", "must not be empty");
                return Path.of(DEFAULT);
            }
            return Path.of(dir);
        } catch (InvalidPathException e) {
            root.problem("data_dir", "not a valid path: " + e.getReason());
            return Path.of(DEFAULT);
        }
    }
}
