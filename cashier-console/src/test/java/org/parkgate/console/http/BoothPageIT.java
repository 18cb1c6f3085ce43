package org.parkgate.console.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.console.CashierConsole;
import org.parkgate.console.FakeController;
import org.parkgate.console.TestConsole;
import org.parkgate.site.BarrierPosition;
import org.parkgate.site.LaneKind;
import org.parkgate.site.LaneState;

/**
 * The booth page in a real headless Chromium: sign in, see the car waiting with its fee, press
 * Enter for cash received, see the receipt number; find a car by plate and charge its lost card at
 * the exit; while the controller is away no key sends a command. Screenshots land in
 * target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BoothPageIT {
  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File DRIVER = new File("/usr/bin/chromedriver");

  @TempDir static Path profile;
  static FakeController controller;
  static CashierConsole console;
  static WebDriver browser;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    if (!CHROMIUM.canExecute() || !DRIVER.canExecute()) {
      // Not a skip: a browser test that silently does nothing would hide a broken booth page.
      fail(
          "headless Chromium is missing ("
              + CHROMIUM
              + ", "
              + DRIVER
              + "); run ./parking test, which installs "
              + "chromium and chromium-driver, or apt-get install -y chromium chromium-driver");
    }
    controller = new FakeController();
    console = TestConsole.start(controller);
    base = "http://127.0.0.1:" + console.httpPort();
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
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).build();
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (console != null) {
      console.close();
    }
    if (controller != null) {
      controller.close();
    }
  }

  @Test
  @Order(1)
  void aCashierFindsACarByPlateAndChargesItsLostCardAtTheExit() throws Exception {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    browser.get(base + "/login");
    browser.findElement(By.id("username")).sendKeys("cashier1");
    browser.findElement(By.id("password")).sendKeys("cashier1-demo");
    browser.findElement(By.id("login")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("link-status"), "Controller online"));
    controller.received.clear();

    browser.findElement(By.id("find-query")).sendKeys("粤b 12345", Keys.ENTER);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("find-result"), "80.00"));
    String button = "在 exit-1 登记遗失卡 · Register lost card at exit-1";
    assertEquals(button, browser.findElement(By.id("lost-2-exit-1")).getText());
    assertEquals(
        1, browser.findElements(By.cssSelector("button.lost-card")).size(), "one exit lane");

    // The key opens the registration form, the entry's plate filled in; cancelled, nothing goes.
    browser.findElement(By.id("lost-2-exit-1")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lost-card-form")));
    assertTrue(
        browser.findElement(By.id("lost-card-plates")).getText().contains("入场车牌 Entry plate"),
        browser.findElement(By.id("lost-card-plates")).getText());
    browser.findElement(By.id("lost-card-cancel")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("lost-card-form")));
    assertEquals(
        ConsoleCommand.FindStay.class, controller.nextCommand().getClass(), "the search only");
    TestConsole.assertNothingSent(console, controller);

    // A mistyped ID number is refused with the booth's words, and nothing reaches the controller.
    browser.findElement(By.id("lost-2-exit-1")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lost-card-form")));
    browser.findElement(By.id("lc-driverName")).sendKeys("张伟");
    browser.findElement(By.id("lc-phone")).sendKeys("138 0013 8000");
    browser.findElement(By.id("lc-idNumber")).sendKeys("110105194912310021");
    browser.findElement(By.id("lc-circumstances")).sendKeys("丢在商场里");
    browser.findElement(By.id("lost-card-submit")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("lost-result"), "身份证号码校验位不符 · The ID number's check character is wrong"));
    TestConsole.assertNothingSent(console, controller);

    WebElement id = browser.findElement(By.id("lc-idNumber"));
    id.clear();
    id.sendKeys("11010519491231002X");
    browser.findElement(By.id("lost-card-submit")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("lost-result"),
            "✓ 已登记遗失卡 · Lost card registered — 遗失卡 Lost card #1 · 停车费 Parking 30.00"
                + " + 工本费 Card 50.00 = 应收 Due 80.00 CNY"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("due-exit-1"), "80.00"));
    ConsoleCommand.ReportLostCard sent = (ConsoleCommand.ReportLostCard) controller.nextCommand();
    assertEquals("exit-1", sent.lane());
    assertEquals(2, sent.stayId());
    assertEquals("13800138000", sent.form().phone());
    assertEquals("cashier1", controller.userOf(sent.session()));
    screenshot("booth-lost-card");
    browser.findElement(By.id("logout")).click();
    wait.until(ExpectedConditions.urlToBe(base + "/login"));
  }

  @Test
  @Order(2)
  void foundStaysShowTheirFieldsAndASessionTheControllerEndsGoesBackToLogin() throws Exception {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    browser.get(base + "/login");
    browser.findElement(By.id("username")).sendKeys("supervisor1");
    browser.findElement(By.id("password")).sendKeys("supervisor1-demo");
    browser.findElement(By.id("login")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("link-status"), "Controller online"));

    browser.findElement(By.id("find-query")).sendKeys("沪A88888", Keys.ENTER);
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#find-stays li.stay"), 2));
    var stays = browser.findElements(By.cssSelector("#find-stays li.stay"));
    String newest = stays.get(0).getText();
    for (String shown :
        new String[] {
          "#5", "SEASON5", "entry-1", "2027-01-09 10:30:00", "沪A88888", "van", "white"
        }) {
      assertTrue(newest.contains(shown), "'" + shown + "' in: " + newest);
    }
    assertTrue(newest.contains("season card covers it"), newest);
    String older = stays.get(1).getText();
    for (String shown :
        new String[] {"#4", "CARD4", "2027-01-09 07:15:00", "not read", "30.00 CNY"}) {
      assertTrue(older.contains(shown), "'" + shown + "' in: " + older);
    }
    assertTrue(
        browser.findElement(By.id("find-result")).getText().contains("newest first"),
        "two stays, newest first");
    assertEquals(2, browser.findElements(By.cssSelector("button.lost-card")).size());
    screenshot("booth-found-stays");

    // The controller ends supervisor1's session (a password change, say): the next command
    // finds it gone and the page goes back to the login page, saying why. The page's own next
    // command (a lost-card list refresh, say) may find it first; then the find is not needed.
    controller.endSessionsOf("supervisor1");
    try {
      WebElement query = browser.findElement(By.id("find-query"));
      query.clear();
      query.sendKeys("粤B12345", Keys.ENTER);
    } catch (StaleElementReferenceException | NoSuchElementException alreadySignedOut) {
      // the page has already left for the login page
    }
    wait.until(ExpectedConditions.urlContains("/login"));
    assertTrue(
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")))
            .getText()
            .contains("Your session has ended, sign in again"));
    browser.get(base + "/");
    wait.until(ExpectedConditions.urlToBe(base + "/login"));
  }

  @Test
  @Order(3)
  void aCashierSignsInSeesTheFeeAndTakesCash() throws Exception {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    browser.get(base + "/");
    wait.until(ExpectedConditions.urlToBe(base + "/login"));
    browser.findElement(By.id("username")).sendKeys("cashier1");
    browser.findElement(By.id("password")).sendKeys("wrong");
    browser.findElement(By.id("login")).click();
    assertTrue(
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")))
            .getText()
            .contains("Wrong user name or password"));

    browser.findElement(By.id("password")).sendKeys("cashier1-demo");
    browser.findElement(By.id("login")).click();
    wait.until(ExpectedConditions.urlToBe(base + "/"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("link-status"), "Controller online"));
    // No payment before a shift is open: the float is counted first.
    browser.findElement(By.id("float-10000")).sendKeys("1", Keys.ENTER);
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("expected-cash"), "100.00"));
    ((org.openqa.selenium.JavascriptExecutor) browser)
        .executeScript("document.activeElement.blur()");

    controller.publish(
        FakeController.laneStatus(
            "entry-1",
            LaneKind.ENTRY,
            LaneState.IDLE,
            BarrierPosition.CLOSED,
            false,
            "欢迎光临 Welcome"));
    controller.publish(
        FakeController.laneStatus(
            "exit-1",
            LaneKind.EXIT,
            LaneState.AWAITING_PAYMENT,
            BarrierPosition.CLOSED,
            true,
            "停车费 11.00",
            "请到收费亭缴费 Pay at booth"));
    controller.publish(FakeController.exitPending(7, "00A1B2C3D4", 1100));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("due-exit-1"), "11.00"));
    String page = browser.findElement(By.tagName("body")).getText();
    assertTrue(page.contains("00A1B2C3D4"), "card shown");
    assertTrue(page.contains("2027-01-09 13:00:00"), "entry time in the site's zone");
    assertTrue(page.contains("首小时 first hour"), "fee lines shown");
    assertTrue(page.contains("等待缴费 · Awaiting payment"), "the exit's lane state, in words");
    assertTrue(page.contains("落杆 Closed"), "the barrier position, in words");
    assertTrue(page.contains("正常 Normal"), "the lane mode, in words");
    assertTrue(page.contains("出场 Exit · "), "an exit lane drawn as an exit");
    screenshot("booth-waiting");

    controller.received.clear();
    new Actions(browser).sendKeys(Keys.ENTER).perform();
    assertEquals(
        "demo-000001",
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("receipt-exit-1")))
            .getText());
    assertTrue(browser.findElement(By.id("result-exit-1")).getText().contains("Cash received"));
    ConsoleCommand.RecordCashPayment pay =
        (ConsoleCommand.RecordCashPayment) controller.nextCommand();
    assertEquals(1100, pay.amount().minor());
    assertEquals("cashier1", controller.userOf(pay.session()));
    screenshot("booth-paid");

    TestConsole.assertNothingSent(console, controller); // one key press, one payment

    // The controller goes away: the page stays and says so.
    controller.close();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("link-status"), "Controller offline"));
    assertTrue(browser.findElement(By.id("banner")).getText().contains("Controller offline"));
    screenshot("booth-offline");
  }

  /** The keys that send a command, each with its id: every one is off while the link is down. */
  private static void keysAre(boolean enabled) {
    for (String id : new String[] {"find-button", "close-shift"}) {
      var key = browser.findElement(By.id(id));
      assertEquals(enabled, key.isEnabled(), id + (enabled ? " enabled" : " disabled"));
      if (!enabled) {
        assertTrue(key.getAttribute("title").contains("与控制器断开"), id + " says why");
      }
    }
  }

  @Test
  @Order(4)
  void whileTheControllerIsAwayNoKeySendsACommandAndTheKeysComeBackWithIt() throws Exception {
    // Left by the test before: cashier1 signed in, the controller gone.
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("link-status"), "Controller offline"));
    keysAre(false);
    Map<String, String> sessions = controller.liveSessions();
    int port = controller.port();

    controller = new FakeController(port, sessions); // back, cashier1's session still live there
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("link-status"), "Controller online"));
    controller.publish(FakeController.exitPending(9, "00A1B2C3D9", 600));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("due-exit-1"), "6.00"));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("cash-exit-1")));
    keysAre(true);

    controller.close();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("link-status"), "Controller offline"));
    var pay = browser.findElement(By.id("cash-exit-1"));
    assertFalse(pay.isEnabled(), "no pay key while the link is down");
    assertTrue(
        browser.findElement(By.id("link-down-exit-1")).getText().contains("与控制器断开"),
        "the reason is shown by the pay key");
    keysAre(false);
    new Actions(browser).sendKeys(Keys.ENTER).perform();
    assertTrue(
        browser.findElements(By.id("result-exit-1")).isEmpty(),
        "Enter records nothing and shows no 'Recording…'");
    screenshot("booth-link-down");

    controller = new FakeController(port, sessions);
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("link-status"), "Controller online"));
    keysAre(true);
    assertTrue(
        browser.findElements(By.id("link-down-exit-1")).isEmpty(), "no reason once it is back");
  }

  @Test
  @Order(5)
  void aCashierAsksAFreePassAndAppliesAVoucherAndASupervisorApprovesAndLiftsTheBarrier()
      throws Exception {
    // Left by the test before: cashier1 signed in, the controller back.
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    controller.publish(FakeController.exitPending(11, "CARD-11", 1100));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("due-exit-1"), "11.00"));
    assertFalse(
        browser.findElement(By.id("free-pass-section")).isDisplayed(),
        "no decisions for a cashier");

    browser.findElement(By.id("voucher-exit-1")).sendKeys("2345-6789-AB", Keys.ENTER);
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("action-result-exit-1"), "✓ 优惠券已使用 · Voucher applied"));
    assertTrue(
        browser
            .findElement(By.id("action-result-exit-1"))
            .getText()
            .contains("11.00 CNY → 8.00 CNY"));
    assertTrue(
        browser.findElements(By.id("result-exit-1")).isEmpty(),
        "Enter in the voucher takes no cash");

    browser.findElement(By.id("free-reason-exit-1")).sendKeys("ambulance", Keys.ENTER);
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("action-result-exit-1"), "Asked, waiting for a supervisor"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("article[data-lane='exit-1'] .notice"),
            "Waiting for a supervisor: free pass #1"));
    screenshot("booth-free-pass-asked");

    // Another person at the same browser: cashier1's page goes, supervisor1 signs in.
    browser.manage().deleteAllCookies();
    browser.get(base + "/login");
    browser.findElement(By.id("username")).sendKeys("supervisor1");
    browser.findElement(By.id("password")).sendKeys("supervisor1-demo");
    browser.findElement(By.id("login")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pass-1")));
    String pass = browser.findElement(By.id("pass-1")).getText();
    for (String shown :
        new String[] {"#1", "exit-1", "粤B12345", "#11", "11.00", "ambulance", "cashier1"}) {
      assertTrue(pass.contains(shown), pass + " should show " + shown);
    }
    browser.findElement(By.id("pass-refuse-1")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("free-pass-result"), "Enter a note to refuse"));
    browser.findElement(By.id("pass-approve-1")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("free-pass-result"), "✓ 已批准免费放行 · Free pass approved"));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("pass-1")));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("article[data-lane='exit-1'] .notice"), "Free pass approved #1"));

    browser.findElement(By.id("lift-reason-exit-1")).sendKeys("reader fault", Keys.ENTER);
    Alert question = wait.until(ExpectedConditions.alertIsPresent());
    assertTrue(question.getText().contains("Lift the barrier at exit-1"), question.getText());
    question.accept();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("action-result-exit-1"), "✓ 已抬杆 · Barrier lifted"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("event-log"), "Barrier lifted by hand #1"));
    screenshot("booth-barrier-lifted");
  }

  private static void screenshot(String name) throws Exception {
    File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
