package dev.limbic.ble;

import java.time.Instant;
import java.util.Objects;

/**
 * A strap bound to a responder: its frames feed that responder's stress state.
 *
 * @param address   the strap's Bluetooth address (canonical form)
 * @param responder the responder's id
 * @param pairedAt  when it was bound
 */
public record Pairing(String address, String responder, Instant pairedAt) {
    public Pairing {
        address = BluetoothAddress.parse(address);
        Objects.requireNonNull(responder, "responder");
        Objects.requireNonNull(pairedAt, "pairedAt");
        if (responder.isBlank()) {
            throw new IllegalArgumentException("responder must not be empty");
        }
    }
}
