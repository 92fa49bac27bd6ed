package dev.limbic.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load generator's client: device streams over WebSocket, spread over one group per event loop, each
 * fed by its own {@link SimulatedStrap}. Two ways of sending: {@link #flood()} writes as fast as each
 * stream accepts (a stream with a full write queue is passed over, so the server's pace sets the rate);
 * {@link #fleet(double)} sends every stream at a fixed rate, phases spread evenly, skipping (and counting)
 * a frame when a stream's write queue is full (a late tick catches up on the turns it missed). The same client drives every target, so they are comparable.
 */
final class LoadClient {
    /** How many handshakes one group has in flight while opening its streams. */
    private static final int CONNECTS_IN_FLIGHT = 64;
    /** Fleet sending wakes up this often and sends for the streams whose turn has come. */
    private static final long TICK_MILLIS = 10;
    /** Frames a flood writes to one stream before it turns to the next. */
    private static final int FLOOD_BATCH = 16;

    private final Vertx vertx;
    private final List<StreamGroup> groups = new ArrayList<>();
    private final LongAdder sent = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder closed = new LongAdder();
    private final AtomicReference<Throwable> firstError = new AtomicReference<>();

    /**
     * @param host, port, path where the device streams go
     * @param tokens one bearer token per stream
     * @param groupCount how many groups (event loops) share the streams
     */
    LoadClient(Vertx vertx, String host, int port, String path, List<String> tokens, int groupCount) {
        this.vertx = vertx;
        for (int g = 0; g < groupCount; g++) {
            List<String> share = new ArrayList<>();
            for (int i = g; i < tokens.size(); i += groupCount) {
                share.add(tokens.get(i));
            }
            groups.add(new StreamGroup(host, port, path, share, g));
        }
    }

    /** Opens every stream; fails with the first refusal (its status and reason) if any stream is refused. */
    Future<Void> open() {
        List<Future<String>> deployed = new ArrayList<>();
        for (StreamGroup group : groups) {
            deployed.add(vertx.deployVerticle(group));
        }
        return Future.all(deployed).mapEmpty();
    }

    /** Starts sending as fast as the streams accept. */
    void flood() {
        groups.forEach(group -> group.context().runOnContext(v -> group.flood()));
    }

    /** Starts sending {@code rateHz} frames per second on every stream. */
    void fleet(double rateHz) {
        groups.forEach(group -> group.context().runOnContext(v -> group.fleet(rateHz)));
    }

    /** Stops sending; the streams stay open until the client's Vert.x closes. */
    void stopSending() {
        groups.forEach(group -> group.context().runOnContext(v -> group.stopSending()));
    }

    /** Frames written so far. */
    long framesSent() {
        return sent.sum();
    }

    /** Frames a fleet did not send because the stream's write queue was full. */
    long framesSkipped() {
        return skipped.sum();
    }

    /** Streams the server closed while the client was sending. */
    long streamsClosed() {
        return closed.sum();
    }

    /** The first error a stream reported, or {@code null}. */
    Throwable firstError() {
        return firstError.get();
    }

    /** The streams of one event loop. Everything in it runs on that loop, so it needs no locking. */
    private final class StreamGroup extends VerticleBase {
        private final String host;
        private final int port;
        private final String path;
        private final List<String> tokens;
        private final long seedBase;
        private final List<Stream> streams = new ArrayList<>();
        private final byte[] scratch = new byte[SimulatedStrap.MAX_FRAME_LENGTH];
        private WebSocketClient client;
        private boolean sending;
        private long timerId = -1;

        StreamGroup(String host, int port, String path, List<String> tokens, int index) {
            this.host = host;
            this.port = port;
            this.path = path;
            this.tokens = tokens;
            this.seedBase = (long) index << 32;
        }

        io.vertx.core.Context context() {
            return context;
        }

        @Override
        public Future<?> start() {
            client = vertx.createWebSocketClient(new WebSocketClientOptions()
                    .setMaxConnections(Math.max(1, tokens.size()))
                    .setConnectTimeout(30_000));
            Promise<Void> opened = Promise.promise();
            if (tokens.isEmpty()) {
                opened.complete();
            } else {
                connectMore(new int[]{0, 0}, opened);
            }
            return opened.future();
        }

        /** {@code progress[0]}: next stream to open; {@code progress[1]}: handshakes in flight. */
        private void connectMore(int[] progress, Promise<Void> opened) {
            while (progress[1] < CONNECTS_IN_FLIGHT && progress[0] < tokens.size()) {
                int index = progress[0]++;
                progress[1]++;
                client.connect(new WebSocketConnectOptions().setHost(host).setPort(port).setURI(path)
                                .addHeader("Authorization", "Bearer " + tokens.get(index)))
                        .onComplete(ws -> {
                            progress[1]--;
                            streams.add(new Stream(ws, new SimulatedStrap(seedBase + index)));
                            if (streams.size() == tokens.size()) {
                                opened.tryComplete();
                            } else {
                                connectMore(progress, opened);
                            }
                        }, failure -> opened.tryFail(new IllegalStateException(
                                "stream " + index + " to ws://" + host + ":" + port + path + " was refused: "
                                        + failure.getMessage(), failure)));
            }
        }

        /**
         * Floods in rounds: each round writes up to {@value #FLOOD_BATCH} frames to every stream whose write
         * queue has room, then yields the event loop to I/O and schedules the next round. When no stream has
         * room, the next round waits a millisecond (polling: Vert.x 5.0 does not reliably call a WebSocket's
         * drain handler, though {@code writeQueueFull()} does turn false again).
         */
        void flood() {
            sending = true;
            context.runOnContext(v -> floodRound());
        }

        private void floodRound() {
            if (!sending) {
                return;
            }
            boolean wrote = false;
            long now = System.currentTimeMillis();
            for (Stream stream : streams) {
                for (int i = 0; i < FLOOD_BATCH && !stream.ws.writeQueueFull(); i++) {
                    send(stream, now);
                    wrote = true;
                }
            }
            if (wrote) {
                context.runOnContext(v -> floodRound());
            } else {
                vertx.setTimer(1, id -> floodRound());
            }
        }

        void fleet(double rateHz) {
            sending = true;
            long periodMillis = Math.max(TICK_MILLIS, Math.round(1000 / rateHz));
            int slots = (int) (periodMillis / TICK_MILLIS);
            long start = System.nanoTime();
            long[] lastSlot = {-1};
            timerId = vertx.setPeriodic(TICK_MILLIS, id -> {
                long slot = (System.nanoTime() - start) / (TICK_MILLIS * 1_000_000);
                                long now = System.currentTimeMillis();
                for (long s = lastSlot[0] + 1; s <= slot; s++) {
                    for (int i = (int) (s % slots); i < streams.size(); i += slots) {
                        Stream stream = streams.get(i);
                        if (stream.ws.writeQueueFull()) {
                            skipped.increment();
                        } else {
                            send(stream, now);
                        }
                    }
                }
                lastSlot[0] = slot;
            });
        }

        void stopSending() {
            sending = false;
            if (timerId >= 0) {
                vertx.cancelTimer(timerId);
            }
        }

        private void send(Stream stream, long nowMillis) {
            int length = stream.strap.writeRelayFrame(nowMillis, scratch, 0);
            stream.ws.writeBinaryMessage(Buffer.buffer(Arrays.copyOf(scratch, length)));
            sent.increment();
        }

        private final class Stream {
            final WebSocket ws;
            final SimulatedStrap strap;

            Stream(WebSocket ws, SimulatedStrap strap) {
                this.ws = ws;
                this.strap = strap;
                ws.handler(data -> {
                });
                ws.exceptionHandler(error -> firstError.compareAndSet(null, error));
                ws.closeHandler(v -> {
                    if (sending) {
                        closed.increment();
                    }
                });
            }
        }
    }
}
