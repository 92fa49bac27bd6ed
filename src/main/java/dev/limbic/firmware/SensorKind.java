package dev.limbic.firmware;

/** How a device measures the heart: the {@code sensor} key of a firmware profile. */
public enum SensorKind {
    /** Electrodes on the chest: beat-accurate RR intervals. */
    CHEST_ECG("chest_ecg"),
    /** Photoplethysmography (light through the skin): averaged heart rate, RR often missing. */
    OPTICAL("optical");

    private final String key;

    SensorKind(String key) {
        this.key = key;
    }

    /** The word used in profile files. */
    public String key() {
        return key;
    }

    /** The kind named {@code key} in a profile file. */
    public static SensorKind fromKey(String key) {
        for (SensorKind kind : values()) {
            if (kind.key.equals(key)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown sensor '" + key + "' (expected chest_ecg or optical)");
    }
}
