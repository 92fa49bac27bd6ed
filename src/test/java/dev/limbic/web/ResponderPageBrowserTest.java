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

import dev.limbic.delivery.BreathingPattern;
import dev.limbic.delivery.Notification;
import io.vertx.core.json.JsonObject;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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
        WebDriverWait wait = new WebDriverWait(browser, limit, Duration.ofMillis(20));
        wait.ignoring(StaleElementReferenceException.class);  // the list is re-rendered on every live update
        return wait;
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

    /** Clicks what {@code css} finds, finding it again if a live update re-rendered it meanwhile. */
    private void click(String css) {
        waiting(Duration.ofSeconds(10)).until(d -> {
            browser.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    private WebElement incidentItem(long id) {
        return visible("incident-" + id);
    }

    private String bodyData(String name) {
        return browser.findElement(By.tagName("body")).getDomAttribute("data-" + name);
    }

    private List<String> timelineKinds(long id) throws Exception {
        return world.incident(id).getJsonArray("timeline").stream()
                .map(e -> ((JsonObject) e).getString("kind")).toList();
    }

    /**
     * Hands a breathing prompt and the grounding prompt to the dispatcher, as the care runtime does on acute stress
     * (the spike test drives the real thing; this one shares the gateway with the other tests, so it must not).
     */
    private void prompt(long incident, BreathingPattern pattern) {
        world.paging().dispatcher().dispatch(Notification.breathingPrompt("b-" + UUID.randomUUID(), "alice",
                String.valueOf(incident), pattern, "Your heart rate is up. Let's slow down together.",
                world.clock.instant()));
        world.paging().dispatcher().dispatch(Notification.groundingPrompt("g-" + UUID.randomUUID(), "alice",
                String.valueOf(incident), world.clock.instant()));
    }

    @Test
    void aWebhooksPageAppearsWithinASecondAndAcknowledgingItOnThePageAcknowledgesTheIncident() throws Exception {
        signInAsAlice();
        world.streamHeartRate(15, 68);

        long firedAt = System.nanoTime();
        long id = world.fire("Checkout latency above 2 s on api-eu-1");
        WebElement item = incidentItem(id);
        long shownAfterMillis = (System.nanoTime() - firedAt) / 1_000_000;
        assertThat(shownAfterMillis).as("milliseconds from the webhook to the page on screen").isLessThanOrEqualTo(1000);
        assertThat(item.getText().toLowerCase()).contains("checkout latency above 2 s on api-eu-1", "critical",
                "triggered", "via am");
        waiting(Duration.ofSeconds(10)).until(d -> browser.findElement(By.id("signal-hr")).getText().endsWith("bpm"));
        chromium.screenshot("responder-pages");

        click("#incident-" + id + " button[data-action=acknowledge]");
        waiting(Duration.ofSeconds(10)).until(d -> "acknowledged".equals(
                browser.findElement(By.id("incident-" + id)).getDomAttribute("data-status")));
        JsonObject incident = world.incident(id).getJsonObject("incident");
        assertThat(incident.getString("status")).isEqualTo("acknowledged");
        assertThat(incident.getString("acknowledged_by")).isEqualTo("alice");

        browser.manage().window().setSize(new Dimension(390, 844));
        waiting(Duration.ofSeconds(5)).until(d -> browser.findElement(By.id("incident-" + id)).getSize().getWidth() < 390);
        chromium.screenshot("responder-mobile");
    }

    @Test
    void aHeartRateSpikeOnTheStrapBringsUpTheBreathingGuideThenTheGroundingPromptWhoseSentenceGoesOnTheTimeline(
            @TempDir Path ownDataDir) throws Exception {
        // A gateway of its own: the spike leaves Alice acute, which must not leak into the other tests.
        ResponderPageWorld world = new ResponderPageWorld(ownDataDir);
        try (world) {
            browser.get(world.baseUrl() + "/responder/");
            visible("token").sendKeys(ALICE_TOKEN);
            browser.findElement(By.id("sign-in-button")).click();
            waiting(Duration.ofSeconds(10)).until(d -> "open".equals(bodyData("live")));
            world.streamHeartRate(90, 70);
            long id = world.fire("Database connections exhausted on db-main");
            incidentItem(id);

            world.streamHeartRate(60, 135);
            WebElement guide = visible("breathing");
            assertThat(guide.getDomAttribute("data-mode")).isEqualTo("animation");
            assertThat(guide.getDomAttribute("role")).isEqualTo("dialog");
            assertThat(guide.getDomAttribute("aria-modal")).isEqualTo("true");
            assertThat(browser.findElement(By.id("breathing-phase")).getText()).isEqualTo("Breathe in");
            assertThat(browser.findElement(By.id("breathing-phase")).getDomAttribute("aria-live")).isEqualTo("assertive");
            assertThat(browser.findElement(By.id("breathing-circle")).getDomAttribute("class")).contains("grow");
            assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("breathing-title");
            waiting(Duration.ofSeconds(5)).until(d -> "Hold".equals(
                    browser.findElement(By.id("breathing-phase")).getText()));
            chromium.screenshot("responder-breathing");
            waiting(Duration.ofSeconds(5)).until(d -> "Breathe out".equals(
                    browser.findElement(By.id("breathing-phase")).getText()));
            assertThat(browser.findElement(By.id("breathing-circle")).getDomAttribute("class")).contains("shrink");

            visible("grounding");
            assertThat(browser.findElement(By.id("breathing")).isDisplayed()).isFalse();
            assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("grounding-title");
            browser.findElement(By.id("grounding-note")).sendKeys(
                    "The connection pool is exhausted because of a slow query.");
            chromium.screenshot("responder-grounding");
            browser.findElement(By.id("grounding-save")).click();
            waiting(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("grounding-status"), "Added to the timeline"));

            JsonObject note = world.incident(id).getJsonArray("timeline").stream().map(JsonObject.class::cast)
                    .filter(entry -> entry.getString("kind").equals("note")).findFirst().orElseThrow();
            assertThat(note.getString("actor")).isEqualTo("alice");
            assertThat(note.getString("text")).isEqualTo("The connection pool is exhausted because of a slow query.");
            assertThat(world.incident(id).getJsonArray("timeline").stream().map(JsonObject.class::cast)
                    .map(entry -> entry.getString("kind"))).contains("breathing_prompt");
            waiting(Duration.ofSeconds(5)).until(ExpectedConditions.invisibilityOfElementLocated(By.id("grounding")));
        }
    }

    @Test
    void withReducedMotionTheGuideIsWordsAndATimerAndItCanBeClosedAtAnyTime() throws Exception {
        chromium.preferReducedMotion();
        signInAsAlice();
        long id = world.fire("Payment webhook failures rising");
        incidentItem(id);

        prompt(id, new BreathingPattern(2, 2, 2, 3));
        WebElement guide = visible("breathing");
        assertThat(guide.getDomAttribute("data-mode")).isEqualTo("text");
        assertThat(browser.findElement(By.id("breathing-circle")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("breathing-timer")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("breathing-cycle")).getText()).isEqualTo("Cycle 1 of 3");
        waiting(Duration.ofSeconds(5)).until(d -> "Hold".equals(browser.findElement(By.id("breathing-phase")).getText()));
        chromium.screenshot("responder-breathing-reduced-motion");

        browser.findElement(By.id("breathing-dismiss")).click();
        assertThat(browser.findElement(By.id("breathing")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("grounding")).isDisplayed()).isFalse();
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("main");
        assertThat(timelineKinds(id)).doesNotContain("note");
    }

    @Test
    void whenTheLiveStreamDropsABannerSaysSoAndThePageReconnectsByItself() throws Exception {
        signInAsAlice();
        world.paging().liveStream().closeAll();
        WebElement banner = visible("banner");
        assertThat(banner.getText()).contains("Connection lost. Reconnecting");
        assertThat(bodyData("live")).isEqualTo("lost");
        chromium.screenshot("responder-connection-lost");

        waiting(Duration.ofSeconds(15)).until(ExpectedConditions.invisibilityOfElementLocated(By.id("banner")));
        assertThat(bodyData("live")).isEqualTo("open");
        long id = world.fire("Disk almost full on logs-2");
        incidentItem(id);
    }

    @Test
    void theSignedLinkInAPageSignsTheResponderInAndAnExpiredOrForgedOneDoesNot() throws Exception {
        String link = world.paging().signer().link("alice", Optional.empty());
        browser.get(world.baseUrl() + "/responder/#link=" + link);
        visible("dashboard");
        assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("Signed in as Alice");
        assertThat(browser.getCurrentUrl()).doesNotContain("link=");

        browser.findElement(By.id("sign-out")).click();
        visible("sign-in");
        browser.get(world.baseUrl() + "/responder/#link=" + link.substring(0, link.length() - 4) + "AAAA");
        waiting(Duration.ofSeconds(5)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("sign-in-error"), "expired or is not valid"));
        assertThat(browser.findElement(By.id("dashboard")).isDisplayed()).isFalse();
    }

    @Test
    void handingOverMovesTheIncidentToThePartnerWhoseWebhookPageCarriesASignInLink() throws Exception {
        signInAsAlice();
        world.bobWebhook.clear();
        long id = world.fire("Queue backlog growing on jobs-1");
        incidentItem(id);
        waiting(Duration.ofSeconds(5)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#incident-" + id + " button[data-action=hand_over]"), "Hand over to bob"));
        click("#incident-" + id + " button[data-action=hand_over]");
        visible("notice");

        waiting(Duration.ofSeconds(10)).until(ExpectedConditions.invisibilityOfElementLocated(By.id("incident-" + id)));
        assertThat(timelineKinds(id)).containsAnyOf("handed_over", "reassigned");
        assertThat(visible("notice").getText()).isNotBlank();
        JsonObject page = world.nextBobWebhook();
        assertThat(page.encode()).contains("Queue backlog growing on jobs-1");
        String text = page.getString("text");
        assertThat(text).contains(ResponderPageWorld.PUBLIC_URL + "/responder/#link=l1.bob.");

        String link = text.substring(text.indexOf("#link=") + 6).split("\\s")[0];
        browser.get(world.baseUrl() + "/responder/#link=" + link);
        waiting(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"),
                "Signed in as Bob"));
        incidentItem(id);
    }
}
