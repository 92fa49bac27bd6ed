package dev.limbic.ble;

/** Bluetooth LE cannot be used here: no natives for the platform, no system bus, no BlueZ, or no adapter. */
public final class BluetoothUnavailableException extends Exception {
    public BluetoothUnavailableException(String message) {
        super(message);
    }

    public BluetoothUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
