package dev.limbic.ble;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Bluetooth source's meters: {@code limbic_ble_devices_connected}, {@code limbic_ble_reconnects_total} (links
 * re-established after a loss) and {@code limbic_ble_battery_percent{device}} (read at each connect).
 */
public final class BleMetrics {
    private final MeterRegistry registry;
    private final AtomicInteger connected = new AtomicInteger();
    private final Counter reconnects;
    private final Map<String, AtomicInteger> battery = new ConcurrentHashMap<>();

    public BleMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("limbic.ble.devices.connected", connected, AtomicInteger::get)
                .description("Straps linked to this gateway's Bluetooth adapter now").register(registry);
        reconnects = Counter.builder("limbic.ble.reconnects")
                .description("Strap links re-established after a loss").register(registry);
    }

    void linkUp() {
        connected.incrementAndGet();
    }

    void linkLost() {
        connected.decrementAndGet();
    }

    void reconnected() {
        reconnects.increment();
    }

    void battery(String address, int percent) {
        battery.computeIfAbsent(address, a -> {
            AtomicInteger level = new AtomicInteger();
            Gauge.builder("limbic.ble.battery.percent", level, AtomicInteger::get)
                    .description("Battery level of a paired strap, read at its last connect")
                    .tag("device", a).register(registry);
            return level;
        }).set(percent);
    }

    /** Straps linked now. */
    public int connected() {
        return connected.get();
    }

    /** Links re-established after a loss so far. */
    public long reconnects() {
        return (long) reconnects.count();
    }
}
