package dev.limbic.ble;

import java.util.Locale;
import java.util.regex.Pattern;

/** Bluetooth device addresses as BlueZ writes them: six upper-case hex pairs separated by colons. */
public final class BluetoothAddress {
    private static final Pattern FORMAT = Pattern.compile("^[0-9A-F]{2}(:[0-9A-F]{2}){5}$");

    private BluetoothAddress() {
    }

    /**
     * The canonical form of {@code text}.
     *
     * @throws IllegalArgumentException naming the expected format when {@code text} is not an address
     */
    public static String parse(String text) {
        String address = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', ':');
        if (!FORMAT.matcher(address).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a Bluetooth address (expected AA:BB:CC:DD:EE:FF)");
        }
        return address;
    }
}
