package dev.limbic.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The Prometheus registry of one gateway process: JVM meters, Vert.x's own meters (through
 * {@link #vertxMetricsFactory()} and {@link #vertxMetricsOptions()}) and the gateway's ({@link GatewayMetrics}),
 * served by {@link #scrapeHandler()} in the Prometheus text format. Scrapes once when made, so the classes
 * of the text format are loaded before any event loop serves.
 *
 * <p>Every name passes {@code promtool check metrics}: two meters of Micrometer's {@link ProcessorMetrics} do not
 * ({@code process_cpu_time_ns_total} has an abbreviated unit, {@code system_cpu_count} a {@code _count} suffix
 * outside a histogram), so the first is replaced by {@code process_cpu_time_seconds_total} and the second is
 * exported as {@code system_available_processors}. {@code process_cpu_usage} stays as it is.
 */
public final class MetricsRegistry implements AutoCloseable {
    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public MetricsRegistry() {
        registry.config()
                .meterFilter(MeterFilter.deny(id -> id.getName().equals("process.cpu.time") && "ns".equals(id.getBaseUnit())))
                .meterFilter(new MeterFilter() {
                    @Override
                    public Meter.Id map(Meter.Id id) {
                        return id.getName().equals("system.cpu.count") ? id.withName("system.available.processors") : id;
                    }
                });
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        bindProcessCpuTime();
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
        registry.scrape();
    }

    /** The JVM's CPU time in seconds, where the JVM tells it (HotSpot and OpenJ9 do). */
    private void bindProcessCpuTime() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean hotspot && hotspot.getProcessCpuTime() >= 0) {
            FunctionCounter.builder("process.cpu.time", hotspot, bean -> bean.getProcessCpuTime() / 1e9)
                    .baseUnit("seconds").description("The CPU time used by the Java virtual machine process")
                    .register(registry);
        }
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Hands this registry to Vert.x, for {@code Vertx.builder().withMetrics(...)}. */
    public MicrometerMetricsFactory vertxMetricsFactory() {
        return new MicrometerMetricsFactory(registry);
    }

    /** Enables Vert.x's metrics, for {@code VertxOptions.setMetricsOptions(...)}. */
    public static MicrometerMetricsOptions vertxMetricsOptions() {
        return new MicrometerMetricsOptions().setEnabled(true);
    }

    /**
     * {@code GET /metrics}: every meter in the Prometheus text format. The text is written on a worker
     * thread (its cost grows with the number of meters), so a scrape never holds up frames on an event loop.
     */
    public Handler<RoutingContext> scrapeHandler() {
        return ctx -> ctx.vertx().executeBlocking(registry::scrape, false)
                .onSuccess(text -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, TEXT_FORMAT).end(text))
                .onFailure(ctx::fail);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
