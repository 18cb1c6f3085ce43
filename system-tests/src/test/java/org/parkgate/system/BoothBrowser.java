package org.parkgate.system;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A page in a real headless Chromium, as a person uses it: the booth page as the cashier does, or
 * the simulator's lane page (opened on the simulator's control port) as a tester does.
 */
final class BoothBrowser implements AutoCloseable {
  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File DRIVER = new File("/usr/bin/chromedriver");

  private final ChromeDriver browser;
  private final WebDriverWait wait;
  private final String base;

  BoothBrowser(int httpPort, Path profile) {
    browser = chromium(profile);
    wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    // The page draws a lane's card again whenever its lane changes: an element found a moment ago
    // may be gone by the time it is read, and is then found again.
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    // The page redraws whenever the console speaks, and loads again when its language changes.
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    base = "http://127.0.0.1:" + httpPort;
  }

  /** Headless Chromium as the system tests drive it, with its own profile folder. */
  static ChromeDriver chromium(Path profile) {
    if (!CHROMIUM.canExecute() || !DRIVER.canExecute()) {
      throw new AssertionError(
          "headless Chromium is missing ("
              + CHROMIUM
              + ", "
              + DRIVER
              + "); run ./parking test, which installs chromium and chromium-driver");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--user-data-dir=" + profile.toAbsolutePath(),
        "--window-size=1440,1000");
    return new ChromeDriver(
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).build(), options);
  }

  void login(String user, String password) {
    browser.get(base + "/");
    wait.until(ExpectedConditions.urlToBe(base + "/login"));
    // The sign-in form of the page that stays: a sign-in page loaded again meanwhile (the booth
    // page sends a browser without a session there) takes the form typed into with it.
    new WebDriverWait(browser, Duration.ofSeconds(15))
        .ignoring(org.openqa.selenium.WebDriverException.class)
        .until(
            d -> {
              WebElement name = browser.findElement(By.id("username"));
              WebElement secret = browser.findElement(By.id("password"));
              name.clear();
              name.sendKeys(user);
              secret.clear();
              secret.sendKeys(password);
              browser.findElement(By.id("login")).click();
              return true;
            });
    wait.until(ExpectedConditions.urlToBe(base + "/"));
    awaitOnline();
  }

  /**
   * Signs in with a password the controller refuses; returns the sign-in page's text, its error
   * included, once the page has put itself into its language.
   */
  String loginRefused(String user, String password) {
    browser.get(base + "/login");
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.id("login")).click();
    wait.until(d -> !browser.findElement(By.id("login-error")).getText().isBlank());
    // Deferred scripts (text.js, login.js) have run once the page is complete.
    wait.until(d -> "complete".equals(browser.executeScript("return document.readyState")));
    return text();
  }

  /** Waits until the page shows the controller online, in whichever language it speaks. */
  void awaitOnline() {
    wait.until(ExpectedConditions.attributeContains(By.id("link-status"), "class", "online"));
    wait.until(
        d -> !browser.findElement(By.id("link-status")).getAttribute("class").contains("offline"));
  }

  /** Presses the language key (zh, en, both) and waits for the page to come back in it. */
  void chooseLanguage(String lang) {
    browser.findElement(By.cssSelector("#lang-switch button[data-lang='" + lang + "']")).click();
    awaitLanguage(lang);
  }

  /** Waits until the page speaks {@code lang} (zh, en, both) and shows the controller online. */
  void awaitLanguage(String lang) {
    wait.until(d -> lang.equals(browser.findElement(By.tagName("html")).getAttribute("data-lang")));
    awaitOnline();
  }

  /** Waits until the lane's amount due shows {@code amount}; returns the whole page's text. */
  String awaitDue(String lane, String amount) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("due-" + lane), amount));
    return browser.findElement(By.tagName("body")).getText();
  }

  /**
   * Opens the signed-in cashier's shift with the float counted by note and coin ({@code pieces}:
   * face in minor units to count) unless one is open already, as the booth asks before the first
   * payment; waits until the running totals show.
   */
  void openShiftIfNone(java.util.Map<Long, Integer> pieces) {
    wait.until(d -> visible("drawer-closed") || visible("drawer-open"));
    if (visible("drawer-closed")) {
      fillFloat(pieces);
      browser.findElement(By.id("open-shift")).click();
      wait.until(d -> visible("drawer-open"));
      // The float's button keeps the focus, and Enter there would open the shift again.
      browser.executeScript("document.activeElement.blur()");
    }
  }

  /** Types the float's count into the shift-open form, piece by piece, without opening. */
  void fillFloat(java.util.Map<Long, Integer> pieces) {
    wait.until(d -> visible("drawer-closed"));
    pieces.forEach(
        (face, count) ->
            browser.findElement(By.id("float-" + face)).sendKeys(String.valueOf(count)));
  }

  /** Types {@code text} in the tendered field and presses Enter: cash with change. */
  void tender(String text) {
    browser.findElement(By.id("tendered")).clear();
    browser.findElement(By.id("tendered")).sendKeys(text, Keys.ENTER);
  }

  /** Presses "bank card", types the terminal's reference and presses Enter. */
  void payByCard(String reference) {
    if (!visible("reference-form")) {
      browser.findElement(By.id("tender-card")).click();
    }
    browser.findElement(By.id("reference")).clear();
    browser.findElement(By.id("reference")).sendKeys(reference, Keys.ENTER);
  }

  /** Types a cash drop's amount, submits it and returns the answer shown. */
  String dropCash(String amount) {
    browser.findElement(By.id("drop-amount")).clear();
    browser.findElement(By.id("drop-amount")).sendKeys(amount, Keys.ENTER);
    return awaitAnswer("shift-result", "Cash drop recorded", "Cash drop not recorded");
  }

  /** Loads the page again (it then asks the controller for the shift afresh). */
  void reload() {
    browser.navigate().refresh();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("link-status"), "Controller online"));
  }

  /** Presses Enter, the booth's key for "cash received", and returns the receipt number shown. */
  String cashReceived(String lane) {
    openShiftIfNone(java.util.Map.of());
    new Actions(browser).sendKeys(Keys.ENTER).perform();
    // Found and read in one step: the lane's card is drawn again whenever its lane changes.
    return wait.until(
        d -> {
          WebElement receipt = d.findElement(By.id("receipt-" + lane));
          return receipt.isDisplayed() ? receipt.getText() : null;
        });
  }

  /**
   * Types {@code text} into the field {@code id}, over whatever it held, and presses Enter, as a
   * cashier does.
   */
  void typeAndEnter(String id, String text) {
    WebElement field = wait.until(ExpectedConditions.elementToBeClickable(By.id(id)));
    field.clear();
    field.sendKeys(text, Keys.ENTER);
  }

  /** Leaves the field being typed in, as a cashier clicking elsewhere does (Enter then pays). */
  void leaveField() {
    browser.executeScript("document.activeElement.blur()");
  }

  /** Clicks the key {@code id} once it can be pressed. */
  void press(String id) {
    WebElement key = wait.until(ExpectedConditions.elementToBeClickable(By.id(id)));
    // A key still moving (the page laying out an answer that just arrived above it) is pressed
    // once it stands still, as a person would: a click where it was would land on something else.
    java.util.concurrent.atomic.AtomicReference<org.openqa.selenium.Rectangle> last =
        new java.util.concurrent.atomic.AtomicReference<>();
    new WebDriverWait(browser, Duration.ofSeconds(15), Duration.ofMillis(50))
        .until(d -> key.getRect().equals(last.getAndSet(key.getRect())));
    key.click();
  }

  /** Types {@code text} into the field {@code id}. */
  void type(String id, String text) {
    wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).sendKeys(text);
  }

  /** Sets a field's value as a date picker or a pasted text does, without typing key by key. */
  void setValue(String id, String value) {
    WebElement field = wait.until(ExpectedConditions.elementToBeClickable(By.id(id)));
    browser.executeScript(
        "arguments[0].value = arguments[1];"
            + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
        field,
        value);
  }

  /** Chooses the option with {@code value} in the list {@code id}, once the page offers it. */
  void choose(String id, String value) {
    wait.until(
        d ->
            new Select(browser.findElement(By.id(id)))
                .getOptions().stream().anyMatch(o -> value.equals(o.getAttribute("value"))));
    new Select(browser.findElement(By.id(id))).selectByValue(value);
  }

  /** Presses keys on the keyboard, into whatever has the focus, as a person does. */
  void keys(CharSequence... keys) {
    new Actions(browser).sendKeys(keys).perform();
  }

  /** The attribute {@code name} of the element {@code id}; null if it has none. */
  String attribute(String id, String name) {
    return browser.findElement(By.id(id)).getAttribute(name);
  }

  /** Waits until the element {@code id} has the attribute {@code name} set to {@code value}. */
  void awaitAttribute(String id, String name, String value) {
    try {
      wait.until(d -> value.equals(d.findElement(By.id(id)).getAttribute(name)));
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError(
          "#"
              + id
              + " never had "
              + name
              + "=\""
              + value
              + "\"; it has \""
              + attribute(id, name)
              + "\"; the page shows:\n"
              + text(),
          e);
    }
  }

  /** Accepts the question the page asks (window.confirm). */
  void acceptQuestion() {
    wait.until(ExpectedConditions.alertIsPresent()).accept();
  }

  /**
   * Presses the key {@code id} that downloads a file the page makes, and returns the file's text as
   * the browser would save it.
   */
  String download(String id) {
    browser.executeScript(
        "window.__saved = null; const make = URL.createObjectURL;"
            + " URL.createObjectURL = (blob) => { blob.text().then(t => window.__saved = t);"
            + " return make.call(URL, blob); };");
    press(id);
    wait.until(d -> browser.executeScript("return window.__saved") != null);
    return (String) browser.executeScript("return window.__saved");
  }

  /** Opens {@code path} of the console (the finance page: {@code /finance}) in this session. */
  void open(String path) {
    browser.get(base + path);
    wait.until(d -> "complete".equals(browser.executeScript("return document.readyState")));
  }

  /** Runs {@code script} in the page and returns what it returns. */
  Object script(String script, Object... args) {
    return browser.executeScript(script, args);
  }

  /** Signs out with the booth's own button and waits for the login page. */
  void logout() {
    browser.findElement(By.id("logout")).click();
    wait.until(ExpectedConditions.urlToBe(base + "/login"));
  }

  boolean visible(String id) {
    return browser.findElement(By.id(id)).isDisplayed();
  }

  /** Fills in the supervisor's reversal form, submits it and returns the answer shown. */
  String reverse(String receiptNo, String reason) {
    browser.findElement(By.id("reverse-receipt")).sendKeys(receiptNo);
    browser.findElement(By.id("reverse-reason")).sendKeys(reason);
    browser.findElement(By.id("reverse-button")).click();
    return awaitAnswer("reverse-result", "Reversed", "Not reversed");
  }

  /**
   * Fills in the supervisor's lane mode form for {@code lane} (chosen with the lane card's own
   * button), submits it and returns the answer shown. For a mode the page asks to confirm, {@code
   * confirm} says whether the supervisor accepts.
   */
  String setLaneMode(String lane, String mode, String reason, boolean confirm) {
    browser.findElement(By.id("set-mode-" + lane)).click();
    new Select(browser.findElement(By.id("lane-mode-mode"))).selectByValue(mode);
    browser.findElement(By.id("lane-mode-reason")).clear();
    browser.findElement(By.id("lane-mode-reason")).sendKeys(reason);
    browser.findElement(By.id("lane-mode-button")).click();
    if (mode.equals("HELD_OPEN") || mode.equals("FREE_EXIT")) {
      Alert question = wait.until(ExpectedConditions.alertIsPresent());
      if (confirm) {
        question.accept();
      } else {
        question.dismiss();
      }
    }
    return awaitAnswer("lane-mode-result", "Lane mode set", "Not set", "Cancelled");
  }

  /** Fills in the supervisor's anti-passback reset form, submits it and returns the answer. */
  String resetCard(String card, String reason) {
    browser.findElement(By.id("passback-card")).sendKeys(card);
    browser.findElement(By.id("passback-reason")).sendKeys(reason);
    browser.findElement(By.id("passback-button")).click();
    return awaitAnswer("passback-result", "Card reset", "Not reset");
  }

  /**
   * Types a plate (or, with {@code byCard}, a card number) in the find-vehicle form, presses Enter
   * as a cashier would, and returns the answer shown.
   */
  String findVehicle(String query, boolean byCard) {
    browser.findElement(By.id(byCard ? "find-by-card" : "find-by-plate")).click();
    WebElement field = browser.findElement(By.id("find-query"));
    field.clear();
    field.sendKeys(query, Keys.ENTER);
    return awaitAnswer("find-result", "✓ 在场车辆", "✗ ");
  }

  /** Presses the lost-card key {@code buttonId}; returns the form's line on the vehicle. */
  String openLostCardForm(String buttonId) {
    browser.findElement(By.id(buttonId)).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lost-card-form")));
    return browser.findElement(By.id("lost-card-plates")).getText();
  }

  /**
   * Presses the lost-card key {@code buttonId}, then cancels the registration form it opens;
   * returns what the page says under the search.
   */
  String cancelLostCard(String buttonId) {
    browser.findElement(By.id(buttonId)).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lost-card-form")));
    browser.findElement(By.id("lost-card-cancel")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("lost-card-form")));
    return browser.findElement(By.id("lost-result")).getText();
  }

  /** The text of each element matching the CSS selector, in page order. */
  List<String> texts(String cssSelector) {
    return browser.findElements(By.cssSelector(cssSelector)).stream()
        .map(WebElement::getText)
        .toList();
  }

  /** Scrolls the element with {@code id} to the middle of the window, for a screenshot. */
  void show(String id) {
    browser.executeScript(
        "document.getElementById(arguments[0]).scrollIntoView({block: 'center'})", id);
  }

  /** How many elements on the page match the CSS selector (visible or not). */
  int count(String cssSelector) {
    return browser.findElements(By.cssSelector(cssSelector)).size();
  }

  /**
   * Presses "close shift", types the blind count ({@code pieces}: face in minor units to count),
   * checks that the cash expected is out of sight while counting, submits and returns the answer.
   */
  String closeShift(java.util.Map<Long, Integer> pieces) {
    return closeShift(pieces, 0, 0);
  }

  /** As {@link #closeShift(java.util.Map)}, with the IC cards and receipts counted. */
  String closeShift(java.util.Map<Long, Integer> pieces, int cards, int receipts) {
    wait.until(d -> visible("drawer-open"));
    browser.findElement(By.id("close-shift")).click();
    wait.until(d -> visible("count-form"));
    if (visible("drawer-open") || browser.findElement(By.id("expected-cash")).isDisplayed()) {
      throw new AssertionError("the cash expected shows during a blind count");
    }
    pieces.forEach(
        (face, count) ->
            browser.findElement(By.id("count-" + face)).sendKeys(String.valueOf(count)));
    browser.findElement(By.id("count-cards")).sendKeys(String.valueOf(cards));
    browser.findElement(By.id("count-receipts")).sendKeys(String.valueOf(receipts));
    browser.findElement(By.id("count-submit")).click();
    return awaitAnswer("shift-result", "Shift closed", "Shift not closed");
  }

  /**
   * Presses "hand over" and fills the handover form: the outgoing cashier's blind count, IC cards
   * and receipts, the incoming cashier's user name and password and their own count; submits and
   * returns the answer shown. The password field is empty again once sent.
   */
  String handOver(
      java.util.Map<Long, Integer> counted,
      int cards,
      int receipts,
      String incoming,
      String password,
      java.util.Map<Long, Integer> recounted) {
    if (!visible("handover-form")) {
      press("hand-over");
      wait.until(d -> visible("handover-form"));
    }
    for (String prefix : new String[] {"handover", "recount"}) {
      for (var input : browser.findElements(By.cssSelector("#" + prefix + "-pieces input"))) {
        input.clear();
      }
    }
    counted.forEach(
        (face, n) -> browser.findElement(By.id("handover-" + face)).sendKeys(String.valueOf(n)));
    recounted.forEach(
        (face, n) -> browser.findElement(By.id("recount-" + face)).sendKeys(String.valueOf(n)));
    for (String[] field :
        new String[][] {
          {"handover-cards", String.valueOf(cards)},
          {"handover-receipts", String.valueOf(receipts)},
          {"handover-username", incoming},
          {"handover-password", password}
        }) {
      browser.findElement(By.id(field[0])).clear();
      browser.findElement(By.id(field[0])).sendKeys(field[1]);
    }
    browser.findElement(By.id("handover-submit")).click();
    String answer = awaitAnswer("shift-result", "Handed over to", "Not handed over");
    if (!browser.findElement(By.id("handover-password")).getAttribute("value").isEmpty()) {
      throw new AssertionError("the incoming password stays in the page after it was sent");
    }
    return answer;
  }

  /** Types a note for incident {@code incidentNo}, presses resolve and returns the answer. */
  String resolveIncident(long incidentNo, String note) {
    type("incident-note-" + incidentNo, note);
    press("incident-resolve-" + incidentNo);
    return awaitAnswer("incident-result", "Resolved", "Not resolved");
  }

  /** Waits until the element's text holds one of the answers; returns the text. */
  private String awaitAnswer(String id, String... answers) {
    return wait.until(
        d -> {
          String text = d.findElement(By.id(id)).getText();
          for (String a : answers) {
            if (text.contains(a)) {
              return text;
            }
          }
          return null;
        });
  }

  /** Waits until the element shows {@code text}; returns all of its text. */
  String awaitText(String id, String text) {
    try {
      return wait.until(
          d -> {
            String shown = d.findElement(By.id(id)).getText();
            return shown.contains(text) ? shown : null;
          });
    } catch (org.openqa.selenium.TimeoutException e) {
      java.util.List<WebElement> found = browser.findElements(By.id(id));
      throw new AssertionError(
          "#"
              + id
              + " never showed \""
              + text
              + "\"; it shows: "
              + (found.isEmpty() ? "(no such element)" : found.get(0).getText()),
          e);
    }
  }

  /**
   * Runs a script in the page that calls {@code done(value)} when finished (WebDriver's
   * asynchronous script), and returns that value.
   */
  Object asyncScript(String script) {
    return browser.executeAsyncScript(script);
  }

  String text() {
    return browser.findElement(By.tagName("body")).getText();
  }

  /**
   * The page printed as Chromium prints it (its print style sheet, A4 as the page asks), through
   * the DevTools {@code Page.printToPDF}: the PDF's bytes.
   */
  byte[] printToPdf() {
    java.util.Map<String, Object> printed =
        browser.executeCdpCommand(
            "Page.printToPDF",
            java.util.Map.of("printBackground", false, "preferCSSPageSize", true));
    return java.util.Base64.getDecoder().decode((String) printed.get("data"));
  }

  /**
   * What the link {@code id} points at, fetched in the page's session: the HTTP status and the
   * body's bytes.
   */
  Download fetchLink(String id) {
    Object got =
        browser.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "fetch(document.getElementById(arguments[0]).href).then(async (r) => {"
                + "  const b = new Uint8Array(await r.arrayBuffer()); let s = '';"
                + "  for (let i = 0; i < b.length; i += 8192) {"
                + "    s += String.fromCharCode.apply(null, b.subarray(i, i + 8192)); }"
                + "  done(r.status + '|' + (r.headers.get('content-disposition') || '') + '|'"
                + "    + btoa(s)); });",
            id);
    String[] parts = String.valueOf(got).split("\\|", 3);
    return new Download(
        Integer.parseInt(parts[0]), parts[1], java.util.Base64.getDecoder().decode(parts[2]));
  }

  /** A file fetched as the browser downloads it. */
  record Download(int status, String disposition, byte[] body) {}

  void screenshot(String name) throws Exception {
    File shot = browser.getScreenshotAs(OutputType.FILE);
    Path dir = SystemFixture.ROOT.resolve("system-tests/target/screenshots");
    Files.createDirectories(dir);
    Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Presses the lost-card key {@code buttonId} (a found stay's, or a lane's "no matching entry"),
   * fills in the registration form with {@code fields} (form field name to text), submits it and
   * returns the answer shown.
   */
  String registerLostCard(String buttonId, java.util.Map<String, String> fields) {
    openLostCardForm(buttonId);
    fields.forEach(
        (name, text) -> {
          WebElement field = browser.findElement(By.id("lc-" + name));
          field.clear();
          field.sendKeys(text);
        });
    browser.findElement(By.id("lost-card-submit")).click();
    return awaitAnswer(
        "lost-result", "Registered, awaiting approval", "Lost card registered", "✗ ");
  }

  @Override
  public void close() {
    browser.quit();
  }
}
