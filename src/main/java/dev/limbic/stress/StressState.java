package dev.limbic.stress;

/** A responder's derived stress state. Missing data is {@link #UNKNOWN}, never calm. */
public enum StressState {
    /** No data, contact lost, a stale stream, warming up, or too little valid data to judge. */
    UNKNOWN,
    CALM,
    ELEVATED,
    ACUTE;

    /** Whether this state counts as stressed for the stress-aware rules. */
    public boolean isStressed() {
        return this == ELEVATED || this == ACUTE;
    }
}
