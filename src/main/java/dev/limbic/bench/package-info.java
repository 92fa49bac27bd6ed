/**
 * Load generation for the ingest path: {@code limbic bench ingest} opens device streams over loopback and
 * drives the real gateway and a bare Vert.x WebSocket sink (each in its own child process) with the same
 * client, then reports throughput, CPU, memory and frame-to-state latency of both side by side.
 */
package dev.limbic.bench;
