/**
 * The gateway's Prometheus metrics (Micrometer) beside Vert.x's own: frames ingested and rejected, the
 * frame-to-state latency histogram, connected device streams, responders per stress state and stress
 * transitions. Derived figures only: no heart rate of any responder ever becomes a metric.
 */
package dev.limbic.metrics;
