package dev.limbic.store;

/**
 * The intake already holds as many uncommitted events as it may: the request was refused and nothing of it is
 * stored. The HTTP side answers 503 so that the sender retries later.
 */
public final class IntakeOverloadedException extends RuntimeException {
    IntakeOverloadedException(int requested, int waiting, int capacity) {
        super("alert intake overloaded: " + waiting + " events waiting to commit, capacity " + capacity
                + ", refused " + requested + " more", null, false, false);
    }
}
