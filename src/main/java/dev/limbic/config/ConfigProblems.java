package dev.limbic.config;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one configuration file, each prefixed with the file's name. */
final class ConfigProblems {
    private final String file;
    private final List<String> problems = new ArrayList<>();

    ConfigProblems(String file) {
        this.file = file;
    }

    /** A problem with the value at {@code path} (for example {@code responders[1].devices[0].token}). */
    void at(String path, String problem) {
        problems.add(path.isEmpty() ? file + ": " + problem : file + ": " + path + ": " + problem);
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    List<String> all() {
        return problems;
    }
}
