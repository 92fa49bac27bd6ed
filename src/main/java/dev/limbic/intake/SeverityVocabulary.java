package dev.limbic.intake;

import dev.limbic.alert.Severity;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The severity words monitoring setups commonly use in a {@code severity} label, mapped to Limbic's four. */
final class SeverityVocabulary {
    private static final Map<String, Severity> WORDS = Map.ofEntries(
            Map.entry("critical", Severity.CRITICAL), Map.entry("crit", Severity.CRITICAL),
            Map.entry("page", Severity.CRITICAL), Map.entry("fatal", Severity.CRITICAL),
            Map.entry("emergency", Severity.CRITICAL), Map.entry("disaster", Severity.CRITICAL),
            Map.entry("p1", Severity.CRITICAL),
            Map.entry("error", Severity.ERROR), Map.entry("err", Severity.ERROR),
            Map.entry("high", Severity.ERROR), Map.entry("major", Severity.ERROR), Map.entry("p2", Severity.ERROR),
            Map.entry("warning", Severity.WARNING), Map.entry("warn", Severity.WARNING),
            Map.entry("medium", Severity.WARNING), Map.entry("minor", Severity.WARNING),
            Map.entry("p3", Severity.WARNING),
            Map.entry("info", Severity.INFO), Map.entry("informational", Severity.INFO),
            Map.entry("low", Severity.INFO), Map.entry("none", Severity.INFO), Map.entry("notice", Severity.INFO),
            Map.entry("p4", Severity.INFO), Map.entry("p5", Severity.INFO));

    private SeverityVocabulary() {
    }

    /** The severity a word names (case-insensitive), if Limbic knows the word. */
    static Optional<Severity> lookup(String word) {
        if (word == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(WORDS.get(word.trim().toLowerCase(Locale.ROOT)));
    }
}
