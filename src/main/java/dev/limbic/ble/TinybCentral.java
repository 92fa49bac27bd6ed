package dev.limbic.ble;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tinyb.BluetoothAdapter;
import tinyb.BluetoothDevice;
import tinyb.BluetoothException;
import tinyb.BluetoothManager;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The gateway's Bluetooth adapter, through TinyB and BlueZ. Every call blocks on D-Bus: never call it on an event
 * loop. Objects are always looked up afresh ({@code getDevices()}) and a link's objects are never reused for the next
 * link; TinyB's {@code find(...)} is never used (it crashes the JVM while objects appear on the bus,
 * intel-iot-devkit/tinyb#113). Device objects handed out here and dropped are freed by their finalizers, which TinyB
 * makes safe for devices (a lock and a validity flag guard their property handler); GATT objects are not guarded, so
 * {@link StrapLink} keeps those of a link until BlueZ has removed them ({@link LinkObjects}).
 */
public final class TinybCentral {
    private static final Logger LOG = LoggerFactory.getLogger(TinybCentral.class);
    private final BluetoothManager manager;

    private TinybCentral(BluetoothManager manager) {
        this.manager = manager;
    }

    /**
     * Opens the system's Bluetooth through BlueZ on the D-Bus system bus ({@code DBUS_SYSTEM_BUS_ADDRESS} when set).
     *
     * @throws BluetoothUnavailableException saying what is missing: natives, the bus, BlueZ or an adapter
     */
    public static TinybCentral open() throws BluetoothUnavailableException {
        TinybNatives.load();
        BluetoothManager manager;
        try {
            manager = BluetoothManager.getBluetoothManager();
        } catch (RuntimeException e) {
            throw new BluetoothUnavailableException("no Bluetooth through BlueZ on the D-Bus system bus ("
                    + systemBus() + "): " + e.getMessage(), e);
        }
        if (manager.getAdapters().isEmpty()) {
            throw new BluetoothUnavailableException("BlueZ reports no Bluetooth adapter");
        }
        return new TinybCentral(manager);
    }

    private static String systemBus() {
        String address = System.getenv("DBUS_SYSTEM_BUS_ADDRESS");
        return address == null ? "the default system bus socket" : address;
    }

    /**
     * Discovers for {@code window}, polling the adapter's devices every {@code poll}, and returns the devices that
     * advertise the Heart Rate service, each as last seen, in the order they first appeared.
     */
    public List<AdvertisedStrap> scan(Duration window, Duration poll) throws InterruptedException {
        Map<String, AdvertisedStrap> seen = new LinkedHashMap<>();
        boolean started = startDiscovery();
        long end = System.nanoTime() + window.toNanos();
        try {
            do {
                for (BluetoothDevice device : manager.getDevices()) {
                    advertisement(device).ifPresent(strap -> seen.put(strap.address(), strap));
                }
                Thread.sleep(poll.toMillis());
            } while (System.nanoTime() < end);
        } finally {
            if (started) {
                stopDiscovery();
            }
        }
        return new ArrayList<>(seen.values());
    }

    private boolean startDiscovery() {
        try {
            boolean started = false;
            for (BluetoothAdapter adapter : manager.getAdapters()) {
                started |= adapter.startDiscovery();
            }
            return started;
        } catch (BluetoothException e) {
            LOG.debug("starting discovery failed (another client may be discovering; devices still show up)", e);
            return false;
        }
    }

    private void stopDiscovery() {
        try {
            for (BluetoothAdapter adapter : manager.getAdapters()) {
                adapter.stopDiscovery();
            }
        } catch (BluetoothException e) {
            LOG.debug("stopping discovery failed", e);
        }
    }

    /** The device's advertisement when it offers the Heart Rate service. */
    static Optional<AdvertisedStrap> advertisement(BluetoothDevice device) {
        String[] uuids = device.getUUIDs();
        boolean heartRate = false;
        for (String uuid : uuids == null ? new String[0] : uuids) {
            heartRate |= GattUuids.same(uuid, GattUuids.HEART_RATE_SERVICE);
        }
        if (!heartRate) {
            return Optional.empty();
        }
        Set<Integer> ids = new TreeSet<>();
        Map<Short, byte[]> data = device.getManufacturerData();
        if (data != null) {
            data.keySet().forEach(id -> ids.add(id & 0xFFFF));
        }
        String name = device.getName();
        return Optional.of(new AdvertisedStrap(device.getAddress(), name == null ? "" : name, device.getRSSI(), ids));
    }

    /** The adapter's current object for {@code address}, freshly looked up; empty when BlueZ does not know it. */
    Optional<BluetoothDevice> device(String address) {
        for (BluetoothDevice device : manager.getDevices()) {
            if (address.equalsIgnoreCase(device.getAddress())) {
                return Optional.of(device);
            }
        }
        return Optional.empty();
    }

    /** Starts discovery so that paired straps out of range show up when they come back; a failure is harmless. */
    void keepDiscovering() {
        try {
            for (BluetoothAdapter adapter : manager.getAdapters()) {
                if (!adapter.getDiscovering()) {
                    adapter.startDiscovery();
                }
            }
        } catch (BluetoothException e) {
            // retried on the next reconnect attempt
        }
    }
}
