package dev.limbic.ble;

/** A strap could not be linked: not in range, connect refused, services not resolved, or no 0x2A37. */
public final class StrapLinkException extends Exception {
    StrapLinkException(String message) {
        super(message);
    }

    StrapLinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
