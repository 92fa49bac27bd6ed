package dev.limbic.app;

import dev.limbic.config.LimbicConfig;
import dev.limbic.ingest.DeviceDirectory;
import dev.limbic.metrics.GatewayMetrics;
import dev.limbic.metrics.MetricsRegistry;
import dev.limbic.stress.StressMonitor;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/** What every gateway verticle shares: config, clock, the stress monitor, devices and metrics. Thread-safe. */
record GatewayServices(LimbicConfig config, Clock clock, StressMonitor monitor, DeviceDirectory devices,
                       MetricsRegistry registry, GatewayMetrics metrics, AtomicBoolean readiness) {

    boolean ready() {
        return readiness.get();
    }
}
