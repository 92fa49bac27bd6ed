/**
 * JMH benchmarks of the heart-rate hot path (decoding, stress detection) and the footprint of detector
 * state; built only with the Maven profile {@code jmh} into {@code target/benchmarks.jar}. Run them with
 * {@code src/scripts/bench-jmh.sh}.
 */
package dev.limbic.jmh;
