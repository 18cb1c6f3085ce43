package org.parkgate.controller.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.fee.FeeRefusal;
import org.parkgate.fee.TariffLoader;
import org.parkgate.fee.TariffPreview;

/** ./parking tariff check and preview, run as a site manager would before changing the tariff. */
class TariffMainTest {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  static final Path TARIFFS = ROOT.resolve("config/tariffs");
  static final String CITY = TARIFFS.resolve("city-centre.yaml").toString();
  static final String CITY_2028 = TARIFFS.resolve("city-centre-2028.yaml").toString();

  @TempDir Path dir;

  /** 23:30 UTC on Friday 8 January 2027 is already Saturday the 9th in Amsterdam. */
  final Clock clock = Clock.fixed(Instant.parse("2027-01-08T23:30:00Z"), ZoneOffset.UTC);

  ByteArrayOutputStream out = new ByteArrayOutputStream();
  ByteArrayOutputStream err = new ByteArrayOutputStream();

  int tariff(String... args) {
    out = new ByteArrayOutputStream();
    err = new ByteArrayOutputStream();
    return new TariffMain(
            clock,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(List.of(args));
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** The demo site, priced by mall.yaml, with spaces for cars and trucks. */
  Path site() throws Exception {
    if (Files.exists(dir.resolve("site.yaml"))) {
      return dir.resolve("site.yaml");
    }
    Files.copy(TARIFFS.resolve("mall.yaml"), dir.resolve("mall.yaml"));
    String demo = Files.readString(ROOT.resolve("config/sites/demo.yaml"));
    String site =
        demo.replace(
            "tariff: ../tariffs/demo-hourly.yaml",
            "tariff: mall.yaml\n  capacity: {total: 120, classes: {car: 100, truck: 8}}");
    assertFalse(site.equals(demo), "the demo site names its tariff as this test expects");
    Path file = dir.resolve("site.yaml");
    Files.writeString(file, site);
    return file;
  }

  Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void aGoodTariffIsOkWithWhatItHoldsAndItsHash() throws Exception {
    Path mall = TARIFFS.resolve("mall.yaml");
    assertEquals(0, tariff("check", mall.toString(), "--site", site().toString()), err());
    String sha =
        HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(mall)));
    assertEquals(
        "OK mall (Mall car park)\n"
            + "  currency CNY, zone Asia/Shanghai\n"
            + "  version 1, always: classes car, season, truck;"
            + " vouchers CINEMA10, HALF, SHOP2H, STAFF\n"
            + "  fits site demo: currency, zone and the classes it names\n"
            + "  sha256 "
            + sha
            + "\n",
        out());
    assertEquals("", err());

    assertEquals(0, tariff("check", TARIFFS.resolve("versions-london.yaml").toString()));
    assertTrue(
        out()
            .contains(
                "  version 1, until 2027-04-01T00:00 (not included): classes car; vouchers none\n"
                    + "  version 2, from 2027-04-01T00:00: classes car; vouchers none\n"),
        out());
  }

  @Test
  void aMissingFileIsNamedInOneLineNotAJavaException() {
    String missing = dir.resolve("nope.yaml").toString();
    assertEquals(1, tariff("check", missing));
    assertEquals(missing + ": cannot read the file: no such file\n", err());
    assertEquals("", out());
  }

  @Test
  void anAmountThatCouldOverflowIsRefusedWhereItStands() throws Exception {
    Path huge =
        write(
            "huge.yaml",
            "id: huge\ncurrency: CNY\nzone: Asia/Shanghai\n"
                + "rules:\n  hourly: {unit: 1h, price: \"99999999999999999999\"}\n");
    assertEquals(1, tariff("check", huge.toString()));
    assertEquals(
        huge
            + ": rules.hourly.price: amount 99999999999999999999 is too large; at most"
            + " 10000000000.00\n",
        err());
    // Each price within the limit, but a year's stay at it could not be counted.
    Path year =
        write(
            "year.yaml",
            "id: year\ncurrency: CNY\nzone: Asia/Shanghai\n"
                + "rules:\n  hourly: {unit: 1h, price: \"9000000000.00\"}\n");
    assertEquals(1, tariff("check", year.toString()));
    assertEquals(
        year
            + ": rules: a stay of up to 366d (maxStay) could cost more than 1000000000000.00,"
            + " more than the fee engine counts; lower the prices, add a dailyMaximum or"
            + " shorten maxStay\n",
        err());
  }

  @Test
  void aTariffThatDoesNotFitTheSiteGetsALinePerProblem() throws Exception {
    Path site = site();
    // Prices cars and vans: the site keeps spaces for trucks, and the currency and zone differ.
    Path vans =
        write(
            "vans.yaml",
            "id: vans\ncurrency: EUR\nzone: Europe/Amsterdam\n"
                + "classes:\n"
                + "  car: {rules: {hourly: {unit: 1h, price: \"2.00\"}}}\n"
                + "  van: {rules: {hourly: {unit: 1h, price: \"3.00\"}}}\n");
    assertEquals(1, tariff("check", vans.toString(), "--site", site.toString()));
    assertEquals(
        List.of(
            vans + ": currency: EUR, but site demo charges in CNY",
            vans + ": zone: Europe/Amsterdam, but site demo is in Asia/Shanghai",
            vans
                + ": 收费标准没有场地容量所列车型'truck'的收费；已有车型：car, van"
                + " · no fee standard for vehicle class 'truck', which site demo names"
                + " (capacity.classes); the tariff prices: car, van"),
        err().lines().toList());
    assertEquals("", out());

    // Without a car or default class, a vehicle nothing classes would be refused at the exit.
    Path noCar =
        write(
            "no-car.yaml",
            "id: no-car\ncurrency: CNY\nzone: Asia/Shanghai\n"
                + "classes:\n"
                + "  truck: {rules: {hourly: {unit: 1h, price: \"8.00\"}}}\n"
                + "  van: {rules: {hourly: {unit: 1h, price: \"3.00\"}}}\n");
    assertEquals(1, tariff("check", noCar.toString()));
    assertEquals(
        noCar
            + ": classes: 收费标准没有车型'car'的收费，未识别车型的车辆按car收费；已有车型：truck, van"
            + " · no fee standard for vehicle class 'car', the class of a vehicle no camera or"
            + " card classes; the tariff prices: truck, van (add a 'car' or 'default' class)\n",
        err());
  }

  @Test
  void badArgumentsAreExitTwoWithTheUsage() {
    assertEquals(2, tariff("check"));
    assertTrue(err().startsWith("tariff: a tariff file is needed\nusage: tariff check"), err());
    assertEquals(2, tariff("publish", CITY));
    assertTrue(err().startsWith("tariff: --by is needed"), err());
    assertEquals(2, tariff("withdraw", CITY));
    assertTrue(err().startsWith("tariff: unknown command 'withdraw'"), err());
    assertEquals(2, tariff("preview", CITY_2028));
    assertTrue(
        err()
            .startsWith(
                "tariff: preview needs --against FILE, --db DB or --site FILE: the tariff in force"),
        err());
    assertEquals(2, tariff("preview", CITY_2028, "--against", CITY, "--date", "6 Jan"));
    assertTrue(err().startsWith("tariff: --date is a date YYYY-MM-DD, not 6 Jan"), err());
    assertEquals(2, tariff("preview", CITY_2028, "--against", CITY, "--format", "xlsx"));
    assertTrue(err().startsWith("tariff: --format is text or csv, not xlsx"), err());
    assertEquals(2, tariff("check", CITY, "--against", CITY));
    assertTrue(err().startsWith("tariff: --against is not an option of check"), err());
    assertEquals(2, tariff("preview", CITY_2028, "--against", CITY, "--by", "finance1"));
    assertTrue(err().startsWith("tariff: --by is not an option of preview"), err());
    assertEquals(0, tariff("--help"));
    assertTrue(out().startsWith("usage: tariff check FILE"), out());
  }

  /*
   * Expected cells worked out by hand from the two files, entering at 09:00 in Amsterdam.
   * city-centre (in force): by day (07-19) 2.50 per full 15 min in the stay's first hour, then 3.75;
   * by night 1.00 per full 2 h; no maximum; no lostCard key, so a lost card is the stay's fee plus
   * 50.00, and with no entry matched the stay is nothing: 50.00. The same every day of the week.
   * city-centre-2028 (new), car: as above but 4.00 after the first hour on weekdays, 3.00 on
   * Saturday and Sunday; at most 45.00 a calendar day; lost card the day's maximum + 25.00 = 70.00.
   *   2 h weekday:  in force 4 x 2.50 + 4 x 3.75 = 25.00; new 4 x 2.50 + 4 x 4.00 = 26.00; +1.00
   *   2 h Saturday: in force 25.00; new 4 x 2.50 + 4 x 3.00 = 22.00; -3.00
   *   24 h weekday, Wednesday 09:00 to Thursday 09:00: in force 09-19 is 4 x 2.50 + 36 x 3.75 =
   *     145.00, 19-07 six full 2 h = 6.00, 07-09 8 x 3.75 = 30.00: 181.00. New: Wednesday's 10.00 +
   *     36 x 4.00 + the night's 21:00 and 23:00 increments is held to 45.00; Thursday's night
   *     increments at 01, 03, 05, 07 are 4.00 and 07-09 8 x 4.00 = 32.00: 81.00; -100.00
   *   motorcycle: city-centre prices cars only, so it refuses; new 1.00 per full 15 min: 1 h 4.00.
   */
  @Test
  void previewPutsTheNewFeesBesideTheOnesInForce() {
    assertEquals(0, tariff("preview", CITY_2028, "--against", CITY, "--date", "2027-01-06"), err());
    List<String> lines = out().lines().toList();
    assertEquals("city-centre-2028 (new) against city-centre (in force), in EUR", lines.get(0));
    assertEquals(
        "stays entering at 09:00 Europe/Amsterdam on weekday 2027-01-06 (Wednesday) and weekend"
            + " 2027-01-09 (Saturday)",
        lines.get(1));
    assertEquals(
        "lost card: no entry matched, so the tariff's lost-card charge alone", lines.get(2));
    assertEquals(
        List.of("stay", "class", "day", "in", "force", "new", "difference"), words(lines.get(4)));
    assertEquals(
        List.of("2", "h", "car", "weekday", "25.00", "EUR", "26.00", "EUR", "+1.00", "EUR"),
        row(lines, "2 h", "car", "weekday"));
    assertEquals(
        List.of("2", "h", "car", "weekend", "25.00", "EUR", "22.00", "EUR", "-3.00", "EUR"),
        row(lines, "2 h", "car", "weekend"));
    assertEquals(
        List.of("24", "h", "car", "weekday", "181.00", "EUR", "81.00", "EUR", "-100.00", "EUR"),
        row(lines, "24 h", "car", "weekday"));
    assertEquals(
        List.of("lost", "card", "car", "weekday", "50.00", "EUR", "70.00", "EUR", "+20.00", "EUR"),
        row(lines, "lost card", "car", "weekday"));
    assertEquals(
        List.of("1", "h", "motorcycle", "weekday", "refused", "[1]", "4.00", "EUR", "-"),
        row(lines, "1 h", "motorcycle", "weekday"));
    assertEquals(
        "[1] 收费标准没有车型'motorcycle'的收费；已有车型：car"
            + " · no fee standard for vehicle class 'motorcycle'; the tariff prices: car",
        lines.get(lines.size() - 1));
    // Every stay, both days, and a lost card, for each class either tariff prices.
    assertEquals(2 * 2 * (TariffPreview.STAYS.size() + 1), lines.size() - 5 - 2);
  }

  @Test
  void previewAsCsvKeepsTheReasonInItsCellAndPlainAmounts() {
    assertEquals(
        0,
        tariff("preview", CITY_2028, "--against", CITY, "--date", "2027-01-06", "--format", "csv"),
        err());
    List<String> lines = out().lines().toList();
    assertEquals("stay,class,day,entry,in_force,new,difference,currency", lines.get(0));
    assertTrue(lines.contains("2 h,car,weekend,2027-01-09T09:00,25.00,22.00,-3.00,EUR"), out());
    assertTrue(
        lines.contains(
            "1 h,motorcycle,weekday,2027-01-06T09:00,"
                + "收费标准没有车型'motorcycle'的收费；已有车型：car · no fee standard for vehicle class"
                + " 'motorcycle'; the tariff prices: car,4.00,,EUR"),
        out());
  }

  @Test
  void withoutADateTheStaysEnterOnTheNextDaysAtTheSite() throws Exception {
    // The clock says Friday in UTC but Saturday at the site: the next weekday is Monday the 11th.
    assertEquals(0, tariff("preview", CITY_2028, "--against", CITY));
    assertTrue(out().contains("on weekday 2027-01-11 (Monday) and weekend 2027-01-09"), out());

    // With the site file, its tariff is the one in force; a tariff in another currency is refused.
    assertEquals(1, tariff("preview", CITY_2028, "--site", site().toString()));
    assertEquals(
        "tariff: the tariffs charge in different currencies (CNY in force, EUR proposed); a site"
            + " charges in one\n",
        err());
    assertEquals("", out());
    assertEquals(
        0, tariff("preview", TARIFFS.resolve("mall.yaml").toString(), "--site", site().toString()));
    assertTrue(out().startsWith("mall (new) against mall (in force), in CNY\n"), out());
  }

  @Test
  void theTableIsThereForCodeThatHoldsItsTariffsElsewhere() throws Exception {
    TariffPreview.Table t =
        TariffPreview.table(
            TariffLoader.load(TARIFFS.resolve("day-night.yaml")),
            TariffLoader.load(TARIFFS.resolve("china-typical.yaml")),
            LocalDate.of(2027, 1, 1));
    // Friday 2027-01-01 is a holiday under day-night, so the weekday is Monday the 4th.
    assertEquals(LocalDate.of(2027, 1, 4), t.weekday());
    assertEquals(LocalDate.of(2027, 1, 2), t.weekend());
    assertEquals(List.of("car"), t.vehicleClasses());
    TariffPreview.Row sevenDays =
        t.rows().stream()
            .filter(r -> r.stay().equals("7 days") && r.day() == TariffPreview.DayKind.WEEKDAY)
            .findFirst()
            .orElseThrow();
    assertInstanceOf(TariffPreview.Fee.class, sevenDays.inForce());
  }

  @Test
  void aStayLongerThanTheTariffAllowsIsARefusalCellNotACrash() throws Exception {
    Path short_ =
        write(
            "short.yaml",
            "id: short\ncurrency: EUR\nzone: Europe/Amsterdam\nmaxStay: 3d\n"
                + "rules:\n  hourly: {unit: 1h, price: \"2.00\"}\n");
    TariffPreview.Table t =
        TariffPreview.table(
            TariffLoader.load(Path.of(CITY)), TariffLoader.load(short_), LocalDate.of(2027, 1, 6));
    TariffPreview.Row week =
        t.rows().stream().filter(r -> r.stay().equals("7 days")).findFirst().orElseThrow();
    TariffPreview.Refused refused = assertInstanceOf(TariffPreview.Refused.class, week.proposed());
    assertEquals(FeeRefusal.Reason.STAY_TOO_LONG, refused.why());
    assertTrue(
        refused
            .reason()
            .endsWith("longer than the tariff's maximum 3d (maxStay); settle it by hand"),
        refused.reason());
    assertTrue(week.difference().isEmpty());
  }

  private static List<String> words(String line) {
    return List.of(line.trim().split(" +"));
  }

  private static List<String> row(List<String> lines, String stay, String cls, String day) {
    List<List<String>> found =
        lines.stream()
            .filter(l -> l.startsWith(stay + " "))
            .map(TariffMainTest::words)
            .filter(w -> w.contains(cls) && w.contains(day))
            .toList();
    assertEquals(
        1, found.size(), stay + " " + cls + " " + day + " in\n" + String.join("\n", lines));
    return found.get(0);
  }
}
