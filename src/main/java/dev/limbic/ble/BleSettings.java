package dev.limbic.ble;

import java.time.Duration;

/**
 * Timing of the Bluetooth source.
 *
 * @param silence        no frame for this long and a link counts as lost (TinyB reports no error when a link drops)
 * @param supervise      how often links are checked and due reconnects attempted
 * @param retryBluetooth how often an unavailable Bluetooth (no bus, no BlueZ, no adapter) is tried again
 * @param backoffMin     the first wait before reconnecting a lost strap; doubled on each failure
 * @param backoffMax     the longest wait between reconnect attempts
 * @param connectTimeout how long a connect may take until the strap's services are resolved
 */
public record BleSettings(Duration silence, Duration supervise, Duration retryBluetooth, Duration backoffMin,
                          Duration backoffMax, Duration connectTimeout) {
    /** Lost after 5 s of silence, checked every second; Bluetooth retried every 30 s; reconnects 1 s doubling to 60 s. */
    public static BleSettings defaults() {
        return new BleSettings(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(15));
    }

    /** The wait before reconnect attempt {@code failures + 1}. */
    Duration backoff(int failures) {
        long millis = backoffMin.toMillis() << Math.min(failures, 20);
        return Duration.ofMillis(Math.min(millis, backoffMax.toMillis()));
    }
}
