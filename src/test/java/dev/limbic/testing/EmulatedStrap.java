package dev.limbic.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Base64;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A heart-rate strap emulated inside Chromium through the DevTools {@code BluetoothEmulation} domain, so a page's
 * real {@code navigator.bluetooth} finds, connects to and subscribes to it. Checked against Chromium 156:
 * <ul>
 *   <li>browser target: {@code BluetoothEmulation.enable {state: powered-on, leSupported: true}},
 *       {@code simulatePreconnectedPeripheral}, {@code addService} (0x180D, 0x180F), {@code addCharacteristic}
 *       (0x2A37 notify+read, 0x2A19 read+notify), {@code addDescriptor} (0x2902 on each);</li>
 *   <li>every {@code gattOperationReceived} (connection, discovery) is answered with
 *       {@code simulateGATTOperationResponse code 0}; every {@code characteristicOperationReceived} with
 *       {@code simulateCharacteristicOperationResponse code 0} (a read with the next queued value);</li>
 *   <li>page session: {@code DeviceAccess.enable}, and the first {@code deviceRequestPrompted} of each request id is
 *       answered with {@code DeviceAccess.selectPrompt} (the event comes twice; selecting twice crashes the browser);</li>
 *   <li>{@code simulateGATTDisconnection} drops the link, which fires {@code gattserverdisconnected}; it also empties
 *       the peripheral's GATT table, which {@link #disconnect} therefore adds again.</li>
 * </ul>
 * The domain has no command that pushes a notification value. A GATT read answer, though, goes through the same
 * path: Web Bluetooth fires {@code characteristicvaluechanged} on the characteristic for a read as for a
 * notification. So {@link #emit} queues the value and reads the page's own 0x2A37 characteristic object (found with
 * {@code Runtime.queryObjects}, nothing in the page exposes it); the page's listener then receives the bytes the
 * emulated strap answered. That is why the emulated 0x2A37 also allows reads (a real strap's only notifies).
 */
public final class EmulatedStrap {
    public static final String ADDRESS = "0C:8C:DC:00:10:0D";
    public static final String NAME = "Polar H10 0C8CDC";
    private static final String HEART_RATE = "0000180d-0000-1000-8000-00805f9b34fb";
    private static final String MEASUREMENT = "00002a37-0000-1000-8000-00805f9b34fb";
    private static final String BATTERY = "0000180f-0000-1000-8000-00805f9b34fb";
    private static final String BATTERY_LEVEL = "00002a19-0000-1000-8000-00805f9b34fb";
    private static final String CCCD = "00002902-0000-1000-8000-00805f9b34fb";

    private final DevTools devTools;
    private final String page;
    private volatile String measurementId;
    private volatile String batteryLevelId;
    private final Deque<byte[]> reads = new ConcurrentLinkedDeque<>();
    private final Set<String> prompts = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger subscriptions = new AtomicInteger();
    private volatile int batteryPercent;

    private EmulatedStrap(DevTools devTools, String page, int batteryPercent) {
        this.devTools = devTools;
        this.page = page;
        this.batteryPercent = batteryPercent;
        devTools.on("BluetoothEmulation.gattOperationReceived", (params, message) -> {
            if ("connection".equals(params.getString("type"))) {
                connections.incrementAndGet();
            }
            devTools.send("BluetoothEmulation.simulateGATTOperationResponse", new JsonObject()
                    .put("address", params.getString("address")).put("type", params.getString("type")).put("code", 0), null);
        });
        devTools.on("BluetoothEmulation.characteristicOperationReceived", (params, message) -> answer(params));
        devTools.on("BluetoothEmulation.descriptorOperationReceived", (params, message) -> {
            JsonObject answer = new JsonObject().put("descriptorId", params.getString("descriptorId"))
                    .put("type", params.getString("type")).put("code", 0);
            if ("read".equals(params.getString("type"))) {
                answer.put("data", Base64.getEncoder().encodeToString(new byte[] {0, 0}));
            }
            devTools.send("BluetoothEmulation.simulateDescriptorOperationResponse", answer, null);
        });
        devTools.on("DeviceAccess.deviceRequestPrompted", (params, message) -> {
            if (page.equals(message.getString("sessionId")) && prompts.add(params.getString("id"))) {
                JsonArray devices = params.getJsonArray("devices");
                devTools.send("DeviceAccess.selectPrompt", new JsonObject().put("id", params.getString("id"))
                        .put("deviceId", devices.getJsonObject(0).getString("id")), page);
            }
        });
        devTools.page(page, "DeviceAccess.enable", new JsonObject());
        devTools.browser("BluetoothEmulation.enable", new JsonObject().put("state", "powered-on").put("leSupported", true));
        devTools.browser("BluetoothEmulation.simulatePreconnectedPeripheral", new JsonObject()
                .put("address", ADDRESS).put("name", NAME).put("manufacturerData", new JsonArray())
                .put("knownServiceUuids", new JsonArray().add(HEART_RATE).add(BATTERY)));
        addServices();
    }

    /** The strap's GATT table: Heart Rate with its Measurement, Battery with its Level. */
    private void addServices() {
        String heartRate = devTools.browser("BluetoothEmulation.addService",
                new JsonObject().put("address", ADDRESS).put("serviceUuid", HEART_RATE)).getString("serviceId");
        measurementId = characteristic(heartRate, MEASUREMENT);
        String battery = devTools.browser("BluetoothEmulation.addService",
                new JsonObject().put("address", ADDRESS).put("serviceUuid", BATTERY)).getString("serviceId");
        batteryLevelId = characteristic(battery, BATTERY_LEVEL);
    }

    /** Emulates a strap in the browser {@code devTools} is connected to, chosen when the page {@code page} asks. */
    public static EmulatedStrap install(DevTools devTools, String page, int batteryPercent) {
        return new EmulatedStrap(devTools, page, batteryPercent);
    }

    private String characteristic(String serviceId, String uuid) {
        String id = devTools.browser("BluetoothEmulation.addCharacteristic", new JsonObject().put("serviceId", serviceId)
                .put("characteristicUuid", uuid).put("properties", new JsonObject().put("read", true).put("notify", true)))
                .getString("characteristicId");
        devTools.browser("BluetoothEmulation.addDescriptor", new JsonObject().put("characteristicId", id).put("descriptorUuid", CCCD));
        return id;
    }

    private void answer(JsonObject params) {
        String characteristic = params.getString("characteristicId");
        String type = params.getString("type");
        JsonObject answer = new JsonObject().put("characteristicId", characteristic).put("type", type).put("code", 0);
        if ("subscribe-to-notifications".equals(type) && characteristic.equals(measurementId)) {
            subscriptions.incrementAndGet();
        }
        if ("read".equals(type)) {
            byte[] value = characteristic.equals(batteryLevelId) ? new byte[] {(byte) batteryPercent} : reads.poll();
            if (value == null) {
                answer.put("code", 0x0e); // unlikely error: a read nobody queued a value for
            } else {
                answer.put("data", Base64.getEncoder().encodeToString(value));
            }
        }
        devTools.send("BluetoothEmulation.simulateCharacteristicOperationResponse", answer, null);
    }

    /**
     * Delivers one Heart Rate Measurement value to the page's 0x2A37 listener as the strap's answer to a read of the
     * page's current characteristic object (see the class comment); answers what the page-side read returned.
     */
    public String emit(byte[] value) {
        reads.add(value);
        JsonObject prototype = devTools.page(page, "Runtime.evaluate",
                new JsonObject().put("expression", "BluetoothRemoteGATTCharacteristic.prototype")).getJsonObject("result");
        JsonObject instances = devTools.page(page, "Runtime.queryObjects",
                new JsonObject().put("prototypeObjectId", prototype.getString("objectId"))).getJsonObject("objects");
        JsonObject result = devTools.page(page, "Runtime.callFunctionOn", new JsonObject()
                .put("objectId", instances.getString("objectId"))
                .put("functionDeclaration", """
                        async function() {
                          const live = this.filter(c => c.uuid === '%s' && c.service.device.gatt.connected);
                          for (const c of live.reverse()) {
                            try { await c.readValue(); return 'read'; } catch (e) { /* a stale object: try the next */ }
                          }
                          return 'no connected 0x2A37 characteristic (' + this.length + ' objects)';
                        }""".formatted(MEASUREMENT))
                .put("awaitPromise", true).put("returnByValue", true));
        return result.getJsonObject("result").getString("value");
    }

    /**
     * Drops the GATT link as a strap going out of range does. Chromium's emulation forgets the peripheral's services
     * on a disconnection, so they are added again at once: a real strap offers the same table when it is back.
     */
    public void disconnect() {
        devTools.browser("BluetoothEmulation.simulateGATTDisconnection", new JsonObject().put("address", ADDRESS));
        addServices();
    }

    public void setBatteryPercent(int percent) {
        batteryPercent = percent;
    }

    /** GATT connections the page made (the first pairing and each reconnection). */
    public int connections() {
        return connections.get();
    }

    /** Subscriptions to 0x2A37 notifications the page made. */
    public int subscriptions() {
        return subscriptions.get();
    }
}
