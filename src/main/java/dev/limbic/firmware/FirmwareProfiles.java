package dev.limbic.firmware;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Every known firmware profile: the specific ones in order, and the generic fallback that matches any heart-rate
 * device no specific profile recognised.
 */
public record FirmwareProfiles(List<FirmwareProfile> specific, FirmwareProfile generic) {
    public FirmwareProfiles {
        specific = List.copyOf(specific);
        Objects.requireNonNull(generic, "generic");
    }

    /** The first specific profile matching the device, else the generic one. */
    public FirmwareProfile match(String name, Set<Integer> advertisedManufacturerIds) {
        for (FirmwareProfile profile : specific) {
            if (profile.matches(name, advertisedManufacturerIds)) {
                return profile;
            }
        }
        return generic;
    }

    /** All profiles, the generic one last. */
    public List<FirmwareProfile> all() {
        return java.util.stream.Stream.concat(specific.stream(), java.util.stream.Stream.of(generic)).toList();
    }
}
