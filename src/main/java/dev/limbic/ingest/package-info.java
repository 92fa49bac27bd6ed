/**
 * Heart-rate data arriving over the network: the device stream (WebSocket, binary relay frames) and the
 * sample batch (HTTP, JSON). Authenticates each device by its token, refuses devices of responders who
 * did not opt in, checks each frame's time, decodes it with the allocation-free decoder and feeds the
 * responder's {@link dev.limbic.stress.StressMonitor stress monitor}. Rejections are counted by reason,
 * never logged per frame.
 */
package dev.limbic.ingest;
