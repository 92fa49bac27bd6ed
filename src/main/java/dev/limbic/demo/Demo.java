package dev.limbic.demo;

import dev.limbic.app.Gateway;
import dev.limbic.config.ConfigException;
import dev.limbic.config.ConfigLoader;
import dev.limbic.config.LimbicConfig;
import dev.limbic.ingest.DeviceStreamEndpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;

import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A running demo: the gateway on the built-in config, and one simulated strap per demo responder streaming
 * over a real WebSocket to the gateway's own device stream. The story's clock starts once both straps are connected.
 * With {@code speed > 1} time runs faster (the gateway and the straps share the fast clock), so the whole
 * story fits in a few seconds.
 */
public final class Demo {
    /** The built-in configuration, a class-path resource. */
    public static final String CONFIG = "dev/limbic/demo/demo.yaml";
    /** The demo's straps and their tokens, as in {@link #CONFIG}. */
    private static final Map<String, String> TOKENS = Map.of("alex", "demo-alex-strap-token", "sam", "demo-sam-strap-token");

    private final Gateway gateway;
    private final List<Long> timers;

    private Demo(Gateway gateway, List<Long> timers) {
        this.gateway = gateway;
        this.timers = timers;
    }

    /** The built-in configuration. */
    public static LimbicConfig config() throws ConfigException {
        InputStream in = Demo.class.getClassLoader().getResourceAsStream(CONFIG);
        if (in == null) {
            throw new IllegalStateException(CONFIG + " is missing from the class path");
        }
        return ConfigLoader.load("demo.yaml", in);
    }

    /**
     * Starts the gateway on {@code port} and the straps; state changes are printed to {@code out}.
     *
     * @param speed how many times faster than real time the demo runs (1 for real time)
     */
    public static Future<Demo> start(int port, double speed, PrintWriter out) throws ConfigException {
        LimbicConfig config = config().withPort(port);
        Clock clock = speed == 1 ? Clock.systemUTC() : new ScaledClock(Clock.systemUTC(), speed);
        long frameEveryMillis = Math.max(1, Math.round(1000 / speed));
        return Gateway.start(config, clock, new VertxOptions(), Duration.ofMillis(frameEveryMillis)).compose(gateway -> {
            Future<WebSocket> alex = connect(gateway, "alex");
            Future<WebSocket> sam = connect(gateway, "sam");
            return Future.all(alex, sam).map(connected -> {
                long startMillis = clock.millis();
                gateway.monitor().addListener((responder, t) -> out.printf("[%s] %s: %s -> %s (%s)%n",
                        elapsed(t.atMillis() - startMillis), responder, t.from(), t.to(), t.reason()));
                return new Demo(gateway, List.of(
                        stream(gateway.vertx(), alex.result(), new SimulatedStrap(HeartProfile.calm(), startMillis, 1),
                                clock, frameEveryMillis),
                        stream(gateway.vertx(), sam.result(), new SimulatedStrap(HeartProfile.spiking(), startMillis, 2),
                                clock, frameEveryMillis)));
            });
        });
    }

    /** Connects a responder's strap to the gateway's device stream, as a relay would. */
    private static Future<WebSocket> connect(Gateway gateway, String responder) {
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost("127.0.0.1").setPort(gateway.port()).setURI(DeviceStreamEndpoint.PATH)
                .addHeader("Authorization", "Bearer " + TOKENS.get(responder));
        return gateway.vertx().createWebSocketClient().connect(options);
    }

    /** Sends the strap's frame every strap-second; the timer's id. */
    private static long stream(Vertx vertx, WebSocket socket, SimulatedStrap strap, Clock clock, long everyMillis) {
        return vertx.setPeriodic(everyMillis, timer -> {
            if (!socket.isClosed() && !socket.writeQueueFull()) {
                socket.writeBinaryMessage(Buffer.buffer(strap.frameAt(clock.millis())));
            }
        });
    }

    private static String elapsed(long millis) {
        long seconds = Math.max(0, millis / 1000);
        return String.format("+%d:%02d", seconds / 60, seconds % 60);
    }

    public int port() {
        return gateway.port();
    }

    /** Stops the straps and the gateway. */
    public Future<Void> close() {
        timers.forEach(gateway.vertx()::cancelTimer);
        return gateway.close();
    }
}
