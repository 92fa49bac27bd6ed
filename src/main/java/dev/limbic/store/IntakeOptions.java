package dev.limbic.store;

/**
 * How the durable intake groups commits.
 *
 * @param lanes    transactions committing in parallel, each on its own connection; events are partitioned over
 *                 lanes by dedup key, so the events for one key are applied in the order received
 * @param maxBatch the most events one transaction commits
 * @param capacity the most events waiting or committing; beyond it a request is refused at once
 */
public record IntakeOptions(int lanes, int maxBatch, int capacity) {
    /** Two lanes, 500 events per transaction, 20,000 events waiting at most. */
    public static final IntakeOptions DEFAULTS = new IntakeOptions(2, 500, 20_000);

    public IntakeOptions {
        if (lanes < 1 || maxBatch < 1 || capacity < 1) {
            throw new IllegalArgumentException("lanes, maxBatch and capacity must be positive: "
                    + lanes + ", " + maxBatch + ", " + capacity);
        }
    }
}
