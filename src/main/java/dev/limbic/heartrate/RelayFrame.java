package dev.limbic.heartrate;

/**
 * The binary frame in which relays (phones, browsers, edge gateways) send one strap notification to the
 * gateway's device stream:
 *
 * <pre>
 * byte 0       format version, 1
 * bytes 1-8    when the strap sent the value: milliseconds since the Unix epoch, int64 big-endian
 * bytes 9-     the Heart Rate Measurement (0x2A37) value exactly as the strap notified it
 * </pre>
 */
public final class RelayFrame {
    /** The only format version so far. */
    public static final byte VERSION_1 = 1;
    /** Bytes before the Heart Rate Measurement value. */
    public static final int HEADER_LENGTH = 9;

    private RelayFrame() {
    }

    /** Writes the header for a value sent at {@code sentAtMillis}; the value follows at {@code offset + HEADER_LENGTH}. */
    public static void writeHeader(byte[] out, int offset, long sentAtMillis) {
        out[offset] = VERSION_1;
        for (int i = 0; i < 8; i++) {
            out[offset + 1 + i] = (byte) (sentAtMillis >>> (56 - 8 * i));
        }
    }

    /** A complete frame carrying {@code value} sent at {@code sentAtMillis}. */
    public static byte[] of(long sentAtMillis, byte[] value) {
        byte[] frame = new byte[HEADER_LENGTH + value.length];
        writeHeader(frame, 0, sentAtMillis);
        System.arraycopy(value, 0, frame, HEADER_LENGTH, value.length);
        return frame;
    }

    /** The send time in a frame whose header starts at {@code offset}; the caller has checked the length. */
    public static long sentAtMillis(byte[] frame, int offset) {
        long millis = 0;
        for (int i = 0; i < 8; i++) {
            millis = millis << 8 | (frame[offset + 1 + i] & 0xFF);
        }
        return millis;
    }
}
