package org.parkgate.bench.booth;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The booth page in headless Chromium, watched from inside: a mutation observer notes the moment
 * each vehicle's fee (its card beside an amount due) first appears on a lane, and the next
 * animation frame after it; a key listener notes the moment Enter goes down. Times are the page's
 * {@code performance.timeOrigin + performance.now()}, milliseconds since the epoch on the same
 * clock the bench and the simulator read.
 */
final class BoothPage implements AutoCloseable {
  private static final String WATCH =
      """
      if (window.__bench) return;
      const bench = window.__bench = {fees: [], keys: []};
      const shown = {};
      const now = () => performance.timeOrigin + performance.now();
      // Looks only at the lane cards a mutation touched, so that watching costs the page little.
      const check = (article, t) => {
        const due = article.querySelector('[id^="due-"]');
        const card = article.querySelector('dd.card');
        if (!due || !card) return;
        const lane = due.id.slice(4);
        const key = card.textContent + ' ' + due.textContent;
        if (shown[lane] === key) return;
        shown[lane] = key;
        const seen = {lane: lane, card: card.textContent, due: due.textContent, t: t, painted: 0};
        bench.fees.push(seen);
        requestAnimationFrame(() => { seen.painted = now(); });
      };
      new MutationObserver(records => {
        const t = now();
        const touched = new Set();
        for (const r of records) {
          const at = r.target.nodeType === 1 ? r.target : r.target.parentElement;
          const inside = at && at.closest('article[data-lane]');
          if (inside) touched.add(inside);
          for (const n of r.addedNodes) {
            if (n.nodeType !== 1) continue;
            if (n.matches('article[data-lane]')) touched.add(n);
            else n.querySelectorAll('article[data-lane]').forEach(a => touched.add(a));
          }
        }
        touched.forEach(a => check(a, t));
      }).observe(document.body, {subtree: true, childList: true, characterData: true});
      window.addEventListener('keydown', e => {
        if (e.key === 'Enter') bench.keys.push(now());
      }, true);
      """;

  private final ChromeDriver browser;
  private final WebDriverWait wait;
  private final String base;

  BoothPage(int httpPort, Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(new File("/usr/bin/chromium"));
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--no-first-run",
        "--user-data-dir=" + profile.toAbsolutePath(),
        "--window-size=1440,1000");
    browser =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .build(),
            options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    base = "http://127.0.0.1:" + httpPort;
  }

  /** Signs the cashier in, opens a shift with a float of two 100-yuan notes, starts watching. */
  void signInAndOpenShift(String user, String password) {
    browser.get(base + "/");
    wait.until(ExpectedConditions.urlToBe(base + "/login"));
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.id("login")).click();
    wait.until(ExpectedConditions.urlToBe(base + "/"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("link-status"), "Controller online"));
    wait.until(d -> displayed("drawer-closed") || displayed("drawer-open"));
    if (displayed("drawer-closed")) {
      browser.findElement(By.id("float-10000")).sendKeys("2");
      browser.findElement(By.id("open-shift")).click();
      wait.until(d -> displayed("drawer-open"));
      browser.executeScript("document.activeElement.blur()");
    }
    browser.executeScript(WATCH);
    browser.executeCdpCommand("Performance.enable", Map.of());
  }

  private boolean displayed(String id) {
    return browser.findElement(By.id(id)).isDisplayed();
  }

  /** The fees that appeared since the last call: lane, card, due, t, painted (0: not yet). */
  @SuppressWarnings("unchecked")
  List<Map<String, Object>> fees() {
    return (List<Map<String, Object>>)
        browser.executeScript(
            """
            const b = window.__bench;
            const ready = b.fees.filter(f => f.painted > 0);
            b.fees = b.fees.filter(f => f.painted === 0);
            return ready;
            """);
  }

  /**
   * Picks the lane by its card, as a cashier clicks it, and presses Enter ("cash received"); the
   * moment the key went down, in the page.
   */
  double payAt(String lane) {
    // Found and clicked in one step: the page redraws its lanes whenever the controller speaks.
    browser.executeScript(
        "document.querySelector(\"article[data-lane='\" + arguments[0] + \"'] .lane-head\").click()",
        lane);
    new Actions(browser).sendKeys(Keys.ENTER).perform();
    Object t = browser.executeScript("return window.__bench.keys.pop() || 0;");
    return ((Number) t).doubleValue();
  }

  /**
   * The page's own work so far, in seconds of the renderer's main thread: script, style and layout
   * (Chrome's Performance metrics). Unlike the latencies, this hardly moves with what else runs on
   * the machine, so two versions of the page can be compared on a busy one.
   */
  @SuppressWarnings("unchecked")
  Map<String, Double> work() {
    Map<String, Object> answer = browser.executeCdpCommand("Performance.getMetrics", Map.of());
    Map<String, Double> work = new java.util.LinkedHashMap<>();
    for (Map<String, Object> m : (List<Map<String, Object>>) answer.get("metrics")) {
      String name = (String) m.get("name");
      if (List.of("ScriptDuration", "RecalcStyleDuration", "LayoutDuration").contains(name)) {
        work.put(name, ((Number) m.get("value")).doubleValue());
      }
    }
    return work;
  }

  /** Starts sampling the page's JavaScript, every {@code micros} microseconds. */
  void startProfile(int micros) {
    browser.executeCdpCommand("Profiler.enable", Map.of());
    browser.executeCdpCommand("Profiler.setSamplingInterval", Map.of("interval", micros));
    browser.executeCdpCommand("Profiler.start", Map.of());
  }

  /**
   * Stops sampling and returns the functions the page's main thread was found in most, with the
   * milliseconds of samples each took itself (not counting what it called), biggest first.
   */
  @SuppressWarnings("unchecked")
  List<Map.Entry<String, Double>> stopProfile() {
    Map<String, Object> answer = browser.executeCdpCommand("Profiler.stop", Map.of());
    Map<String, Object> profile = (Map<String, Object>) answer.get("profile");
    List<Map<String, Object>> nodes = (List<Map<String, Object>>) profile.get("nodes");
    List<Number> samples = (List<Number>) profile.get("samples");
    List<Number> deltas = (List<Number>) profile.get("timeDeltas");
    Map<Long, String> names = new java.util.HashMap<>();
    for (Map<String, Object> n : nodes) {
      Map<String, Object> f = (Map<String, Object>) n.get("callFrame");
      String url = String.valueOf(f.get("url"));
      String name = String.valueOf(f.get("functionName"));
      names.put(
          ((Number) n.get("id")).longValue(),
          (name.isEmpty() ? "(anonymous)" : name)
              + (url.isEmpty() ? "" : " " + url.substring(url.lastIndexOf('/') + 1))
              + (url.isEmpty() ? "" : ":" + (((Number) f.get("lineNumber")).intValue() + 1)));
    }
    Map<String, Double> self = new java.util.HashMap<>();
    for (int i = 0; i < samples.size(); i++) {
      // A sample's time is the gap to the next one.
      double ms = i + 1 < deltas.size() ? deltas.get(i + 1).doubleValue() / 1000 : 0;
      self.merge(names.get(samples.get(i).longValue()), ms, Double::sum);
    }
    List<Map.Entry<String, Double>> top = new java.util.ArrayList<>(self.entrySet());
    top.sort(Map.Entry.<String, Double>comparingByValue().reversed());
    return top;
  }

  @Override
  public void close() {
    browser.quit();
  }
}
