package dev.limbic.intake;

/**
 * A sink refused events that contradict stored state (for example a dedup key already used under another
 * integration); nothing was committed and a retry will not help. Answered 409 with the message.
 */
public class IntakeRefusedException extends RuntimeException {
    public IntakeRefusedException(String message) {
        super(message);
    }
}
