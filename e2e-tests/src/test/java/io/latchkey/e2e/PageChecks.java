package io.latchkey.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * What every page the browser tests visit must pass, at a desktop's 1280×800 and at a
 * phone's 390×844: no serious or critical violation that axe-core finds (WCAG 2.1 A and
 * AA and axe's best practices), no sideways scrolling on the phone, and every stop of the
 * Tab key visible and showing where the focus is. axe-core comes from the npm package the
 * build installs (package-lock.json) and is injected by the test, never loaded from
 * elsewhere. Problems are collected, so one run names them all; {@link #assertNone()}
 * fails with the list. Screenshots of the pages named for README are written when
 * {@code latchkey.screenshots} names a directory.
 */
final class PageChecks {

	static final Dimension DESKTOP = new Dimension(1280, 800);

	static final Dimension PHONE = new Dimension(390, 844);

	private static final String RUN_AXE = """
			const done = arguments[arguments.length - 1];
			axe.run(document, { runOnly: { type: 'tag',
			    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] })
			  .then((results) => done(results.violations.map((v) => ({ id: v.id, impact: v.impact,
			    nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ') }))))
			  .catch((error) => done([{ id: 'axe-error', impact: 'critical', nodes: String(error) }]));
			""";

	private final ChromeDriver browser;

	private final String axe;

	private final List<String> problems = new ArrayList<>();

	private final List<String> visited = new ArrayList<>();

	private int minorViolations;

	PageChecks(ChromeDriver browser) {
		this.browser = browser;
		Path source = Path.of(System.getProperty("latchkey.project.root", ".."), "e2e-tests", "node_modules",
				"axe-core", "axe.min.js");
		try {
			this.axe = Files.readString(source);
		}
		catch (IOException ex) {
			throw new IllegalStateException("axe-core is missing at " + source + ": the build installs it (npm ci)",
					ex);
		}
	}

	/** Checks the page the browser shows now, under the name the summary gives it. */
	void check(String name) {
		check(name, null);
	}

	/** Checks the page, and keeps a screenshot of it for README under that file name. */
	void check(String name, String screenshot) {
		this.visited.add(name + " " + this.browser.getCurrentUrl());
		try {
			this.browser.manage().window().setSize(DESKTOP);
			runAxe(name, "1280");
			checkKeyboard(name);
			if (screenshot != null) {
				screenshot(screenshot);
			}
			this.browser.manage().window().setSize(PHONE);
			runAxe(name, "390");
			Number overflow = (Number) this.browser
				.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
			if (overflow.intValue() > 0) {
				this.problems.add(name + " at 390 px: scrolls sideways by " + overflow + " px (" + widest() + ")");
			}
		}
		finally {
			this.browser.manage().window().setSize(DESKTOP);
		}
	}

	/**
	 * Where the Tab key goes from the top of the page, at most {@code stops} times: each
	 * focused element's id, else its tag and text.
	 */
	List<String> tabOrder(int stops) {
		List<String> order = new ArrayList<>();
		this.browser.executeScript("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
		for (int i = 0; i < stops; i++) {
			new Actions(this.browser).sendKeys(Keys.TAB).perform();
			Map<String, Object> focused = focused();
			if (focused == null) {
				break;
			}
			order.add((String) focused.get("name"));
		}
		return order;
	}

	/** The element that has the focus now, by its id or its tag and text. */
	String focusedElement() {
		Map<String, Object> focused = focused();
		return (focused != null) ? (String) focused.get("name") : null;
	}

	private void checkKeyboard(String name) {
		this.browser.executeScript("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
		for (int i = 0; i < 40; i++) {
			new Actions(this.browser).sendKeys(Keys.TAB).perform();
			Map<String, Object> focused = focused();
			if (focused == null) {
				// past the last stop, into the browser's own controls
				return;
			}
			if (!Boolean.TRUE.equals(focused.get("shown"))) {
				this.problems.add(name + ": the Tab key reaches " + focused.get("name") + ", which is not visible");
			}
			else if (!Boolean.TRUE.equals(focused.get("marked"))) {
				this.problems.add(name + ": no visible focus on " + focused.get("name"));
			}
		}
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> focused() {
		return (Map<String, Object>) this.browser.executeScript("""
				const e = document.activeElement;
				if (!e || e === document.body || e === document.documentElement) { return null; }
				const style = getComputedStyle(e);
				const box = e.getBoundingClientRect();
				const text = (e.innerText || e.value || e.getAttribute('aria-label') || '').trim().slice(0, 40);
				return { name: e.id || (e.tagName.toLowerCase() + (text ? ' "' + text + '"' : '')),
				  shown: box.width > 0 && box.height > 0 && style.visibility !== 'hidden',
				  marked: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
				    || style.boxShadow !== 'none' };
				""");
	}

	/** Pages checked so far. */
	List<String> visited() {
		return List.copyOf(this.visited);
	}

	int minorViolations() {
		return this.minorViolations;
	}

	void assertNone() {
		if (!this.problems.isEmpty()) {
			throw new AssertionError(this.problems.size() + " problems on the " + this.visited.size()
					+ " pages checked:\n" + String.join("\n", this.problems));
		}
	}

	@SuppressWarnings("unchecked")
	private void runAxe(String name, String width) {
		if (!Boolean.TRUE.equals(this.browser.executeScript("return typeof window.axe === 'object';"))) {
			// the page's own scripts are bound by its Content-Security-Policy;
			// WebDriver's
			// are not, so axe is injected without loosening the policy
			this.browser.executeScript(this.axe);
		}
		List<Map<String, Object>> violations = (List<Map<String, Object>>) this.browser.executeAsyncScript(RUN_AXE);
		for (Map<String, Object> violation : violations) {
			Object impact = violation.get("impact");
			if ("serious".equals(impact) || "critical".equals(impact)) {
				this.problems.add(name + " at " + width + " px: " + violation.get("id") + " (" + impact + ") on "
						+ violation.get("nodes"));
			}
			else {
				this.minorViolations++;
			}
		}
	}

	/** The elements wider than the phone's screen, to say what overflows. */
	private String widest() {
		return String.valueOf(this.browser.executeScript("""
				const width = document.documentElement.clientWidth;
				return Array.from(document.querySelectorAll('body *'))
				  .filter((e) => e.getBoundingClientRect().right > width + 1)
				  .slice(-3).map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
				    + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : ''))
				  .join(', ');
				"""));
	}

	private void screenshot(String file) {
		String directory = System.getProperty("latchkey.screenshots", "");
		if (directory.isBlank()) {
			return;
		}
		try {
			Path target = Path.of(directory).resolve(file);
			Files.createDirectories(target.getParent());
			Files.write(target, this.browser.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot write the screenshot " + file, ex);
		}
	}

}
