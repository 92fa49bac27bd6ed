package dev.limbic.replay;

/** A recording file that cannot be replayed; the message names the line and the problem. */
public final class RecordingFormatException extends Exception {
    private final long lineNumber;

    RecordingFormatException(long lineNumber, String problem) {
        super("line " + lineNumber + ": " + problem);
        this.lineNumber = lineNumber;
    }

    /** The 1-based line of the file with the problem. */
    public long lineNumber() {
        return lineNumber;
    }
}
