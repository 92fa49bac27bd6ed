package dev.limbic.alert;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A condition on one alert label, as in Alertmanager routes: {@code label=value}, {@code label!=value},
 * {@code label=~regex} or {@code label!~regex}. Regular expressions must match the whole value; a missing label
 * is matched as the empty string.
 */
public final class LabelMatcher {
    /** How a matcher compares the label's value. */
    public enum Operator {
        EQUALS("="), NOT_EQUALS("!="), REGEX("=~"), NOT_REGEX("!~");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as written in a matcher, for example {@code =~}. */
        public String symbol() {
            return symbol;
        }
    }

    private final String label;
    private final Operator operator;
    private final String value;
    private final Pattern pattern;

    private LabelMatcher(String label, Operator operator, String value) {
        this.label = Objects.requireNonNull(label, "label");
        this.operator = Objects.requireNonNull(operator, "operator");
        this.value = Objects.requireNonNull(value, "value");
        if (label.isBlank()) {
            throw new IllegalArgumentException("matcher label must not be blank");
        }
        this.pattern = operator == Operator.REGEX || operator == Operator.NOT_REGEX ? compile(label, value) : null;
    }

    /** A matcher of {@code label}'s value with {@code operator}; a regex that does not compile is an error naming the label. */
    public static LabelMatcher of(String label, Operator operator, String value) {
        return new LabelMatcher(label, operator, value);
    }

    /**
     * The matcher written as {@code label=value}, {@code label!=value}, {@code label=~regex} or {@code label!~regex};
     * the value may be double-quoted.
     *
     * @throws IllegalArgumentException naming the problem when the text is not a matcher
     */
    public static LabelMatcher parse(String text) {
        Objects.requireNonNull(text, "text");
        int at = indexOfOperator(text);
        if (at <= 0) {
            throw new IllegalArgumentException("not a label matcher (expected label=value, !=, =~ or !~): " + text);
        }
        Operator operator;
        if (text.startsWith("=~", at)) {
            operator = Operator.REGEX;
        } else if (text.startsWith("!~", at)) {
            operator = Operator.NOT_REGEX;
        } else if (text.startsWith("!=", at)) {
            operator = Operator.NOT_EQUALS;
        } else {
            operator = Operator.EQUALS;
        }
        String value = text.substring(at + operator.symbol().length()).trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return new LabelMatcher(text.substring(0, at).trim(), operator, value);
    }

    private static int indexOfOperator(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '=' || (c == '!' && i + 1 < text.length() && (text.charAt(i + 1) == '=' || text.charAt(i + 1) == '~'))) {
                return i;
            }
        }
        return -1;
    }

    private static Pattern compile(String label, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("label matcher for '" + label + "' has an invalid regex: " + e.getDescription(), e);
        }
    }

    /** Whether the labels satisfy this matcher. */
    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(label, "");
        return switch (operator) {
            case EQUALS -> actual.equals(value);
            case NOT_EQUALS -> !actual.equals(value);
            case REGEX -> pattern.matcher(actual).matches();
            case NOT_REGEX -> !pattern.matcher(actual).matches();
        };
    }

    /** The label this matcher looks at. */
    public String label() {
        return label;
    }

    /** How it compares. */
    public Operator operator() {
        return operator;
    }

    /** The value or regex it compares with. */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMatcher m && m.label.equals(label) && m.operator == operator && m.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(label, operator, value);
    }

    @Override
    public String toString() {
        return label + operator.symbol() + '"' + value + '"';
    }
}
