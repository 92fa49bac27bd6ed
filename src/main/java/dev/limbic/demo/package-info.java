/**
 * {@code limbic demo}: the gateway with a built-in config and simulated straps that send real Heart Rate
 * Measurement frames over a real WebSocket to the same ingest as any relay: one calm responder, and one
 * whose heart rate spikes from 70 to 132 bpm a minute in.
 */
package dev.limbic.demo;
