package dev.limbic.config;

import java.util.List;

/** A configuration that cannot be used, with every problem found in it, one line each. */
public final class ConfigException extends Exception {
    private final List<String> problems;

    ConfigException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as {@code FILE: key.path: problem}, in the order of the file. */
    public List<String> problems() {
        return problems;
    }
}
