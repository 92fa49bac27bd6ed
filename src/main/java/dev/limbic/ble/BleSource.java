package dev.limbic.ble;

import dev.limbic.firmware.FirmwareProfile;
import dev.limbic.firmware.FirmwareProfiles;
import dev.limbic.firmware.OffBodySilence;
import dev.limbic.heartrate.SensorContact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Links the paired straps and hands their frames to a {@link StrapFrames} sink: in the gateway, the same hot path
 * (decoder, stress monitor, metrics) as the network ingest ({@link HotPathFrames}); on an edge box, the relay to a
 * central gateway.
 *
 * <p>Every blocking TinyB call (opening Bluetooth, connect, read, disconnect) runs on this source's own thread,
 * never on an event loop. Notifications arrive on TinyB's thread; each one's array (TinyB allocates one per
 * notification) is handed to the sink, which never blocks.
 *
 * <p>Link supervision: a link that sends no frame for {@link BleSettings#silence()} is lost (TinyB reports no error);
 * the responder's stream closes (so their state goes {@code UNKNOWN} when it was their last), and the strap is
 * reconnected with exponential backoff through objects looked up afresh. Without Bluetooth (no system bus, no BlueZ,
 * no adapter) the source says so once, keeps trying in the background, and the rest of the gateway runs on.
 */
public final class BleSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BleSource.class);

    private final StrapFrames sink;
    private final BleMetrics metrics;
    private final BleSettings settings;
    private final Clock clock;
    private final FirmwareProfiles profiles;
    private final List<Strap> straps = new ArrayList<>();
    /** Each responder's strap battery level, read at its last connect (for their own responder page). */
    private final java.util.Map<String, Integer> batteryByResponder = new java.util.concurrent.ConcurrentHashMap<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "limbic-ble");
        t.setDaemon(true);
        return t;
    });
    private TinybCentral central;
    private long nextBluetoothAttemptNanos;
    private boolean unavailableReported;
    private volatile String status = "starting";

    /** @param sink where links and frames go (the gateway's hot path, or an edge relay) */
    public BleSource(List<Pairing> pairings, FirmwareProfiles profiles, StrapFrames sink, BleMetrics metrics,
                     BleSettings settings, Clock clock) {
        this.sink = sink;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
        this.profiles = profiles;
        for (Pairing pairing : pairings) {
            if (sink.accepts(pairing)) {
                straps.add(new Strap(pairing, profiles));
            }
        }
    }

    /** Starts supervising; returns at once. */
    public BleSource start() {
        long period = settings.supervise().toMillis();
        thread.scheduleWithFixedDelay(this::superviseSafely, 0, period, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Replaces the pairings the source links (returns at once; the work runs on the source's thread): straps no
     * longer paired, or paired to someone else now, are disconnected and their streams closed; newly paired straps
     * the sink accepts are linked at the next supervision round; straps whose pairing is unchanged keep their link.
     */
    public void update(List<Pairing> pairings) {
        List<Pairing> copy = List.copyOf(pairings);
        thread.execute(() -> {
            try {
                reconcile(copy);
            } catch (RuntimeException e) {
                LOG.error("Pairings could not be applied; the next change tries again", e);
            }
        });
    }

    private void reconcile(List<Pairing> pairings) {
        for (Iterator<Strap> it = straps.iterator(); it.hasNext(); ) {
            Strap strap = it.next();
            if (pairings.stream().noneMatch(p -> samePairing(p, strap.pairing))) {
                it.remove();
                if (strap.link != null) {
                    StrapLink link = strap.link;
                    strap.link = null;
                    strap.generation++;
                    link.close();
                    metrics.linkLost();
                    sink.linkLost(strap.pairing);
                }
                LOG.info("Strap {} is no longer paired to responder {}: disconnected", strap.address,
                        strap.pairing.responder());
            }
        }
        for (Pairing pairing : pairings) {
            boolean known = straps.stream().anyMatch(strap -> samePairing(pairing, strap.pairing));
            if (!known && sink.accepts(pairing)) {
                straps.add(new Strap(pairing, profiles));
                LOG.info("Strap {} newly paired to responder {}: linking it", pairing.address(), pairing.responder());
            }
        }
        if (straps.isEmpty()) {
            status = "no paired straps";
        }
    }

    private static boolean samePairing(Pairing a, Pairing b) {
        return a.address().equals(b.address()) && a.responder().equals(b.responder());
    }

    /** The battery level of {@code responder}'s strap, read when it last linked, if it reported one. */
    public java.util.OptionalInt batteryPercent(String responder) {
        Integer percent = batteryByResponder.get(responder);
        return percent == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(percent);
    }

    /** What the source is doing, in words ({@code "2 of 2 straps linked"}, {@code "no Bluetooth: …"}). */
    public String status() {
        return status;
    }

    private void superviseSafely() {
        try {
            supervise();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Bluetooth supervision failed; trying again", e);
        }
    }

    private void supervise() throws InterruptedException {
        if (straps.isEmpty()) {
            status = "no paired straps";
            return;
        }
        if (central == null && !openBluetooth()) {
            return;
        }
        LinkObjects.freeGone(); // TinyB objects of ended links, once BlueZ has removed them
        long now = System.nanoTime();
        for (Strap strap : straps) {
            if (strap.link != null && now - strap.lastFrameNanos > settings.silence().toNanos()) {
                lose(strap, now);
            }
            if (strap.link == null && now - strap.nextAttemptNanos >= 0) {
                connect(strap);
            }
        }
        status = metrics.connected() + " of " + straps.size() + " straps linked";
    }

    private boolean openBluetooth() {
        long now = System.nanoTime();
        if (now - nextBluetoothAttemptNanos < 0) {
            return false;
        }
        try {
            central = TinybCentral.open();
            if (unavailableReported) {
                LOG.info("Bluetooth is available now; linking {} paired straps", straps.size());
            }
            return true;
        } catch (BluetoothUnavailableException e) {
            nextBluetoothAttemptNanos = now + settings.retryBluetooth().toNanos();
            status = "no Bluetooth: " + e.getMessage();
            if (!unavailableReported) {
                unavailableReported = true;
                LOG.warn("No Bluetooth for the {} paired straps: {}. The gateway keeps serving network ingest and tries "
                        + "again every {}.", straps.size(), e.getMessage(), words(settings.retryBluetooth()));
            }
            return false;
        }
    }

    private void connect(Strap strap) throws InterruptedException {
        central.keepDiscovering();
        long generation = ++strap.generation;
        // Frames may arrive before connect returns: the profile and the link's start are set first.
        central.device(strap.address).flatMap(TinybCentral::advertisement)
                .ifPresent(seen -> strap.profile = strap.profiles.match(seen.name(), seen.manufacturerIds()));
        strap.offBody = new OffBodySilence(strap.profile);
        strap.linkUpAtMillis = clock.millis();
        strap.lastFrameNanos = System.nanoTime();
        try {
            StrapLink link = StrapLink.connect(central, strap.address, settings.connectTimeout(),
                    value -> onFrame(strap, generation, value));
            FirmwareProfile linked = strap.profiles.match(link.name(), link.manufacturerIds());
            if (linked != strap.profile) {
                strap.profile = linked;
                strap.offBody = new OffBodySilence(linked);
            }
            strap.lastFrameNanos = System.nanoTime();
            strap.link = link;
            link.batteryPercent().ifPresent(percent -> {
                metrics.battery(strap.address, percent);
                batteryByResponder.put(strap.pairing.responder(), percent);
            });
            metrics.linkUp();
            if (strap.lost) {
                metrics.reconnected();
            }
            strap.failures = 0;
            sink.linkUp(strap.pairing);
            LOG.info("Strap {} of responder {} linked ({}; battery {}, body location {})", strap.address,
                    strap.pairing.responder(), strap.profile.family(),
                    link.batteryPercent().isPresent() ? link.batteryPercent().getAsInt() + "%" : "unknown",
                    link.bodySensorLocation().isPresent() ? link.bodySensorLocation().getAsInt() : "unknown");
        } catch (StrapLinkException e) {
            strap.generation++;
            java.time.Duration wait = settings.backoff(strap.failures++);
            strap.nextAttemptNanos = System.nanoTime() + wait.toNanos();
            LOG.debug("Strap {} not linked ({}); next try in {} ms", strap.address, e.getMessage(), wait.toMillis());
        }
    }

    private void lose(Strap strap, long now) {
        StrapLink link = strap.link;
        strap.link = null;
        strap.generation++;
        boolean offBody = strap.offBody.expected(millis(strap.lastFrameNanos));
        strap.lost = !offBody;
        link.close();
        metrics.linkLost();
        sink.linkLost(strap.pairing);
        strap.nextAttemptNanos = now + settings.backoff(0).toNanos();
        if (offBody) {
            LOG.info("Strap {} of responder {} left the body and dropped its link, as {} straps do; linking it again "
                    + "when it is back", strap.address, strap.pairing.responder(), strap.profile.family());
            return;
        }
        LOG.warn("Strap {} of responder {} sent nothing for {}: link lost, reconnecting", strap.address,
                strap.pairing.responder(), words(settings.silence()));
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static String words(java.time.Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + " ms";
    }

    /** On TinyB's thread: notes the frame's arrival and hands it to the event loop. */
    private void onFrame(Strap strap, long generation, byte[] value) {
        if (generation != strap.generation) {
            return; // a notification of a link already declared lost
        }
        long arrival = System.nanoTime();
        if (value.length > 0) {
            strap.offBody.frame(SensorContact.fromFlagBits(value[0] >> 1), millis(arrival));
        }
        strap.lastFrameNanos = arrival;
        long linkUpAt = strap.linkUpAtMillis;
        sink.frame(strap.pairing, strap.profile, linkUpAt, value, arrival);
    }

    /** Stops supervising and disconnects every strap (blocks; call it off any event loop). */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Strap strap : straps) {
            if (strap.link != null) {
                strap.generation++;
                strap.link.close();
                strap.link = null;
                metrics.linkLost();
            }
        }
    }

    /** One paired strap's link state; touched by the source's thread, except the volatile frame bookkeeping. */
    private static final class Strap {
        final String address;
        final Pairing pairing;
        final FirmwareProfiles profiles;
        volatile FirmwareProfile profile;
        volatile OffBodySilence offBody;
        StrapLink link;
        volatile long generation;
        volatile long lastFrameNanos;
        volatile long linkUpAtMillis;
        long nextAttemptNanos = System.nanoTime();
        int failures;
        boolean lost;

        Strap(Pairing pairing, FirmwareProfiles profiles) {
            this.address = pairing.address();
            this.pairing = pairing;
            this.profiles = profiles;
            this.profile = profiles.generic(); // until the strap's name is known, at its first connect
            this.offBody = new OffBodySilence(profile);
        }
    }
}
