package dev.limbic.delivery;

/**
 * A paced breathing exercise: breathe in, hold, breathe out, repeated. The default (2 s, 2 s, 2 s, one cycle)
 * lasts six seconds.
 *
 * @param inhaleSeconds seconds to breathe in, 1 to 10
 * @param holdSeconds   seconds to hold, 0 to 10
 * @param exhaleSeconds seconds to breathe out, 1 to 10
 * @param cycles        how many times, 1 to 10
 */
public record BreathingPattern(int inhaleSeconds, int holdSeconds, int exhaleSeconds, int cycles) {
    /** Inhale 2 s, hold 2 s, exhale 2 s, once. */
    public static final BreathingPattern DEFAULT = new BreathingPattern(2, 2, 2, 1);

    public BreathingPattern {
        require(inhaleSeconds >= 1 && inhaleSeconds <= 10, "inhale_seconds must be between 1 and 10");
        require(holdSeconds >= 0 && holdSeconds <= 10, "hold_seconds must be between 0 and 10");
        require(exhaleSeconds >= 1 && exhaleSeconds <= 10, "exhale_seconds must be between 1 and 10");
        require(cycles >= 1 && cycles <= 10, "cycles must be between 1 and 10");
    }

    /** How long the whole exercise takes, in seconds. */
    public int totalSeconds() {
        return (inhaleSeconds + holdSeconds + exhaleSeconds) * cycles;
    }

    /** The exercise in one line for channels that show only text. */
    public String describe() {
        String cycleWord = cycles == 1 ? "cycle" : "cycles";
        return "Breathe in " + inhaleSeconds + " s, hold " + holdSeconds + " s, breathe out " + exhaleSeconds
                + " s (" + cycles + " " + cycleWord + ", " + totalSeconds() + " s).";
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }
}
