package dev.limbic.web;

import dev.limbic.app.Gateway;
import dev.limbic.config.ConfigLoader;
import dev.limbic.config.LimbicConfig;
import dev.limbic.heartrate.HeartRateMeasurement;
import dev.limbic.heartrate.HeartRateMeasurementEncoder;
import dev.limbic.heartrate.SensorContact;
import dev.limbic.testing.Await;
import dev.limbic.testing.DevTools;
import dev.limbic.testing.EmulatedStrap;
import dev.limbic.testing.HttpProbe;
import dev.limbic.testing.QuietEventLoops;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pairing a strap from the responder page in Debian's Chromium, with the strap emulated by the browser's own
 * Bluetooth emulation (see {@link EmulatedStrap}): the page's real Web Bluetooth code chooses, connects to and
 * subscribes to it, and relays its frames over a real WebSocket to a real gateway.
 */
@Timeout(90)
class StrapPairingInBrowserTest {
    static final String DEVICE_TOKEN = "alex-browser-token-0123456789";
    static final String CONFIG = """
            server: {host: 127.0.0.1, port: %d}
            responders:
              - id: alex
                timezone: Europe/Berlin
                heart_rate_monitoring: true
                devices: [{id: alex-browser, token: %s}]
            """;

    private Gateway gateway;
    private Vertx client;
    private HttpProbe http;
    private ChromeDriver driver;
    private DevTools devTools;

    private void startGateway(int port) throws Exception {
        LimbicConfig config = ConfigLoader.parse("test.yaml", CONFIG.formatted(port, DEVICE_TOKEN).getBytes(StandardCharsets.UTF_8));
        gateway = Await.result(Gateway.start(config, Clock.systemUTC(), QuietEventLoops.options(), Duration.ofSeconds(1)));
        http = new HttpProbe(client, gateway.port());
    }

    private void startBrowser(boolean webBluetooth) throws Exception {
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments(
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=420,900",
                "--user-data-dir=" + Files.createTempDirectory("limbic-chromium"),
                // Interim: a page fulfilled by Fetch interception has no address space, so Local Network Access
                // would block its WebSocket to the loopback gateway; the page served by the gateway does not need this.
                "--disable-features=LocalNetworkAccessChecks");
        if (webBluetooth) {
            options.addArguments("--enable-features=WebBluetooth");
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        @SuppressWarnings("unchecked")
        Map<String, Object> chrome = (Map<String, Object>) driver.getCapabilities().getCapability("goog:chromeOptions");
        devTools = DevTools.connect((String) chrome.get("debuggerAddress"));
    }

    @AfterEach
    void stop() throws Exception {
        if (devTools != null) {
            devTools.close();
        }
        if (driver != null) {
            driver.quit();
        }
        if (gateway != null) {
            Await.result(gateway.close());
        }
        if (client != null) {
            Await.result(client.close());
        }
    }

    /** Until the responder page is served by the gateway: the browser gets the page's files from the classpath. */
    private void serveInterimPage(String page) {
        devTools.page(page, "Fetch.enable", new JsonObject().put("patterns",
                new JsonArray().add(new JsonObject().put("urlPattern", "*/responder/*"))));
        devTools.on("Fetch.requestPaused", (params, message) -> {
            String url = params.getJsonObject("request").getString("url");
            String name = url.substring(url.lastIndexOf('/') + 1);
            String resource = name.endsWith(".js") ? "webroot/responder/" + name : "responder-harness/index.html";
            String type = name.endsWith(".js") ? "text/javascript" : "text/html";
            devTools.send("Fetch.fulfillRequest", new JsonObject().put("requestId", params.getString("requestId"))
                    .put("responseCode", 200)
                    .put("responseHeaders", new JsonArray().add(new JsonObject().put("name", "Content-Type").put("value", type)))
                    .put("body", Base64.getEncoder().encodeToString(resource(resource))), page);
        });
    }

    private static byte[] resource(String name) {
        try (InputStream in = StrapPairingInBrowserTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String text(String pairField) {
        return driver.findElement(By.cssSelector("[data-pair='" + pairField + "']")).getText();
    }

    private void screenshot(String name) throws IOException {
        Path docs = Path.of("docs");
        Files.createDirectories(docs);
        Files.write(docs.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
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
        client = QuietEventLoops.vertx();
        startGateway(0);
        startBrowser(true);
        String page = devTools.attachToPage();
        serveInterimPage(page);
        EmulatedStrap strap = EmulatedStrap.install(devTools, page, 87);

        driver.get("http://127.0.0.1:" + gateway.port() + "/responder/");
        driver.findElement(By.id("pair-token")).sendKeys(DEVICE_TOKEN);
        driver.findElement(By.id("pair-button")).click();
        Await.until(() -> assertThat(text("strap")).isEqualTo(EmulatedStrap.NAME + ": connected"));
        Await.until(() -> assertThat(text("gateway")).isEqualTo("connected"));
        Await.until(() -> assertThat(text("battery")).isEqualTo("87 %"));
        assertThat(strap.subscriptions()).isEqualTo(1);

        for (int bpm : new int[] {72, 74, 76}) {
            assertThat(strap.emit(measurement(bpm))).isEqualTo("read");
        }
        Await.until(() -> assertThat(websocketFrames()).isEqualTo(3));
        assertThat(driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('./pair.js').then(pair => done(Array.from(
                    pair.relayFrame(1764582000000, new DataView(new Uint8Array([0x16, 0x84, 0x00, 0x04]).buffer)),
                    b => b.toString(16).padStart(2, '0')).join(' ')));"""))
                .as("the README's example relay frame").isEqualTo("01 00 00 01 9a d9 48 85 80 16 84 00 04");
        assertThat(text("heart-rate")).isEqualTo("76 bpm");
        assertThat(http.metric("limbic_device_streams_connected")).isEqualTo(1);
        screenshot("responder-pair.png");

        strap.disconnect();
        Await.until(() -> assertThat(text("strap")).startsWith(EmulatedStrap.NAME + ": disconnected, reconnecting in"));
        screenshot("responder-pair-reconnecting.png");
        Await.until(() -> assertThat(text("strap")).as(() -> text("message")).isEqualTo(EmulatedStrap.NAME + ": connected"));
        assertThat(strap.connections()).isEqualTo(2);
        assertThat(strap.subscriptions()).isEqualTo(2);
        assertThat(strap.emit(measurement(78))).isEqualTo("read");
        Await.until(() -> assertThat(websocketFrames()).isEqualTo(4));

        int port = gateway.port();
        Await.result(gateway.close());
        gateway = null;
        Await.until(() -> assertThat(text("gateway")).startsWith("connection lost, retrying in"));
        assertThat(strap.emit(measurement(80))).isEqualTo("read");
        assertThat(strap.emit(measurement(82))).isEqualTo("read");
        startGateway(port);
        Await.until(() -> assertThat(text("gateway")).isEqualTo("connected"));
        Await.until(() -> assertThat(websocketFrames()).as("frames relayed during the outage, sent on reconnect").isEqualTo(2));
        assertThat(text("relayed")).isEqualTo("6");

        driver.findElement(By.id("unpair-button")).click();
        Await.until(() -> assertThat(http.metric("limbic_device_streams_connected")).isEqualTo(0));
        assertThat(text("message")).startsWith("Stopped.");
        assertThat(driver.findElement(By.id("pair-button")).isDisplayed()).isTrue();
    }

    @Test
    void aWrongDeviceTokenIsRefusedWithAReasonBeforeAnythingIsRelayed() throws Exception {
        client = QuietEventLoops.vertx();
        startGateway(0);
        startBrowser(true);
        String page = devTools.attachToPage();
        serveInterimPage(page);
        EmulatedStrap strap = EmulatedStrap.install(devTools, page, 50);

        driver.get("http://127.0.0.1:" + gateway.port() + "/responder/");
        driver.findElement(By.id("pair-token")).sendKeys("not-" + DEVICE_TOKEN);
        driver.findElement(By.id("pair-button")).click();

        Await.until(() -> assertThat(text("message")).startsWith("The gateway does not know that device token."));
        assertThat(strap.connections()).isZero();
        assertThat(http.metric("limbic_device_streams_connected")).isEqualTo(0);
        assertThat(driver.findElement(By.id("pair-button")).isDisplayed()).isTrue();
    }

    @Test
    void aBrowserWithoutWebBluetoothSaysSoAndPointsToTheAlternatives() throws Exception {
        client = QuietEventLoops.vertx();
        startGateway(0);
        startBrowser(false);
        serveInterimPage(devTools.attachToPage());

        driver.get("http://127.0.0.1:" + gateway.port() + "/responder/");

        Await.until(() -> assertThat(text("unsupported")).startsWith("You cannot pair a strap here."));
        String section = driver.findElement(By.id("pair-strap")).getText();
        assertThat(section).contains("no Web Bluetooth").contains("Chrome or Edge").contains("limbic pair").contains("limbic edge");
        assertThat(driver.findElements(By.id("pair-button"))).isEmpty();
        screenshot("responder-pair-unsupported.png");
    }
}
