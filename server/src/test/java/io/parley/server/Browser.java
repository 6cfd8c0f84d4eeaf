package io.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person in Parley's web client: Debian's headless Chromium ({@code /usr/bin/chromium})
 * driven through Debian's chromedriver, with a fresh profile. Never a downloaded browser: where
 * Chromium is missing the test fails and says what to install ({@code .ci/run} installs it).
 * Every wait is {@link WebDriverWait} on a condition of the page.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final Path profile;
    private final WebDriverWait wait;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
        this.wait = new WebDriverWait(driver, WAIT);
    }

    /** A desktop-sized browser window ({@code width} x {@code height} CSS pixels). */
    static Browser open(int width, int height) throws IOException {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("Debian's chromium and chromedriver (apt-get install chromium chromium-driver; .ci/run does)")
                .isTrue();
        Path profile = Files.createTempDirectory("parley-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--lang=en-GB", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        return new Browser(driver, profile);
    }

    WebDriver driver() {
        return driver;
    }

    Browser get(String url) {
        driver.get(url);
        return this;
    }

    /** Fills the login form as a guest called {@code nick} and waits until #lobby is joined. */
    Browser joinAsGuest(String nick) {
        await(d -> d.findElement(By.id("login-nick")).isDisplayed());
        WebElement field = driver.findElement(By.id("login-nick"));
        field.clear();
        field.sendKeys(nick);
        driver.findElement(By.id("login-submit")).click();
        awaitJoined("#lobby", nick);
        return this;
    }

    /** Logs in on the form with an existing account (SASL PLAIN) and waits until #lobby is joined. */
    Browser logIn(String account, String password) {
        await(d -> d.findElement(By.id("login-nick")).isDisplayed());
        driver.findElement(By.cssSelector("input[name=mode][value=login]")).click();
        WebElement field = driver.findElement(By.id("login-nick"));
        field.clear();
        field.sendKeys(account);
        driver.findElement(By.id("login-password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        awaitJoined("#lobby", account);
        return this;
    }

    /** Clicks the conversation {@code name} in the sidebar and waits until it is shown. */
    Browser show(String name) {
        driver.findElement(By.cssSelector("button.buffer[data-buffer='" + name + "']")).click();
        await(d -> name.equals(text("buffer-title")));
        return this;
    }

    /** Waits until the conversation {@code name} shows an unread count that marks a mention or a private message. */
    Browser awaitMentionBadge(String name) {
        await(d -> !d.findElements(By.cssSelector("button.buffer[data-buffer='" + name + "'] .badge.mention")).isEmpty());
        return this;
    }

    /** Waits until the page says it is connected, shows {@code room}, and lists {@code nick} among its members. */
    Browser awaitJoined(String room, String nick) {
        awaitConnected();
        await(d -> room.equals(text("buffer-title")));
        await(d -> !d.findElements(By.cssSelector("#member-list button.member[data-nick='" + nick + "']")).isEmpty());
        return this;
    }

    Browser awaitConnected() {
        await(d -> "connected".equals(d.findElement(By.id("connection-state")).getAttribute("data-state")));
        return this;
    }

    /** Types {@code text} into the message box and presses Enter. */
    Browser say(String text) {
        WebElement input = driver.findElement(By.id("input"));
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
        await(d -> d.findElement(By.id("input")).getAttribute("value").isEmpty());
        return this;
    }

    /** Types into whatever has the focus, as a keyboard would. */
    Browser keys(CharSequence... keys) {
        new org.openqa.selenium.interactions.Actions(driver).sendKeys(keys).perform();
        return this;
    }

    /** Presses {@code key} with Alt held. */
    Browser alt(CharSequence key) {
        new org.openqa.selenium.interactions.Actions(driver).keyDown(Keys.ALT).sendKeys(key).keyUp(Keys.ALT).perform();
        return this;
    }

    /** The id of the element that has the focus. */
    String focused() {
        return driver.switchTo().activeElement().getAttribute("id");
    }

    /** The chat lines of the conversation shown, as {@code nick: text}, oldest first. */
    @SuppressWarnings("unchecked")
    List<String> chat() {
        Object lines = driver.executeScript("return [...document.querySelectorAll('#messages li.msg.chat')]"
                + ".map(li => li.querySelector('.nick').textContent + ': ' + li.querySelector('.text').textContent)");
        return new ArrayList<>((List<String>) lines);
    }

    /**
     * Scrolls the messages to the top, again each time an older page has come in, until the page
     * says "This is the beginning of the conversation".
     */
    Browser scrollToTheBeginning() {
        await(d -> {
            script("document.getElementById('log').scrollTop = 0;"
                    + " document.getElementById('log').dispatchEvent(new Event('scroll'))");
            return d.findElement(By.id("history-start")).isDisplayed();
        });
        return this;
    }

    /** Waits until the conversation shown holds the line {@code nick: text}. */
    Browser awaitChat(String nick, String text) {
        String line = nick + ": " + text;
        await(d -> chat().contains(line));
        return this;
    }

    /** Waits for a condition of the page; fails with what the page shows when it does not come. */
    <T> T await(Function<WebDriver, T> condition) {
        try {
            return wait.until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the page did not get there; it shows: " + chat()
                    + " / state " + text("connection-state") + " / login error " + text("login-error") + " / focus " + focused() + " / dialog "
                    + script("return [...document.querySelectorAll('dialog[open]')].map(d => d.innerText).join('|')"), e);
        }
    }

    String text(String id) {
        List<WebElement> found = driver.findElements(By.id(id));
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Chrome DevTools' network emulation: offline makes every new connection fail. */
    void offline(boolean offline) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", offline, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
    }

    /**
     * Every visible text of the page whose colour is below 4.5:1 contrast (WCAG AA) on the
     * background it is drawn on, as {@code text (ratio)}: the colours the browser computed, the
     * background the nearest one that is not transparent (blended over white when translucent).
     */
    @SuppressWarnings("unchecked")
    List<String> lowContrastTexts() {
        return (List<String>) script("""
                const rgba = (c) => { const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
                const over = (top, under) => top.slice(0, 3).map((v, i) => v * top[3] + under[i] * (1 - top[3])).concat(1);
                const luminance = (c) => { const [r, g, b] = c.slice(0, 3).map((v) => { v /= 255;
                  return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
                const background = (el) => { const layers = [];
                  for (let e = el; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor);
                    if (c[3] > 0) { layers.push(c); if (c[3] === 1) break; } }
                  return layers.reverse().reduce((under, top) => over(top, under), [255, 255, 255, 1]); };
                const low = [];
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                  const el = node.parentElement;
                  if (!node.textContent.trim() || !el.checkVisibility({ visibilityProperty: true })) continue;
                  if (el.closest('.visually-hidden')) continue;
                  const style = getComputedStyle(el);
                  const bg = background(el);
                  const fg = over(rgba(style.color), bg);
                  const [a, b] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
                  const ratio = (a + 0.05) / (b + 0.05);
                  if (ratio < 4.5) low.push(node.textContent.trim().slice(0, 40) + ' (' + ratio.toFixed(2) + ')');
                }
                return low;
                """);
    }

    /** Lets the page at {@code origin} show desktop notifications, as a person granting the browser's prompt would. */
    void grantNotifications(String origin) {
        driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", origin, "permissions", List.of("notifications")));
    }

    /**
     * From the next page load on, every desktop notification the page makes is also written down
     * in the origin's {@code localStorage} (key {@code notifications}: title, body, and whether the
     * page was hidden), where another tab of the same origin can read it while this one stays hidden.
     */
    void recordNotifications() {
        driver.executeCdpCommand("Page.enable", Map.of());
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                (() => {
                  const Real = window.Notification;
                  if (!Real) return;
                  class Recorded extends Real {
                    constructor(title, options = {}) {
                      const seen = JSON.parse(localStorage.getItem("notifications") || "[]");
                      seen.push({ title, body: options.body || "", hidden: document.hidden });
                      localStorage.setItem("notifications", JSON.stringify(seen));
                      super(title, options);
                    }
                  }
                  Object.defineProperty(window, "Notification", { value: Recorded, configurable: true, writable: true });
                })();
                """));
    }

    /**
     * Opens {@code url} in a new tab and shows it, which hides the tab shown until then (its
     * {@code document.hidden} becomes true, as when a person switches tabs). Returns the hidden tab's handle.
     */
    String openOtherTab(String url) {
        String hidden = driver.getWindowHandle();
        driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        driver.get(url);
        return hidden;
    }

    /** Shows the tab {@code handle} again (the person comes back to it). */
    void showTab(String handle) {
        driver.switchTo().window(handle);
    }

    /**
     * Saves a screenshot of the page under {@code target/web-screenshots/} and, when the
     * {@code parley.screenshots} property names a directory ({@code docs/images}, relative to
     * the project's root), there too.
     */
    void screenshot(String name) throws IOException {
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", "web-screenshots");
        Files.createDirectories(target);
        Files.copy(shot, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        String docs = System.getProperty("parley.screenshots", "");
        if (!docs.isBlank()) {
            Path root = Path.of("").toAbsolutePath();
            while (root != null && !Files.exists(root.resolve("docs").resolve("web.md"))) {
                root = root.getParent();
            }
            assertThat(root).as("the project's root (holding docs/web.md)").isNotNull();
            Path dir = root.resolve(docs);
            Files.createDirectories(dir);
            Files.copy(shot, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.deleteIfExists(shot);
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
