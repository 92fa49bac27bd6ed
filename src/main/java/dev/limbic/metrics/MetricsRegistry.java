package dev.limbic.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * The Prometheus registry of one gateway process: JVM meters, Vert.x's own meters (through
 * {@link #vertxMetricsFactory()} and {@link #vertxMetricsOptions()}) and the gateway's ({@link GatewayMetrics}),
 * served by {@link #scrapeHandler()} in the Prometheus text format. Scrapes once when made, so the classes
 * of the text format are loaded before any event loop serves.
 *
 * <p>Every name passes {@code promtool check metrics}: two meters of Micrometer's {@link ProcessorMetrics} do not
 * ({@code process_cpu_time_ns_total} has an abbreviated unit, {@code system_cpu_count} a {@code _count} suffix
 * outside a histogram), so the first is replaced by {@code process_cpu_time_seconds_total} and the second is
 * exported as {@code system_available_processors}. {@code process_cpu_usage} stays as it is. Vert.x's HTTP server
 * response time gets histogram buckets and the route label, as the Gateway dashboard expects.
 */
public final class MetricsRegistry implements AutoCloseable {
    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    /** Vert.x's server response time: a histogram with these buckets (nanoseconds), so panels can take quantiles. */
    private static final String HTTP_SERVER_RESPONSE_TIME = "vertx.http.server.response.time";
    private static final double[] RESPONSE_TIME_BUCKETS = Stream.of(Duration.ofMillis(1), Duration.ofMillis(5),
                    Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
                    Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
                    Duration.ofSeconds(5), Duration.ofSeconds(10))
            .mapToDouble(Duration::toNanos).toArray();

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

                    @Override
                    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                        return id.getName().equals(HTTP_SERVER_RESPONSE_TIME)
                                ? DistributionStatisticConfig.builder().serviceLevelObjectives(RESPONSE_TIME_BUCKETS)
                                        .build().merge(config)
                                : config;
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

    /**
     * Enables Vert.x's metrics, for {@code VertxOptions.setMetricsOptions(...)}: default labels plus the Vert.x Web
     * route (a bounded set of templates, not paths) on HTTP server meters.
     */
    public static MicrometerMetricsOptions vertxMetricsOptions() {
        return new MicrometerMetricsOptions().setEnabled(true).addLabels(Label.HTTP_ROUTE);
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
