package dev.limbic.intake;

/**
 * What a sink answers once it has committed a request's events.
 *
 * @param committed how many events were committed
 */
public record IntakeReceipt(int committed) {
    public IntakeReceipt {
        if (committed < 0) {
            throw new IllegalArgumentException("committed must not be negative: " + committed);
        }
    }
}
