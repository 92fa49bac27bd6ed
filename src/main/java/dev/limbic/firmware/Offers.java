package dev.limbic.firmware;

import java.util.Objects;

/**
 * What a device family offers over GATT.
 *
 * @param rrIntervals        whether it sends RR intervals in 0x2A37
 * @param battery            whether it has the Battery service (0x180F / 0x2A19)
 * @param bodySensorLocation the 0x2A38 location it reports ({@code chest}, {@code wrist}, …), or {@code none}
 * @param energyExpended     whether it sends the energy field
 * @param contactDetection   whether its sensor-contact bits can be trusted
 */
public record Offers(boolean rrIntervals, boolean battery, String bodySensorLocation, boolean energyExpended,
                     boolean contactDetection) {
    public Offers {
        Objects.requireNonNull(bodySensorLocation, "bodySensorLocation");
    }
}
