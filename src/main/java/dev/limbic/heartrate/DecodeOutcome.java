package dev.limbic.heartrate;

/**
 * What decoding one Heart Rate Measurement value produced: {@link #OK}, or the reason it was rejected.
 * The reasons double as metric labels, so they stay few and stable.
 */
public enum DecodeOutcome {
    OK("ok", "decoded"),
    EMPTY("empty", "the value is empty: it has no flags byte"),
    TRUNCATED_HEART_RATE("truncated_heart_rate", "the heart-rate field is truncated"),
    TRUNCATED_ENERGY_EXPENDED("truncated_energy_expended", "the energy-expended field is truncated"),
    TRUNCATED_RR_INTERVAL("truncated_rr_interval", "the RR-interval field ends in a lone byte"),
    TOO_LONG("too_long", "the value is longer than the 512 bytes an attribute can hold");

    private final String reason;
    private final String message;

    DecodeOutcome(String reason, String message) {
        this.reason = reason;
        this.message = message;
    }

    /** A short snake_case name, used as the {@code reason} label of rejected-frame metrics. */
    public String reason() {
        return reason;
    }

    /** A sentence for people: what is wrong with the value. */
    public String message() {
        return message;
    }

    public boolean isOk() {
        return this == OK;
    }
}
