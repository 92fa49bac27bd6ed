package dev.limbic.ble;

import tinyb.BluetoothDevice;
import tinyb.BluetoothException;
import tinyb.BluetoothGattCharacteristic;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * One live link to a strap: connected, its services resolved, Heart Rate Measurement notifications on. Built from
 * objects looked up afresh at connect time, which are retired with the link and freed only once BlueZ has removed them
 * ({@link LinkObjects}: TinyB corrupts the native heap otherwise). Every method blocks on D-Bus.
 */
public final class StrapLink implements AutoCloseable {
    private final LinkObjects objects;
    private final OptionalInt bodySensorLocation;
    private final OptionalInt batteryPercent;
    private final String name;
    private final java.util.Set<Integer> manufacturerIds;

    private StrapLink(LinkObjects objects, OptionalInt bodySensorLocation, OptionalInt batteryPercent) {
        this.objects = objects;
        BluetoothDevice device = objects.device();
        String advertised = device.getName();
        this.name = advertised == null ? "" : advertised;
        java.util.Set<Integer> ids = new java.util.TreeSet<>();
        java.util.Map<Short, byte[]> data = device.getManufacturerData();
        if (data != null) {
            data.keySet().forEach(id -> ids.add(id & 0xFFFF));
        }
        this.manufacturerIds = java.util.Set.copyOf(ids);
        this.bodySensorLocation = bodySensorLocation;
        this.batteryPercent = batteryPercent;
    }

    /**
     * Connects to the strap at {@code address}, waits for its services, reads Body Sensor Location (0x2A38) and
     * Battery Level (0x2A19) when offered, and subscribes to Heart Rate Measurement (0x2A37). {@code frames} runs on
     * TinyB's thread with TinyB's own array for each notification: hand it on without blocking.
     *
     * @throws StrapLinkException when the strap is not known, cannot be connected or lacks 0x2A37 within {@code timeout}
     */
    public static StrapLink connect(TinybCentral central, String address, Duration timeout, Consumer<byte[]> frames)
            throws InterruptedException, StrapLinkException {
        try {
            return link(central, address, timeout, frames);
        } catch (BluetoothException e) {
            throw new StrapLinkException("strap " + address + ": " + e.getMessage(), e);
        }
    }

    private static StrapLink link(TinybCentral central, String address, Duration timeout, Consumer<byte[]> frames)
            throws InterruptedException, StrapLinkException {
        BluetoothDevice device = central.device(address)
                .orElseThrow(() -> new StrapLinkException("strap " + address + " is not in range"));
        LinkObjects objects = new LinkObjects(device);
        boolean linked = false;
        try {
            if (!device.getConnected()) {
                device.connect();
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!device.getServicesResolved()) {
                if (System.nanoTime() > deadline) {
                    throw new StrapLinkException("strap " + address + " connected but its services did not resolve in "
                            + timeout.toSeconds() + "s");
                }
                Thread.sleep(50);
            }
            objects.discover();
            BluetoothGattCharacteristic measurement = objects.characteristic(GattUuids.HEART_RATE_SERVICE,
                    GattUuids.HEART_RATE_MEASUREMENT).orElseThrow(() -> new StrapLinkException(
                    "strap " + address + " has no Heart Rate Measurement characteristic"));
            OptionalInt location = readByte(objects, GattUuids.HEART_RATE_SERVICE, GattUuids.BODY_SENSOR_LOCATION);
            OptionalInt battery = readByte(objects, GattUuids.BATTERY_SERVICE, GattUuids.BATTERY_LEVEL);
            measurement.enableValueNotifications(frames::accept);
            StrapLink link = new StrapLink(objects, location, battery);
            linked = true;
            return link;
        } finally {
            if (!linked) {
                objects.retire();
            }
        }
    }

    private static OptionalInt readByte(LinkObjects objects, String service, String uuid) {
        Optional<BluetoothGattCharacteristic> characteristic = objects.characteristic(service, uuid);
        if (characteristic.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            byte[] value = characteristic.get().readValue();
            return value != null && value.length > 0 ? OptionalInt.of(value[0] & 0xFF) : OptionalInt.empty();
        } catch (BluetoothException e) {
            return OptionalInt.empty();
        }
    }

    /** The strap's advertised name, empty when it has none. */
    public String name() {
        return name;
    }

    /** The company identifiers of the strap's manufacturer data. */
    public java.util.Set<Integer> manufacturerIds() {
        return manufacturerIds;
    }

    /** The 0x2A38 code (1 chest, 2 wrist, …) read at connect time, if offered. */
    public OptionalInt bodySensorLocation() {
        return bodySensorLocation;
    }

    /** The battery level read at connect time, if offered. */
    public OptionalInt batteryPercent() {
        return batteryPercent;
    }

    /**
     * Disconnects the strap (BlueZ ends the notifications with the link) and retires the link's TinyB objects, to be
     * freed once BlueZ has removed them ({@link LinkObjects}). Notifications are deliberately not disabled first:
     * TinyB's thread may be reading the callback that disabling frees. After a link loss the disconnect may fail,
     * which is fine. Notifications already queued may still reach {@code frames}: callers ignore a closed link's.
     */
    @Override
    public void close() {
        try {
            objects.device().disconnect();
        } catch (RuntimeException e) {
            // the link is gone already
        }
        objects.retire();
    }
}
