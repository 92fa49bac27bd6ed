/**
 * Wiring: builds Vert.x (metrics, native transport), the stress monitor and the gateway's verticles from a
 * {@link dev.limbic.config.LimbicConfig}, with the clock injected so tests and the demo control time.
 */
package dev.limbic.app;
