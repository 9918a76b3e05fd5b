package io.latchkey.e2e;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a person does in the browser, each step waiting for the page rather than for a
 * fixed time, and failing with the page's text so a broken step says where it stood.
 */
final class BrowserSteps {

	private final ChromeDriver browser;

	BrowserSteps(ChromeDriver browser) {
		this.browser = browser;
	}

	ChromeDriver browser() {
		return this.browser;
	}

	/**
	 * From the sign-in page (where a client sent the person): creates an account and
	 * signs in with it, which continues whatever sent them there.
	 */
	void createAccountAndSignIn(String username, String password) {
		click(By.linkText("Create one"));
		type(By.id("username"), username);
		type(By.id("email"), username + "@example.com");
		type(By.id("password"), password);
		type(By.id("confirmPassword"), password);
		click(By.cssSelector("button[type=submit].primary"));
		awaitText(By.cssSelector("[role=status]"), "Your account is ready");
		type(By.id("password"), password);
		click(By.cssSelector("button[type=submit].primary"));
	}

	void open(String url) {
		this.browser.get(url);
	}

	void click(By by) {
		await().until(ExpectedConditions.elementToBeClickable(by)).click();
	}

	void type(By by, String value) {
		WebElement field = await().until(ExpectedConditions.visibilityOfElementLocated(by));
		field.clear();
		field.sendKeys(value);
	}

	String text(By by) {
		return await().until(ExpectedConditions.visibilityOfElementLocated(by)).getText();
	}

	boolean isPresent(By by) {
		return !this.browser.findElements(by).isEmpty();
	}

	void awaitText(By by, String expected) {
		try {
			await().until(ExpectedConditions.textToBePresentInElementLocated(by, expected));
		}
		catch (RuntimeException ex) {
			throw new AssertionError(
					"Expected '" + expected + "' in " + by + " on " + this.browser.getCurrentUrl() + "\n" + pageText(),
					ex);
		}
	}

	void awaitUrlStartsWith(String prefix) {
		try {
			await().until((driver) -> driver.getCurrentUrl().startsWith(prefix));
		}
		catch (RuntimeException ex) {
			throw new AssertionError(
					"Expected to be at " + prefix + " but am at " + this.browser.getCurrentUrl() + "\n" + pageText(),
					ex);
		}
	}

	String currentUrl() {
		return this.browser.getCurrentUrl();
	}

	private String pageText() {
		return this.browser.findElement(By.tagName("body")).getText();
	}

	private WebDriverWait await() {
		return new WebDriverWait(this.browser, Duration.ofSeconds(20));
	}

}
