package dev.limbic.testing;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (packages {@code chromium} and
 * {@code chromium-driver}; {@code src/scripts/test.sh} installs them). Binary and driver are given explicitly, so
 * Selenium Manager never looks for or downloads anything. Each browser gets a fresh profile directory and the flags
 * that keep it off the network. A missing package fails the test with the command that installs it; nothing skips.
 */
public final class Chromium implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A browser window of {@code width} x {@code height} CSS pixels. */
    public static Chromium start(int width, int height) throws IOException {
        return start(width, height, new String[0]);
    }

    /**
     * The same, started with {@code extraArguments} as well (for example {@code --enable-features=WebBluetooth},
     * which Chromium on Linux needs before a page has {@code navigator.bluetooth}).
     */
    public static Chromium start(int width, int height, String... extraArguments) throws IOException {
        assertThat(Files.isExecutable(BINARY) && Files.isExecutable(DRIVER))
                .as("Chromium and its driver are needed: apt-get install -y chromium chromium-driver")
                .isTrue();
        Path profile = Files.createTempDirectory("limbic-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        options.addArguments(extraArguments);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().withSilent(true).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        driver.manage().window().setSize(new Dimension(width, height));
        return new Chromium(driver, profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /**
     * A DevTools connection of its own to this browser (commands to the browser target and events, which
     * {@code executeCdpCommand} lacks); the caller closes it.
     */
    public DevTools devTools() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> chrome = (Map<String, Object>) driver.getCapabilities().getCapability("goog:chromeOptions");
        return DevTools.connect((String) chrome.get("debuggerAddress"));
    }

    /** Emulates {@code prefers-reduced-motion: reduce} through the DevTools protocol. */
    public void preferReducedMotion() {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                java.util.List.of(Map.of("name", "prefers-reduced-motion", "value", "reduce"))));
    }

    /** Saves a screenshot of the viewport as {@code docs/<name>.png} (the repository's docs folder). */
    public Path screenshot(String name) throws IOException {
        Path docs = Path.of("docs");
        Files.createDirectories(docs);
        Path target = docs.resolve(name + ".png");
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
