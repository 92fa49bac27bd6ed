package dev.limbic.ingest;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameInternal;

/**
 * One open device stream: the WebSocket of one relay. Small on purpose (a few fields; the measurement and
 * scratch buffers belong to the event loop's {@link FrameIngest}), since a gateway holds tens of thousands.
 *
 * <p>Frames are applied inline, in the handler, on the connection's event loop: nothing is queued by
 * Limbic. When the loop is busy it reads no more from the socket, the kernel's buffers fill and TCP flow
 * control slows the relay. A relay sending faster than any strap ({@link #MAX_FRAMES_PER_WINDOW} frames
 * per second) is paused until the second is over: Vert.x then stops reading its socket once its small
 * inbound queue is full, so a flood is slowed down, neither buffered without bound nor dropped.
 *
 * <p>Malformed frames are counted and rejected one by one without closing the stream; only
 * {@link #MAX_MALFORMED_IN_A_ROW} of them in a row close it with 1007 (invalid frame payload data).
 */
final class DeviceStream implements Handler<WebSocketFrame> {
    static final int MAX_MALFORMED_IN_A_ROW = 100;
    static final short INVALID_PAYLOAD = 1007;
    static final int MAX_FRAMES_PER_WINDOW = 64;
    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final ServerWebSocket socket;
    private final AuthenticatedDevice device;
    private final FrameIngest ingest;
    private final Vertx vertx;
    private int malformedInARow;
    private int framesInWindow;
    private long windowStartNanos;

    private DeviceStream(ServerWebSocket socket, AuthenticatedDevice device, FrameIngest ingest, Vertx vertx) {
        this.socket = socket;
        this.device = device;
        this.ingest = ingest;
        this.vertx = vertx;
        this.windowStartNanos = System.nanoTime();
    }

    /** Starts streaming from an accepted WebSocket. */
    static void open(ServerWebSocket socket, AuthenticatedDevice device, FrameIngest ingest, Vertx vertx) {
        DeviceStream stream = new DeviceStream(socket, device, ingest, vertx);
        ingest.streamOpened(device);
        socket.frameHandler(stream);
        socket.closeHandler(ignored -> ingest.streamClosed(device));
        socket.exceptionHandler(ignored -> socket.close());
    }

    @Override
    public void handle(WebSocketFrame frame) {
        long arrivalNanos = System.nanoTime();
        WebSocketFrameType type = frame.type();
        FrameRejection rejection;
        if (type == WebSocketFrameType.BINARY && frame.isFinal()) {
            rejection = ingest.applyRelayFrame(device, ((WebSocketFrameInternal) frame).getBinaryData(), arrivalNanos);
        } else if (type == WebSocketFrameType.BINARY || type == WebSocketFrameType.CONTINUATION) {
            rejection = ingest.reject(FrameRejection.FRAGMENTED_FRAME);
        } else if (type == WebSocketFrameType.TEXT) {
            rejection = ingest.reject(FrameRejection.TEXT_FRAME);
        } else {
            return;
        }
        if (rejection == null) {
            malformedInARow = 0;
        } else if (rejection.malformed() && ++malformedInARow >= MAX_MALFORMED_IN_A_ROW) {
            socket.close(INVALID_PAYLOAD, MAX_MALFORMED_IN_A_ROW + " malformed frames in a row");
            return;
        }
        pace(arrivalNanos);
    }

    private void pace(long nowNanos) {
        if (nowNanos - windowStartNanos >= WINDOW_NANOS) {
            windowStartNanos = nowNanos;
            framesInWindow = 0;
        }
        if (++framesInWindow >= MAX_FRAMES_PER_WINDOW) {
            socket.pause();
            long waitMillis = Math.max(1, (windowStartNanos + WINDOW_NANOS - nowNanos) / 1_000_000);
            vertx.setTimer(waitMillis, ignored -> socket.resume());
        }
    }
}
