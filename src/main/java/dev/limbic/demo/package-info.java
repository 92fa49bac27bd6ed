/**
 * {@code limbic demo}: the gateway with a built-in config and simulated straps that send real Heart Rate
 * Measurement frames over a real WebSocket to the same ingest as any relay, and the story of the stress-aware pager:
 * an alert pages alex, his heart rate climbs from 70 to 132 bpm, he is sent a breathing prompt while his timer waits,
 * a warning alert is held until he calms down, and his partner sam (calm throughout) is asked to join him.
 */
package dev.limbic.demo;
