package dev.pairwise.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Headless Chromium from Debian's {@code chromium} and {@code chromium-driver} packages,
 * driven by Selenium with both paths given, so that nothing is ever downloaded. Every
 * page it opens gets a probe, installed before the page's own scripts: it records dialogs
 * (alert, confirm, prompt, print), windows opened, and every Content-Security-Policy
 * violation, so a test can assert that no hostile script ran or even tried to. The
 * browser resolves no host name but localhost.
 */
public final class Browser implements AutoCloseable {

	static final String CHROMIUM = System.getProperty("pairwise.chromium", "/usr/bin/chromium");

	static final String CHROMEDRIVER = System.getProperty("pairwise.chromedriver", "/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

	private static final String PROBE = """
			(() => {
			  const probe = { dialogs: [], violations: [], opened: [] };
			  Object.defineProperty(window, '__pairwiseProbe', { value: probe });
			  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
			    window[name] = (message) => { probe.dialogs.push(name + ': ' + message); return null; };
			  }
			  window.open = (url) => { probe.opened.push(String(url)); return null; };
			  document.addEventListener('securitypolicyviolation', (event) => {
			    probe.violations.push(event.violatedDirective + ' ' + event.blockedURI + ' ' + (event.sample || ''));
			  });
			})();
			""";

	private final ChromeDriver driver;

	private final Path profile;

	private final String baseUrl;

	private final String suite;

	private Browser(ChromeDriver driver, Path profile, String baseUrl, String suite) {
		this.driver = driver;
		this.profile = profile;
		this.baseUrl = baseUrl;
		this.suite = suite;
	}

	private static final String HOW_TO_ENABLE = "The real-browser suite needs Chromium and ChromeDriver (" + CHROMIUM
			+ ", " + CHROMEDRIVER + "): on Debian, apt-get install chromium chromium-driver (.ci/run"
			+ " does), or point -Dpairwise.chromium= and -Dpairwise.chromedriver= at them.";

	static boolean installed() {
		return new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
	}

	/** Skips the calling test, with the way to enable it, unless the browser is there. */
	private static void assumeInstalled() {
		assumeTrue(installed(), HOW_TO_ENABLE);
	}

	/**
	 * Skips a whole test class, before its application context starts, unless the browser
	 * is there; the reason, which says how to enable the suite, is printed and reported
	 * with each skipped test.
	 */
	public static final class Required implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			if (installed()) {
				return ConditionEvaluationResult.enabled("Chromium and ChromeDriver are installed");
			}
			if (context.getTestMethod().isEmpty()) {
				System.out.println("SKIPPED " + context.getDisplayName() + ": " + HOW_TO_ENABLE);
			}
			return ConditionEvaluationResult.disabled(HOW_TO_ENABLE);
		}

	}

	/** A browser whose language is English. */
	public static Browser open(int port, String suite) {
		return open(port, suite, "en-US");
	}

	/** A fresh browser profile (no cookies), in the given language, 1280 × 900. */
	public static Browser open(int port, String suite, String language) {
		assumeInstalled();
		try {
			Path profile = Files.createTempDirectory("pairwise-chromium-");
			ChromeOptions options = new ChromeOptions();
			options.setBinary(CHROMIUM);
			options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-default-apps", "--disable-extensions", "--no-first-run", "--no-default-browser-check",
					"--disable-domain-reliability", "--metrics-recording-only", "--window-size=1280,900",
					"--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
					"--user-data-dir=" + profile, "--lang=" + language);
			options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
			ChromeDriverService service = new ChromeDriverService.Builder()
				.usingDriverExecutable(new File(CHROMEDRIVER))
				.usingAnyFreePort()
				.build();
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
			driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", PROBE));
			// A headless window never has the system's focus; without this, Tab moves
			// nothing.
			driver.executeCdpCommand("Emulation.setFocusEmulationEnabled", Map.of("enabled", true));
			return new Browser(driver, profile, "http://localhost:" + port, suite);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Browser get(String path) {
		this.driver.get(path.startsWith("http") ? path : this.baseUrl + path);
		return this;
	}

	public WebElement find(String css) {
		return this.driver.findElement(By.cssSelector(css));
	}

	public List<WebElement> findAll(String css) {
		return this.driver.findElements(By.cssSelector(css));
	}

	public String text(String css) {
		return find(css).getText();
	}

	/** Types keys into whatever has the focus, as a person at the keyboard does. */
	public Browser keys(CharSequence... keys) {
		this.driver.switchTo().activeElement().sendKeys(keys);
		return this;
	}

	public Object script(String script, Object... arguments) {
		return ((JavascriptExecutor) this.driver).executeScript(script, arguments);
	}

	/** Waits until the condition holds, up to ten seconds. */
	public void waitUntil(String what, java.util.function.Predicate<Browser> condition) {
		new WebDriverWait(this.driver, Duration.ofSeconds(10)).withMessage(what)
			// Reading a page while it is replaced by the next one fails in several ways.
			.ignoring(WebDriverException.class)
			.until((driver) -> condition.test(this));
	}

	/** Signs in as the admin through the login form. */
	public Browser signIn() {
		get("/login");
		find("#password").sendKeys(HttpTestClient.ADMIN_PASSWORD);
		find("form button[type=submit]").click();
		waitUntil("signed in", (browser) -> !browser.driver.getCurrentUrl().contains("/login"));
		return this;
	}

	/** What the probe saw on the current page: dialogs, violations, windows opened. */
	@SuppressWarnings("unchecked")
	public Map<String, List<String>> probe() {
		Object probe = script("return window.__pairwiseProbe || null;");
		assertThat(probe).as("the probe is installed on " + this.driver.getCurrentUrl()).isNotNull();
		return (Map<String, List<String>>) probe;
	}

	/**
	 * Asserts that on the current page nothing ran or tried to: no dialog (neither caught
	 * by the probe nor a real one), no window opened, no CSP violation, and no resource
	 * fetched from anywhere but the app.
	 */
	public void assertNothingRan() {
		String page = this.driver.getCurrentUrl();
		try {
			String alert = this.driver.switchTo().alert().getText();
			throw new AssertionError("a dialog is open on " + page + ": " + alert);
		}
		catch (NoAlertPresentException expected) {
			// As it should be.
		}
		Map<String, List<String>> probe = probe();
		assertThat(probe.get("dialogs")).as("dialogs on " + page).isEmpty();
		assertThat(probe.get("opened")).as("windows opened from " + page).isEmpty();
		assertThat(probe.get("violations")).as("CSP violations on " + page).isEmpty();
		@SuppressWarnings("unchecked")
		List<String> resources = (List<String>) script(
				"return performance.getEntriesByType('resource').map(e => e.name);");
		assertThat(resources).as("resources fetched by " + page).allMatch((url) -> url.startsWith(this.baseUrl + "/"));
		assertThat(page).startsWith(this.baseUrl);
	}

	/** Saves a screenshot as target/screenshots/{suite}/{name}.png. */
	public Path screenshot(String name) {
		try {
			Path file = SCREENSHOTS.resolve(this.suite).resolve(name + ".png");
			Files.createDirectories(file.getParent());
			Files.move(this.driver.getScreenshotAs(OutputType.FILE).toPath(), file,
					StandardCopyOption.REPLACE_EXISTING);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Resizes the window, for the narrow layout; clears an exact viewport if one was set.
	 */
	public Browser size(int width, int height) {
		this.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
		this.driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
		return this;
	}

	/**
	 * Makes the page itself (the viewport) exactly {@code width} × {@code height}, as on
	 * a screen of that size without the browser's own bars. Sizing the window cannot
	 * promise this: a headless window may be capped by its virtual screen.
	 */
	public Browser viewport(int width, int height) {
		this.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
		Object size = script("return window.innerWidth + 'x' + window.innerHeight;");
		if (!(width + "x" + height).equals(size)) {
			throw new IllegalStateException("the viewport is " + size + ", not " + width + "x" + height);
		}
		return this;
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			try (Stream<Path> files = Files.walk(this.profile)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
			catch (IOException ex) {
				// A left-over temporary profile is harmless.
			}
		}
	}

}
