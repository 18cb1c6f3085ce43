package org.parkgate.system;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site that speaks Chinese only: its lane displays and the booth page in Chinese, the
 * controller's refusals included, until a cashier switches their own page to English, which then
 * shows no Chinese but the values it names.
 */
class LanguageIT {
  @TempDir static Path dir;
  static SystemFixture system;
  static BoothBrowser booth;

  @BeforeAll
  static void start() throws Exception {
    system = new SystemFixture(dir, "shanghai-indoor-1.yaml");
    system.language("zh");
    system.start();
    booth = system.booth("booth");
  }

  @AfterAll
  static void stop() throws Exception {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void aChineseSiteSpeaksChineseAndACashierMaySwitchTheirPageToEnglish() throws Exception {
    String display =
        system
            .awaitLane(
                "exit-1",
                "the exit's display in Chinese",
                l -> l.path("display").path("rows").toString().contains("请插卡"))
            .path("display")
            .path("rows")
            .toString();
    assertFalse(display.contains("Please"), "no English on the lane display: " + display);

    // The sign-in page speaks the site's language before anyone has chosen one, refusals included.
    String signIn = booth.loginRefused("cashier1", "not-the-password");
    assertTrue(signIn.contains("用户名或密码错误"), signIn);
    assertFalse(signIn.contains("Wrong user name") || signIn.contains("Sign in"), signIn);

    booth.login("cashier1", "cashier1-demo");
    booth.awaitLanguage("zh");
    booth.openShiftIfNone(java.util.Map.of(10000L, 1));
    String card = system.carAtExit();
    booth.awaitDue("exit-1", "5.00");
    // The booth's own words: the top bar and the exit lanes (the event log keeps both languages).
    String chinese = String.join("\n", booth.texts("header.topbar, section.exits"));
    for (String word : new String[] {"出场车道", "现金收讫", "应收 停车费", "控制器在线"}) {
      assertTrue(chinese.contains(word), word + " on the page: " + chinese);
    }
    for (String word : new String[] {"Exit lanes", "Cash received", "Amount due", "online"}) {
      assertFalse(chinese.contains(word), "no '" + word + "' on a Chinese page: " + chinese);
    }
    booth.screenshot("booth-chinese");
    // The controller's refusal, with the plate it names, in the cashier's language only.
    String refusedZh = booth.findVehicle("沪Z99999", false);
    assertTrue(refusedZh.contains("车牌 沪Z99999 没有在场车辆"), refusedZh);
    assertFalse(refusedZh.matches("(?s).*[A-Za-z]{3,}.*"), "no English words: " + refusedZh);

    booth.chooseLanguage("en");
    booth.awaitDue("exit-1", "5.00");
    // The mirror of the lane display shows what the driver reads (Chinese on this site), and the
    // language keys name each language in its own words: neither is the cashier's language.
    java.util.Set<String> notTheCashiers = new java.util.HashSet<>(List.of("中文", "中/EN"));
    for (String mirror : booth.texts("#exit-lanes .display")) {
      assertTrue(mirror.contains("停车费 5.00 CNY"), "the driver's display as it is: " + mirror);
      notTheCashiers.addAll(List.of(mirror.split("\n")));
    }
    String english =
        String.join("\n", booth.texts("header.topbar, section.exits"))
            .lines()
            .filter(l -> !notTheCashiers.contains(l.strip()))
            .collect(java.util.stream.Collectors.joining("\n"));
    for (String word : new String[] {"Exit lanes", "Cash received", "Amount due", card}) {
      assertTrue(english.contains(word), word + " on the page: " + english);
    }
    assertFalse(
        english.codePoints().anyMatch(c -> c >= 0x4e00 && c <= 0x9fff),
        "no Chinese on an English page: " + english);
    booth.screenshot("booth-english");
    String refusedEn = booth.findVehicle("沪Z99999", false);
    assertTrue(refusedEn.contains("no open stay for plate 沪Z99999"), refusedEn);
    assertFalse(
        refusedEn.replace("沪Z99999", "").codePoints().anyMatch(c -> c >= 0x4e00 && c <= 0x9fff),
        "no Chinese but the plate: " + refusedEn);

    booth.chooseLanguage("both");
    booth.awaitDue("exit-1", "5.00");
    String both = booth.text();
    assertTrue(both.contains("出场车道") && both.contains("Exit lanes"), both);
  }
}
