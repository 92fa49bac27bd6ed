package dev.limbic.ble;

import tinyb.BluetoothDevice;
import tinyb.BluetoothGattCharacteristic;
import tinyb.BluetoothGattService;
import tinyb.BluetoothManager;
import tinyb.BluetoothObject;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The TinyB objects one strap link uses (its device, every GATT service and characteristic found on it), held together
 * from discovery until BlueZ has removed their D-Bus objects, and only then freed, each exactly once.
 *
 * <p>Why (TinyB 0.5.0-28-gac6d308, the natives in bluetooth-manager-tinyb 1.3.3): each Java object owns a C++ peer
 * that TinyB frees in {@code close()} or, when nobody called it, in {@code finalize()} on the JVM's finalizer thread.
 * A characteristic's peer registers a GLib {@code g-properties-changed} handler with itself as user data; TinyB's own
 * thread runs that handler for every property change of the characteristic (each notified value, {@code Notifying}),
 * and it copies the peer's notification callback ({@code std::function}) without any lock. Freeing the peer, or
 * replacing its callback ({@code enable/disableValueNotifications}), while that handler runs frees memory the handler
 * is still copying: glibc aborts with "double free or corruption", or TinyB calls a callback whose JNI reference is
 * gone. Once BlueZ removed the D-Bus object, TinyB's object manager (whose signals TinyB's thread handles in order)
 * no longer dispatches anything to the old peer, so freeing it then is safe. Hence: notifications are never disabled
 * (BlueZ ends them with the link), nothing of a link is left to the finalizer while its object may still signal, and
 * {@link #freeGone()} frees retired links whose services BlueZ no longer lists (BlueZ's gatt-client.c unregisters
 * a service's characteristics before the service itself). A link that never got as far as its services holds only
 * its device, whose handler TinyB guards with a lock and a validity flag; it is freed at the next {@link #freeGone()}.
 *
 * <p>Retired links stay referenced for as long as BlueZ keeps their objects (a bonded strap whose GATT database BlueZ
 * caches keeps them across disconnects); that is a few hundred bytes per link, against a crash. Use from the
 * Bluetooth thread of a source (discovery and reads block on D-Bus); retiring and freeing are thread-safe.
 */
final class LinkObjects {
    private static final List<LinkObjects> RETIRED = new ArrayList<>();

    private final BluetoothDevice device;
    private final List<BluetoothGattService> services = new ArrayList<>();
    private final List<Found> characteristics = new ArrayList<>();
    private boolean retired;

    /** A characteristic with the UUIDs of itself and of its service, read once at discovery. */
    private record Found(String serviceUuid, String uuid, BluetoothGattCharacteristic characteristic) {
    }

    LinkObjects(BluetoothDevice device) {
        this.device = device;
    }

    BluetoothDevice device() {
        return device;
    }

    /** Looks up the device's services and their characteristics once, keeping every object TinyB hands out. */
    void discover() {
        for (BluetoothGattService service : device.getServices()) {
            services.add(service);
            String serviceUuid = service.getUUID();
            for (BluetoothGattCharacteristic characteristic : service.getCharacteristics()) {
                characteristics.add(new Found(serviceUuid, characteristic.getUUID(), characteristic));
            }
        }
    }

    /** The discovered characteristic {@code uuid} of service {@code service}. */
    Optional<BluetoothGattCharacteristic> characteristic(String service, String uuid) {
        for (Found found : characteristics) {
            if (GattUuids.same(found.serviceUuid(), service) && GattUuids.same(found.uuid(), uuid)) {
                return Optional.of(found.characteristic());
            }
        }
        return Optional.empty();
    }

    /**
     * Hands the objects over to be freed once BlueZ has removed them (at a later {@link #freeGone()}); the link must
     * not use them any more. A second call does nothing.
     */
    void retire() {
        synchronized (RETIRED) {
            if (!retired) {
                retired = true;
                RETIRED.add(this);
            }
        }
    }

    /**
     * Frees the objects of every retired link whose GATT services BlueZ no longer lists. Reads TinyB's local copy of
     * BlueZ's object tree once (no D-Bus round trip), and nothing at all while no link is retired.
     *
     * @return how many retired links are still held
     */
    static int freeGone() {
        synchronized (RETIRED) { // one caller at a time: a freed object must never be compared again
            if (RETIRED.isEmpty()) {
                return 0;
            }
            List<BluetoothGattService> onTheBus;
            try {
                onTheBus = BluetoothManager.getBluetoothManager().getServices();
            } catch (RuntimeException e) {
                return RETIRED.size(); // asked again at the next round
            }
            for (Iterator<LinkObjects> it = RETIRED.iterator(); it.hasNext(); ) {
                LinkObjects link = it.next();
                if (link.services.stream().noneMatch(onTheBus::contains)) { // equal = same D-Bus object path
                    link.free();
                    it.remove();
                }
            }
            return RETIRED.size();
        }
    }

    /** Frees every native peer of the link; TinyB's close() frees once, so a later finalize() does nothing. */
    private void free() {
        characteristics.forEach(found -> found.characteristic().close());
        services.forEach(BluetoothObject::close);
        device.close();
    }
}
