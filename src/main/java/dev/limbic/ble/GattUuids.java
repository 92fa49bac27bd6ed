package dev.limbic.ble;

import java.util.Locale;

/** The Bluetooth SIG UUIDs Limbic uses, in BlueZ's lower-case 128-bit form. */
final class GattUuids {
    static final String HEART_RATE_SERVICE = of(0x180D);
    static final String HEART_RATE_MEASUREMENT = of(0x2A37);
    static final String BODY_SENSOR_LOCATION = of(0x2A38);
    static final String BATTERY_SERVICE = of(0x180F);
    static final String BATTERY_LEVEL = of(0x2A19);

    private GattUuids() {
    }

    /** The 128-bit form of a 16-bit SIG-assigned UUID. */
    static String of(int shortUuid) {
        return String.format(Locale.ROOT, "0000%04x-0000-1000-8000-00805f9b34fb", shortUuid);
    }

    static boolean same(String a, String b) {
        return a != null && a.equalsIgnoreCase(b);
    }
}
