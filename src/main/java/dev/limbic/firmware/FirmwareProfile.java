package dev.limbic.firmware;

import dev.limbic.heartrate.HeartRateMeasurement;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A family of heart-rate devices: how to recognise one, what it offers and which quirks correct its frames.
 *
 * @param source          where the profile came from (its file name), for messages
 * @param family          the name people know the devices by
 * @param namePatterns    regular expressions, one of which must find the advertised local name
 * @param manufacturerIds Bluetooth SIG company identifiers of the family; empty when they are not known
 * @param sensor          how the device measures
 * @param offers          what it offers over GATT
 * @param quirks          corrections applied to every frame, in order
 */
public record FirmwareProfile(String source, String family, List<Pattern> namePatterns, Set<Integer> manufacturerIds,
                              SensorKind sensor, Offers offers, List<Quirk> quirks) {
    public FirmwareProfile {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(family, "family");
        namePatterns = List.copyOf(namePatterns);
        manufacturerIds = Set.copyOf(manufacturerIds);
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(offers, "offers");
        quirks = List.copyOf(quirks);
        if (namePatterns.isEmpty()) {
            throw new IllegalArgumentException("a profile needs at least one name pattern");
        }
    }

    /**
     * Whether a device advertising {@code name} and the manufacturer ids {@code advertisedIds} belongs to this family:
     * one name pattern must match; when both the profile and the advertisement carry manufacturer ids, they must
     * share one (many devices leave manufacturer data out of the packet the scanner saw, so its absence proves nothing).
     */
    public boolean matches(String name, Set<Integer> advertisedIds) {
        if (name == null) {
            return false;
        }
        if (!manufacturerIds.isEmpty() && !advertisedIds.isEmpty()
                && advertisedIds.stream().noneMatch(manufacturerIds::contains)) {
            return false;
        }
        for (Pattern pattern : namePatterns) {
            if (pattern.matcher(name).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Corrects one decoded frame in place with every quirk of the profile; allocates nothing.
     *
     * @param sinceConnectMillis how long the link that carried the frame has been up
     */
    public void correct(HeartRateMeasurement measurement, long sinceConnectMillis) {
        for (int i = 0; i < quirks.size(); i++) {
            quirks.get(i).correct(measurement, sinceConnectMillis);
        }
    }

    /** Whether the profile has a quirk of the given type; allocates nothing (called per frame). */
    public boolean hasQuirk(Class<? extends Quirk> type) {
        for (int i = 0; i < quirks.size(); i++) {
            if (type.isInstance(quirks.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** The quirk of the given type, if the profile has one. */
    public <Q extends Quirk> java.util.Optional<Q> quirk(Class<Q> type) {
        return quirks.stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
