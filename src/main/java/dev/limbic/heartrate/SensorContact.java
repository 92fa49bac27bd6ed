package dev.limbic.heartrate;

/** The Sensor Contact Status of a Heart Rate Measurement (flag bits 1 and 2). */
public enum SensorContact {
    /** The sensor does not report skin contact (bits 0b00 or 0b01). */
    UNSUPPORTED("unsupported"),
    /** The sensor supports contact detection and reports no contact (0b10). */
    LOST("lost"),
    /** The sensor supports contact detection and reports contact (0b11). */
    DETECTED("detected");

    private final String label;

    SensorContact(String label) {
        this.label = label;
    }

    /** The lower-case name used in JSON and on the wire of the HTTP batch format. */
    public String label() {
        return label;
    }

    /** The contact status for the value of flag bits 1–2 (0 to 3). */
    public static SensorContact fromFlagBits(int bits) {
        return switch (bits & 0b11) {
            case 0b10 -> LOST;
            case 0b11 -> DETECTED;
            default -> UNSUPPORTED;
        };
    }

    /** The contact status named by {@link #label()}, for parsing relayed samples. */
    public static SensorContact fromLabel(String label) {
        for (SensorContact contact : values()) {
            if (contact.label.equals(label)) {
                return contact;
            }
        }
        throw new IllegalArgumentException("unknown contact status '" + label + "' (expected unsupported, lost or detected)");
    }
}
