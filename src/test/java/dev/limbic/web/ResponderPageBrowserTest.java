package dev.limbic.web;

import dev.limbic.testing.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;

import static dev.limbic.web.ResponderPageWorld.ALICE_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The responder page in a real browser (Debian's headless Chromium): one gateway for the class, a fresh browser
 * profile per test. Screenshots of each screen go to {@code docs/responder-*.png}.
 */
@Timeout(120)
class ResponderPageBrowserTest {
    @TempDir
    static Path dataDir;
    private static ResponderPageWorld world;
    private Chromium chromium;
    private ChromeDriver browser;

    @BeforeAll
    static void startGateway() throws Exception {
        world = new ResponderPageWorld(dataDir);
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @BeforeEach
    void openBrowser() throws Exception {
        chromium = Chromium.start(1280, 860);
        browser = chromium.driver();
    }

    @AfterEach
    void closeBrowser() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    private WebDriverWait waiting(Duration limit) {
        return new WebDriverWait(browser, limit, Duration.ofMillis(20));
    }

    private WebElement visible(String id) {
        return waiting(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    /** Opens the page and signs in as Alice with her token; waits until the live stream is open. */
    private void signInAsAlice() {
        browser.get(world.baseUrl() + "/responder/");
        visible("token").sendKeys(ALICE_TOKEN);
        browser.findElement(By.id("sign-in-button")).click();
        visible("dashboard");
        waiting(Duration.ofSeconds(10)).until(d -> "open".equals(browser.findElement(By.tagName("body"))
                .getDomAttribute("data-live")));
    }

    @Test
    void aResponderSignsInWithTheirTokenAndAWrongTokenIsRefused() throws Exception {
        browser.get(world.baseUrl() + "/responder/");
        visible("sign-in");
        chromium.screenshot("responder-sign-in");

        visible("token").sendKeys("not-a-token-at-all");
        browser.findElement(By.id("sign-in-button")).click();
        waiting(Duration.ofSeconds(5)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("sign-in-error"), "not accepted"));
        assertThat(browser.findElement(By.id("dashboard")).isDisplayed()).isFalse();

        browser.findElement(By.id("token")).clear();
        signInAsAlice();
        assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("Signed in as Alice");
        assertThat(browser.findElement(By.id("token")).getDomProperty("value")).isEmpty();
    }
}
