package dev.limbic.app;

import io.netty.buffer.AdaptiveByteBufAllocator;

/**
 * Netty 4.2's adaptive allocator emits Java Flight Recorder events, and registers them the first time it
 * allocates a chunk; that first registration initialises JFR, which takes seconds on a cold JVM. Left to the
 * first request, it happens on an event loop and stalls every connection there (the demo's first WebSocket
 * handshakes failed that way). So, unless {@code -Dio.netty.jfr.enabled} says otherwise, the gateway turns
 * those events off before Netty reads the setting, and allocates once on the starting thread so whatever
 * cold start remains happens before any event loop serves.
 */
final class NettyWarmUp {
    static final String JFR_PROPERTY = "io.netty.jfr.enabled";

    private NettyWarmUp() {
    }

    static void run() {
        if (System.getProperty(JFR_PROPERTY) == null) {
            System.setProperty(JFR_PROPERTY, "false");
        }
        new AdaptiveByteBufAllocator().directBuffer(1024).release();
    }
}
