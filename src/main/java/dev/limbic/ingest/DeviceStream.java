package dev.limbic.ingest;

import io.vertx.core.Handler;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameInternal;

/**
 * One open device stream: the WebSocket of one relay. Small on purpose (a few fields; the measurement and
 * scratch buffers belong to the event loop's {@link FrameIngest}), since a gateway holds tens of thousands.
 *
 * <p>Backpressure: frames are applied inline, in the handler, on the connection's event loop, and nothing
 * is queued by Limbic. Netty hands over what one socket read decoded and reads a socket again only when
 * the loop comes back to it (a bounded number of reads per socket per turn, so one busy relay cannot
 * starve the others). When the loop falls behind it simply reads less: the kernel's socket buffers fill
 * and TCP flow control slows the relay. Nothing is buffered without bound and nothing is dropped.
 *
 * <p>Malformed frames are counted and rejected one by one without closing the stream; only
 * {@link #MAX_MALFORMED_IN_A_ROW} of them in a row close it with 1007 (invalid frame payload data). A frame from a
 * device a reloaded configuration took away closes it with 1008 (policy violation).
 */
final class DeviceStream implements Handler<WebSocketFrame> {
    static final int MAX_MALFORMED_IN_A_ROW = 100;
    static final short INVALID_PAYLOAD = 1007;
    static final short POLICY_VIOLATION = 1008;

    private final ServerWebSocket socket;
    private final AuthenticatedDevice device;
    private final FrameIngest ingest;
    private int malformedInARow;

    private DeviceStream(ServerWebSocket socket, AuthenticatedDevice device, FrameIngest ingest) {
        this.socket = socket;
        this.device = device;
        this.ingest = ingest;
    }

    /** Starts streaming from an accepted WebSocket. */
    static void open(ServerWebSocket socket, AuthenticatedDevice device, FrameIngest ingest) {
        DeviceStream stream = new DeviceStream(socket, device, ingest);
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
        if (rejection == FrameRejection.REVOKED) {
            socket.close(POLICY_VIOLATION, "this device may no longer stream: the configuration changed");
        } else if (rejection == null) {
            malformedInARow = 0;
        } else if (rejection.malformed() && ++malformedInARow >= MAX_MALFORMED_IN_A_ROW) {
            socket.close(INVALID_PAYLOAD, MAX_MALFORMED_IN_A_ROW + " malformed frames in a row");
        }
    }
}
