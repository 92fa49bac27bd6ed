package dev.limbic.metrics;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

/**
 * The Prometheus registry of one gateway process: JVM meters, Vert.x's own meters (through
 * {@link #vertxMetricsFactory()} and {@link #vertxMetricsOptions()}) and the gateway's ({@link GatewayMetrics}),
 * served by {@link #scrapeHandler()} in the Prometheus text format. Scrapes once when made, so the classes
 * of the text format are loaded before any event loop serves.
 */
public final class MetricsRegistry implements AutoCloseable {
    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public MetricsRegistry() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
        registry.scrape();
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
