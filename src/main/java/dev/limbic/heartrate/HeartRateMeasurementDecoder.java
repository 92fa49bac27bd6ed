package dev.limbic.heartrate;

/**
 * Decodes the value of the GATT Heart Rate Measurement characteristic (0x2A37), as the Bluetooth Heart Rate
 * Service specification lays it out:
 *
 * <pre>
 * flags (uint8)       bit 0: heart rate is uint16 (else uint8)
 *                     bits 1-2: sensor contact status (0b10 lost, 0b11 detected, else unsupported)
 *                     bit 3: energy expended (uint16, kJ) present
 *                     bit 4: RR intervals (uint16 each, 1/1024 s, oldest first) present
 *                     bits 5-7: reserved, ignored
 * heart rate          uint8 or uint16, little-endian
 * energy expended     uint16, little-endian, if flagged
 * RR intervals        uint16 each, little-endian, to the end of the value, if flagged
 * </pre>
 *
 * Stateless and allocation-free: it reads the bytes with absolute indexing and writes into a caller-owned
 * {@link HeartRateMeasurement}. Malformed input is an outcome, never an exception.
 */
public final class HeartRateMeasurementDecoder {
    /** The largest value an ATT attribute can hold. */
    public static final int MAX_VALUE_LENGTH = 512;

    private static final int HEART_RATE_UINT16 = 0x01;
    private static final int CONTACT_SHIFT = 1;
    private static final int ENERGY_PRESENT = 0x08;
    private static final int RR_PRESENT = 0x10;

    private HeartRateMeasurementDecoder() {
    }

    /**
     * Decodes {@code length} bytes of {@code value} starting at {@code offset} into {@code into}.
     * On any outcome but {@link DecodeOutcome#OK} the content of {@code into} is unspecified.
     */
    public static DecodeOutcome decode(byte[] value, int offset, int length, HeartRateMeasurement into) {
        into.reset();
        if (length <= 0) {
            return DecodeOutcome.EMPTY;
        }
        if (length > MAX_VALUE_LENGTH) {
            return DecodeOutcome.TOO_LONG;
        }
        int end = offset + length;
        int flags = value[offset] & 0xFF;
        int cursor = offset + 1;

        int heartRate;
        if ((flags & HEART_RATE_UINT16) != 0) {
            if (cursor + 2 > end) {
                return DecodeOutcome.TRUNCATED_HEART_RATE;
            }
            heartRate = uint16(value, cursor);
            cursor += 2;
        } else {
            if (cursor + 1 > end) {
                return DecodeOutcome.TRUNCATED_HEART_RATE;
            }
            heartRate = value[cursor] & 0xFF;
            cursor += 1;
        }

        int energy = HeartRateMeasurement.NO_ENERGY;
        if ((flags & ENERGY_PRESENT) != 0) {
            if (cursor + 2 > end) {
                return DecodeOutcome.TRUNCATED_ENERGY_EXPENDED;
            }
            energy = uint16(value, cursor);
            cursor += 2;
        }

        into.set(heartRate, SensorContact.fromFlagBits(flags >>> CONTACT_SHIFT), energy);

        if ((flags & RR_PRESENT) != 0) {
            if (((end - cursor) & 1) != 0) {
                return DecodeOutcome.TRUNCATED_RR_INTERVAL;
            }
            for (; cursor < end; cursor += 2) {
                into.addRrInterval(uint16(value, cursor));
            }
        }
        return DecodeOutcome.OK;
    }

    /** Decodes a whole array. */
    public static DecodeOutcome decode(byte[] value, HeartRateMeasurement into) {
        return decode(value, 0, value.length, into);
    }

    private static int uint16(byte[] value, int index) {
        return (value[index] & 0xFF) | (value[index + 1] & 0xFF) << 8;
    }
}
