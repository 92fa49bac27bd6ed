package dev.limbic.heartrate;

/**
 * Encodes Heart Rate Measurement values (0x2A37) the way a strap does: for simulated straps (the demo, the
 * load generator) and for relays that hold decoded samples and must send real frames.
 */
public final class HeartRateMeasurementEncoder {
    private HeartRateMeasurementEncoder() {
    }

    /**
     * Writes one value into {@code out} at {@code offset} and returns its length.
     *
     * @param heartRateBpm      0 to 65535; written as uint8 when it fits, else uint16
     * @param contact           the contact status to flag
     * @param energyExpendedKj  {@link HeartRateMeasurement#NO_ENERGY} to leave the field out
     * @param rrIntervals1024   RR intervals in 1/1024 s, oldest first (may be empty)
     */
    public static int encode(int heartRateBpm, SensorContact contact, int energyExpendedKj, int[] rrIntervals1024,
                             byte[] out, int offset) {
        if (heartRateBpm < 0 || heartRateBpm > 0xFFFF) {
            throw new IllegalArgumentException("heart rate out of range: " + heartRateBpm);
        }
        if (rrIntervals1024.length > HeartRateMeasurement.MAX_RR_INTERVALS) {
            throw new IllegalArgumentException("too many RR intervals: " + rrIntervals1024.length);
        }
        boolean wide = heartRateBpm > 0xFF;
        boolean energy = energyExpendedKj != HeartRateMeasurement.NO_ENERGY;
        int flags = (wide ? 0x01 : 0)
                | contactBits(contact) << 1
                | (energy ? 0x08 : 0)
                | (rrIntervals1024.length > 0 ? 0x10 : 0);
        int cursor = offset;
        out[cursor++] = (byte) flags;
        out[cursor++] = (byte) heartRateBpm;
        if (wide) {
            out[cursor++] = (byte) (heartRateBpm >>> 8);
        }
        if (energy) {
            cursor = putUint16(out, cursor, energyExpendedKj);
        }
        for (int rr : rrIntervals1024) {
            cursor = putUint16(out, cursor, rr);
        }
        return cursor - offset;
    }

    /** Encodes one value into a new array of exactly its length. */
    public static byte[] encode(int heartRateBpm, SensorContact contact, int energyExpendedKj, int... rrIntervals1024) {
        byte[] buffer = new byte[HeartRateMeasurementDecoder.MAX_VALUE_LENGTH];
        int length = encode(heartRateBpm, contact, energyExpendedKj, rrIntervals1024, buffer, 0);
        return java.util.Arrays.copyOf(buffer, length);
    }

    /** Converts an RR interval in milliseconds to the wire unit of 1/1024 s, rounded. */
    public static int rrMillisTo1024(double rrMillis) {
        return (int) Math.round(rrMillis * 1024.0 / 1000.0);
    }

    private static int contactBits(SensorContact contact) {
        return switch (contact) {
            case UNSUPPORTED -> 0b00;
            case LOST -> 0b10;
            case DETECTED -> 0b11;
        };
    }

    private static int putUint16(byte[] out, int cursor, int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("uint16 out of range: " + value);
        }
        out[cursor] = (byte) value;
        out[cursor + 1] = (byte) (value >>> 8);
        return cursor + 2;
    }
}
