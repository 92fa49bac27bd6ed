package dev.limbic.app;

import dev.limbic.config.LimbicConfig;
import dev.limbic.ingest.DeviceDirectory;
import dev.limbic.metrics.GatewayMetrics;
import dev.limbic.metrics.MetricsRegistry;
import dev.limbic.paging.Paging;
import dev.limbic.stress.StressMonitor;

import java.time.Clock;
import dev.limbic.ble.PairingSync;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every gateway verticle shares: config, clock, the stress monitor, devices, metrics, and the pager (present
 * when integrations are configured), and the strap pairings kept in step with the Bluetooth source. Thread-safe.
 */
record GatewayServices(LimbicConfig config, Clock clock, StressMonitor monitor, DeviceDirectory devices,
                       MetricsRegistry registry, GatewayMetrics metrics, AtomicBoolean readiness,
                       Optional<Paging> paging, PairingSync pairings) {

    boolean ready() {
        return readiness.get();
    }
}
