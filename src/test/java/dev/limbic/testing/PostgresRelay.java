package dev.limbic.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP relay in front of a PostgreSQL server that can lose the answer to one statement the way a network does: the
 * statement reaches the server and is committed, and its client either sees the connection drop ({@link
 * Loss#CUT}) or never hears anything again on it ({@link Loss#SILENCE}, a half-open connection).
 *
 * <p>It reads just enough of the PostgreSQL wire protocol (version 3) to tell statements apart: the text of each
 * prepared statement (Parse) by name, and which statement each execution (Bind) runs. Only the next execution of a
 * statement containing the armed fragment, after it is armed, loses its answer.
 */
public final class PostgresRelay implements AutoCloseable {
    private static final int SSL_REQUEST = 80877103;

    /** How the answer is lost. */
    public enum Loss {
        /** Once the server has answered (and committed), both sides of the connection are closed. */
        CUT,
        /** The server's answer and everything after it on that connection are dropped; the connection stays open. */
        SILENCE
    }

    private record Armed(String fragment, Loss loss, CountDownLatch lost) {
    }

    private final Vertx vertx;
    private final NetServer server;
    private final AtomicReference<Armed> armed = new AtomicReference<>();

    private PostgresRelay(Vertx vertx, NetServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** A relay on a free loopback port to the server at {@code host}:{@code port}. */
    public static PostgresRelay start(Vertx vertx, String host, int port) throws Exception {
        PostgresRelay relay = new PostgresRelay(vertx, vertx.createNetServer());
        relay.server.connectHandler(client -> {
            client.pause();
            vertx.createNetClient().connect(port, host).onSuccess(upstream -> {
                relay.pipe(client, upstream);
                client.resume();
            }).onFailure(failure -> client.close());
        });
        relay.server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        return relay;
    }

    /** The port clients connect to. */
    public int port() {
        return server.actualPort();
    }

    /**
     * Loses the answer to the next execution of a statement whose text contains {@code fragment}; the latch opens
     * once it is lost (for {@link Loss#CUT}: once the server answered and the connection was closed).
     */
    public CountDownLatch loseAnswerTo(String fragment, Loss loss) {
        CountDownLatch lost = new CountDownLatch(1);
        armed.set(new Armed(fragment, loss, lost));
        return lost;
    }

    private void pipe(NetSocket client, NetSocket upstream) {
        Connection connection = new Connection(client, upstream);
        client.handler(connection::fromClient);
        upstream.handler(connection::fromServer);
        client.closeHandler(v -> upstream.close());
        upstream.closeHandler(v -> client.close());
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get();
    }

    /** One client connection and its upstream, with the client's messages framed as they pass. */
    private final class Connection {
        private final NetSocket client;
        private final NetSocket upstream;
        private final Map<String, String> statements = new HashMap<>();
        private Buffer pending = Buffer.buffer();
        private boolean startup = true;
        private Armed losing;
        private boolean cut;

        Connection(NetSocket client, NetSocket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void fromClient(Buffer data) {
            upstream.write(data);
            pending.appendBuffer(data);
            while (true) {
                int headerLength = startup ? 0 : 1;
                if (pending.length() < headerLength + 4) {
                    return;
                }
                int length = pending.getInt(headerLength);
                if (pending.length() < headerLength + length) {
                    return;
                }
                Buffer message = pending.getBuffer(0, headerLength + length);
                pending = pending.getBuffer(headerLength + length, pending.length());
                if (startup) {
                    startup = length == 8 && message.getInt(4) == SSL_REQUEST;
                } else {
                    read((char) message.getByte(0), message.getBuffer(5, message.length()));
                }
            }
        }

        private void read(char type, Buffer body) {
            if (type == 'P') {
                String name = cString(body, 0);
                String sql = cString(body, name.getBytes(StandardCharsets.UTF_8).length + 1);
                statements.put(name, sql);
            } else if (type == 'B' && losing == null) {
                String portal = cString(body, 0);
                String statement = cString(body, portal.getBytes(StandardCharsets.UTF_8).length + 1);
                Armed next = armed.get();
                if (next != null && statements.getOrDefault(statement, "").contains(next.fragment())
                        && armed.compareAndSet(next, null)) {
                    losing = next;
                }
            }
        }

        void fromServer(Buffer data) {
            if (losing == null) {
                client.write(data);
                return;
            }
            if (losing.loss() == Loss.CUT && !cut) {
                cut = true;
                // The execution is answered: give the server a moment to finish its Sync (the commit), then cut.
                vertx.setTimer(200, id -> {
                    client.close();
                    upstream.close();
                    losing.lost().countDown();
                });
            } else {
                losing.lost().countDown();
            }
        }

        private static String cString(Buffer body, int from) {
            int end = from;
            while (end < body.length() && body.getByte(end) != 0) {
                end++;
            }
            return body.getString(from, end, StandardCharsets.UTF_8.name());
        }
    }
}
