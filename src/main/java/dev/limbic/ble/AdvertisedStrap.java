package dev.limbic.ble;

import java.util.Set;

/**
 * A device seen advertising the Heart Rate service (0x180D).
 *
 * @param address         its Bluetooth address ({@code AA:BB:CC:DD:EE:FF})
 * @param name            its advertised local name, empty when it sent none
 * @param rssi            signal strength in dBm as last seen
 * @param manufacturerIds company identifiers of its manufacturer data
 */
public record AdvertisedStrap(String address, String name, int rssi, Set<Integer> manufacturerIds) {
    public AdvertisedStrap {
        manufacturerIds = Set.copyOf(manufacturerIds);
    }
}
