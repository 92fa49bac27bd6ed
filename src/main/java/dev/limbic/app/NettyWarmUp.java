package dev.limbic.app;

import io.netty.buffer.AdaptiveByteBufAllocator;

/**
 * Netty 4.2's adaptive allocator registers its Java Flight Recorder events the first time it allocates a
 * chunk, and the first registration initialises JFR, which takes seconds on a cold JVM. Left to the first
 * request, that happens on an event loop and stalls every connection on it (the demo's first WebSocket
 * handshakes failed that way). So the gateway allocates once on the starting thread, before any event loop runs.
 */
final class NettyWarmUp {
    private NettyWarmUp() {
    }

    static void run() {
        new AdaptiveByteBufAllocator().directBuffer(1024).release();
    }
}
