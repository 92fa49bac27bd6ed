package dev.limbic.intake;

import java.util.List;

/** A request body that is not a valid payload of its format; each error names the JSON path at fault. */
public class InvalidPayloadException extends Exception {
    private final List<String> errors;

    public InvalidPayloadException(List<String> errors) {
        super(String.join("; ", errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid payload has at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    /** The problems found, each {@code "path: problem"}, e.g. {@code "alerts[2].labels: must be an object"}. */
    public List<String> errors() {
        return errors;
    }
}
