package dev.limbic.web;

import dev.limbic.app.Gateway;
import dev.limbic.config.ConfigLoader;
import dev.limbic.config.LimbicConfig;
import dev.limbic.heartrate.HeartRateMeasurement;
import dev.limbic.heartrate.HeartRateMeasurementEncoder;
import dev.limbic.heartrate.SensorContact;
import dev.limbic.testing.Await;
import dev.limbic.testing.Chromium;
import dev.limbic.testing.DevTools;
import dev.limbic.testing.EmulatedStrap;
import dev.limbic.testing.HttpProbe;
import dev.limbic.testing.QuietEventLoops;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pairing a strap from the responder page in Debian's Chromium ({@link Chromium}), with the strap emulated by the
 * browser's own Bluetooth emulation (see {@link EmulatedStrap}): the page's real Web Bluetooth code chooses, connects
 * to and subscribes to it, and relays its frames over a real WebSocket to a real gateway. The gateway runs on the
 * real clock (the page stamps frames with it) and is restarted on the same port to drop the page's stream.
 */
@Timeout(120)
class StrapPairingInBrowserTest {
    static final String LIVE_TOKEN = "alex-live-token-0123456789";
    static final String DEVICE_TOKEN = "alex-browser-token-0123456789";
    static final String CONFIG = """
            server: {host: 127.0.0.1, port: %d}
            data_dir: %s
            responders:
              - id: alex
                name: Alex
                timezone: Europe/Berlin
                heart_rate_monitoring: true
                live_token: %s
                devices: [{id: alex-browser, token: %s}]
                channels: [{type: live}]
            escalation_policies:
              - id: default
                steps: [{delay: 5m, targets: [responder:alex]}]
            default_policy: default
            integrations:
              - {name: am, type: alertmanager, secret: am-secret-0123456789}
            """;

    @TempDir
    static Path dataDir;
    private static Vertx client;
    private static Gateway gateway;
    private static HttpProbe http;
    private Chromium chromium;
    private ChromeDriver driver;
    private DevTools devTools;

    private static void startGateway(int port) throws Exception {
        String yaml = CONFIG.formatted(port, dataDir, LIVE_TOKEN, DEVICE_TOKEN);
        LimbicConfig config = ConfigLoader.parse("test.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        gateway = Await.result(Gateway.start(config, Clock.systemUTC(), QuietEventLoops.options(), Duration.ofSeconds(1)), 60);
        http = new HttpProbe(client, gateway.port());
    }

    private void startBrowser(String... arguments) throws Exception {
        chromium = Chromium.start(1280, 1100, arguments);
        driver = chromium.driver();
        devTools = chromium.devTools();
    }

    /** One gateway for the class (its embedded PostgreSQL takes seconds to start); the first test restarts it. */
    @BeforeAll
    static void startSharedGateway() throws Exception {
        client = QuietEventLoops.vertx();
        startGateway(0);
    }

    @AfterAll
    static void stopSharedGateway() throws Exception {
        if (gateway != null) {
            Await.result(gateway.close());
        }
        if (client != null) {
            Await.result(client.close());
        }
    }

    @AfterEach
    void closeBrowser() throws Exception {
        if (devTools != null) {
            devTools.close();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    /** Opens the responder page and signs in as Alex with his live token. */
    private void signIn() throws Exception {
        driver.get("http://127.0.0.1:" + gateway.port() + "/responder/");
        Await.until(() -> assertThat(driver.findElement(By.id("token")).isDisplayed()).isTrue());
        driver.findElement(By.id("token")).sendKeys(LIVE_TOKEN);
        driver.findElement(By.id("sign-in-button")).click();
        Await.until(() -> assertThat(driver.findElement(By.id("pair-strap")).isDisplayed()).isTrue());
    }

    private String text(String pairField) {
        return driver.findElement(By.cssSelector("[data-pair='" + pairField + "']")).getText();
    }

    private static byte[] measurement(int bpm) {
        return HeartRateMeasurementEncoder.encode(bpm, SensorContact.DETECTED, HeartRateMeasurement.NO_ENERGY,
                HeartRateMeasurementEncoder.rrMillisTo1024(60_000.0 / bpm));
    }

    private double websocketFrames() throws Exception {
        return http.metric("limbic_frames_ingested_total{transport=\"websocket\"}");
    }

    @Test
    void aStrapPairedInTheBrowserIsRelayedToTheGatewayAndReconnectsAfterDrops() throws Exception {
        startBrowser("--enable-features=WebBluetooth");
        EmulatedStrap strap = EmulatedStrap.install(devTools, devTools.attachToPage(), 87);

        double before = websocketFrames();
        signIn();
        driver.findElement(By.id("pair-token")).sendKeys(DEVICE_TOKEN);
        driver.findElement(By.id("pair-button")).click();
        Await.until(() -> assertThat(text("strap")).isEqualTo(EmulatedStrap.NAME + ": connected"));
        Await.until(() -> assertThat(text("gateway")).isEqualTo("connected"));
        Await.until(() -> assertThat(text("battery")).isEqualTo("87 %"));
        assertThat(strap.subscriptions()).isEqualTo(1);

        for (int bpm : new int[] {72, 72, 72}) {
            assertThat(strap.emit(measurement(bpm))).isEqualTo("read");
        }
        Await.until(() -> assertThat(websocketFrames()).isEqualTo(before + 3));
        assertThat(driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import(document.querySelector('script[src^="pair.js"]').src).then(pair => done(Array.from(
                    pair.relayFrame(1764582000000, new DataView(new Uint8Array([0x16, 0x84, 0x00, 0x04]).buffer)),
                    b => b.toString(16).padStart(2, '0')).join(' ')));"""))
                .as("the README's example relay frame").isEqualTo("01 00 00 01 9a d9 48 85 80 16 84 00 04");
        assertThat(text("heart-rate")).isEqualTo("72 bpm");
        Await.until(() -> assertThat(driver.findElement(By.id("signal-hr")).getText())
                .as("the gateway's view of Alex, on his page").isEqualTo("72 bpm"));
        assertThat(http.metric("limbic_device_streams_connected")).isEqualTo(1);
        chromium.screenshot("responder-pair");

        strap.disconnect();
        Await.until(() -> assertThat(text("strap")).startsWith(EmulatedStrap.NAME + ": disconnected, reconnecting in"));
        chromium.screenshot("responder-pair-reconnecting");
        Await.until(() -> assertThat(text("strap")).as(() -> text("message")).isEqualTo(EmulatedStrap.NAME + ": connected"));
        assertThat(strap.connections()).isEqualTo(2);
        assertThat(strap.subscriptions()).isEqualTo(2);
        assertThat(strap.emit(measurement(78))).isEqualTo("read");
        Await.until(() -> assertThat(websocketFrames()).isEqualTo(before + 4));

        int port = gateway.port();
        Await.result(gateway.close());
        gateway = null;
        Await.until(() -> assertThat(text("gateway")).startsWith("connection lost, retrying in"));
        assertThat(strap.emit(measurement(80))).isEqualTo("read");
        assertThat(strap.emit(measurement(82))).isEqualTo("read");
        startGateway(port);
        Await.until(() -> assertThat(text("gateway")).isEqualTo("connected"));
        Await.until(() -> assertThat(websocketFrames()).as("frames relayed during the outage (the restarted gateway counts from 0)").isEqualTo(2));
        assertThat(text("relayed")).isEqualTo("6");

        driver.findElement(By.id("unpair-button")).click();
        Await.until(() -> assertThat(http.metric("limbic_device_streams_connected")).isEqualTo(0));
        assertThat(text("message")).startsWith("Stopped.");
        assertThat(driver.findElement(By.id("pair-button")).isDisplayed()).isTrue();
    }

    @Test
    void aWrongDeviceTokenIsRefusedWithAReasonBeforeAnythingIsRelayed() throws Exception {
        startBrowser("--enable-features=WebBluetooth");
        EmulatedStrap strap = EmulatedStrap.install(devTools, devTools.attachToPage(), 50);

        signIn();
        driver.findElement(By.id("pair-token")).sendKeys("not-" + DEVICE_TOKEN);
        driver.findElement(By.id("pair-button")).click();

        Await.until(() -> assertThat(text("message")).startsWith("The gateway does not know that device token."));
        assertThat(strap.connections()).isZero();
        assertThat(http.metric("limbic_device_streams_connected")).isEqualTo(0);
        assertThat(driver.findElement(By.id("pair-button")).isDisplayed()).isTrue();
    }

    @Test
    void aBrowserWithoutWebBluetoothSaysSoAndPointsToTheAlternatives() throws Exception {
        startBrowser();

        signIn();

        Await.until(() -> assertThat(text("unsupported")).startsWith("You cannot pair a strap here."));
        String section = driver.findElement(By.id("pair-strap")).getText();
        assertThat(section).contains("no Web Bluetooth").contains("Chrome or Edge").contains("limbic pair").contains("limbic edge");
        assertThat(driver.findElements(By.id("pair-button"))).isEmpty();
        chromium.screenshot("responder-pair-unsupported");
    }
}
