package org.parkgate.fee;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A bad tariff file says which file, where in it and what is wrong. */
class TariffLoaderTest {

  private static final String GOOD =
      """
      id: t
      currency: CNY
      zone: Asia/Shanghai
      grace: 15m
      rules:
        day:
          bands:
            - {upTo: 20m, price: "0"}
            - {upTo: 1h, price: "1.10"}
            - {upTo: 2h, price: "2.20"}
          unit: 1h
          price: "1.10"
        night: {unit: 1h, price: "1.00"}
      days:
        default:
          - {from: "07:00", rule: day}
          - {from: "19:00", rule: night}
      dailyMaximum: "20.00"
      """;

  private static TariffException problem(String yaml) {
    return assertThrows(
        TariffException.class, () -> TariffLoader.parse(Path.of("site.yaml"), yaml));
  }

  @Test
  void aGoodFileLoads() throws Exception {
    Tariff t = TariffLoader.parse(Path.of("site.yaml"), GOOD);
    assertEquals("t", t.id());
    assertEquals("Asia/Shanghai", t.zone().getId());
    assertEquals("CNY", t.currency().getCurrencyCode());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "upTo: 2h, price: \"2.20\"|upTo: 1h, price: \"2.20\"|rules.day.bands[2].upTo|must be longer",
        "upTo: 2h, price: \"2.20\"|upTo: 2h, price: \"1.00\"|rules.day.bands[2].price|never cost less",
        "grace: 15m|graec: 15m|graec|unknown key",
        "grace: 15m|grace: 15 minutes|grace|not a duration",
        "currency: CNY|currency: RMB|currency|ISO 4217",
        "zone: Asia/Shanghai|zone: Asia/Beijing|zone|not a time zone",
        "rule: night}|rule: nihgt}|days.default[1].rule|no rule named 'nihgt'",
        "price: \"1.00\"}|price: \"-1.00\"}|rules.night.price|negative",
        "price: \"1.00\"}|price: \"1.005\"}|rules.night.price|more than 2 decimals",
        "from: \"19:00\"|from: \"25:00\"|days.default[1].from|not a time of day",
        "from: \"19:00\"|from: \"06:00\"|days.default[1].from|in order",
        "dailyMaximum: \"20.00\"|dailyMaximum: \"20.00\"\\ndayRate: {after: 5h, price: \"25\"}|dayRate.price|more than the daily maximum",
        "id: t|name: t|id|missing",
        "unit: 1h\\n    price: \"1.10\"|rounding: up|rules.day.rounding|needs unit and price",
        "price: \"1.00\"}|price: \"99999999999999999999999\"}|rules.night.price|too large",
        "price: \"1.00\"}|price: \"10000000001\"}|rules.night.price|too large",
        "grace: 15m|grace: 99999999999999999999d|grace|too long",
        "grace: 15m|maxStay: 20y|maxStay|not a duration",
        "grace: 15m|maxStay: 3661d|maxStay|at most 3660d",
        "grace: 15m|vehicleClass: car\\nclasses: {car: {rules: {a: {free: true}}}}|vehicleClass|name each class there",
        "dailyMaximum: \"20.00\"|graceExceeded: forgiven|graceExceeded|'forgiven' is not one of [counted, deducted]",
        "dailyMaximum: \"20.00\"|firstPer: week|firstPer|is not one of [stay, day]",
        "unit: 1h\\n    price: \"1.10\"|repeat: 24h\\n    unit: 1h\\n    price: \"1.10\"|rules.day.repeat|cannot also have unit",
        "unit: 1h\\n    price: \"1.10\"|repeat: 90m|rules.day.repeat|at least as long as the band table (2h)",
      })
  void aBadFileNamesThePlaceAndTheProblem(String good, String bad, String where, String what) {
    String yaml = GOOD.replace(good.replace("\\n", "\n"), bad.replace("\\n", "\n"));
    assertTrue(!yaml.equals(GOOD), "the test's replacement must change the file");
    TariffException e = problem(yaml);
    assertEquals(where, e.where(), e.getMessage());
    assertTrue(e.getMessage().startsWith("site.yaml: " + where + ": "), e.getMessage());
    assertTrue(e.problem().contains(what), e.getMessage());
  }

  @Test
  void brokenYamlSaysWhichLine() {
    TariffException e = problem("id: t\ncurrency: CNY\nrules: [a, b\n");
    assertTrue(e.where().startsWith("line "), e.getMessage());
    assertEquals(
        "not valid YAML: while parsing a flow sequence: expected ',' or ']', but got <stream end>",
        e.problem(),
        "one line: the position is in where(), not in quoted source and carets");
  }

  @Test
  void overlappingVersionsAreRejected() {
    TariffException e =
        problem(
            """
        id: t
        currency: CNY
        zone: Asia/Shanghai
        versions:
          - validUntil: 2027-04-01
            rules: {a: {unit: 1h, price: 1}}
          - validFrom: 2027-03-01
            rules: {a: {unit: 1h, price: 2}}
        """);
    assertEquals("versions", e.where());
    assertTrue(e.problem().contains("overlap"), e.getMessage());
  }

  @Test
  void aVersionMayNotStartOrEndInAnHourTheClocksSkipOrRepeat() {
    String versions =
        """
        id: t
        currency: GBP
        zone: Europe/London
        versions:
          - validUntil: %s
            rules: {a: {unit: 1h, price: 1}}
          - validFrom: %s
            rules: {a: {unit: 1h, price: 2}}
        """;
    TariffException twice = problem(versions.formatted("2027-10-31T01:30", "2027-10-31T01:30"));
    assertEquals("versions[0].validUntil", twice.where(), twice.getMessage());
    assertTrue(twice.problem().contains("happens twice in Europe/London"), twice.getMessage());
    TariffException never = problem(versions.formatted("2027-03-28T01:30", "2027-03-28T01:30"));
    assertTrue(never.problem().contains("never happens"), never.getMessage());
  }

  @Test
  void anEntryNoVersionCoversIsRefusedNotGuessed() throws Exception {
    Tariff t =
        TariffLoader.parse(
            Path.of("v.yaml"),
            """
        id: t
        currency: CNY
        zone: Asia/Shanghai
        versions:
          - validFrom: 2027-04-01
            rules: {a: {unit: 1h, price: 1}}
        """);
    Instant march = Instant.parse("2027-03-01T00:00:00Z");
    assertThrows(
        IllegalArgumentException.class,
        () -> FeeEngine.quote(t, StayRequest.of("car", march, march.plusSeconds(3600))));
  }

  @Test
  void jsonFilesWorkToo(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("hourly.json");
    Files.writeString(
        file,
        """
        {"id": "j", "currency": "CNY", "zone": "Asia/Shanghai",
         "rules": {"hourly": {"unit": "1h", "price": "3.00"}}}
        """);
    Tariff t = TariffLoader.load(file);
    Instant in = Instant.parse("2027-01-09T02:00:00Z");
    assertEquals(
        "6.00",
        FeeEngine.quote(t, StayRequest.of("car", in, in.plusSeconds(3601)))
            .total()
            .toDecimalString());
  }

  @Test
  void aFailedReloadKeepsThePreviousTariffInForce(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("site.yaml");
    Files.writeString(file, GOOD);
    TariffHolder holder = TariffHolder.load(file);
    Tariff before = holder.current();
    Files.writeString(file, GOOD.replace("grace: 15m", "grace: soon"));
    TariffException e = assertThrows(TariffException.class, holder::reload);
    assertEquals(file, e.file());
    assertSame(before, holder.current());
    Files.writeString(file, GOOD.replace("grace: 15m", "grace: 20m"));
    holder.reload();
    assertTrue(holder.current() != before);
  }

  @Test
  void aMissingFileIsReportedByNameAndReasonWithoutJavasWords(@TempDir Path dir) {
    TariffException e =
        assertThrows(
            TariffException.class, () -> TariffLoader.load(Path.of("does-not-exist.yaml")));
    assertEquals("does-not-exist.yaml: cannot read the file: no such file", e.getMessage());
    TariffException folder = assertThrows(TariffException.class, () -> TariffLoader.load(dir));
    assertEquals(dir + ": cannot read the file: it is a directory", folder.getMessage());
  }

  @Test
  void aTariffWhoseFeesCouldOverflowIsRefusedAtLoad() {
    // Each amount is allowed on its own; 10,000,000.00 per started second for a year is not.
    TariffException e =
        problem(
            """
        id: t
        currency: CNY
        zone: Asia/Shanghai
        rules:
          greedy: {unit: 1s, price: "10000000.00"}
        """);
    assertEquals("rules", e.where(), e.getMessage());
    assertTrue(e.problem().contains("could cost more than"), e.getMessage());
    // The same price held to a daily maximum is fine.
    assertDoesNotThrow(
        () ->
            TariffLoader.parse(
                Path.of("t.yaml"),
                """
        id: t
        currency: CNY
        zone: Asia/Shanghai
        rules:
          greedy: {unit: 1s, price: "10000000.00"}
        dailyMaximum: "1000000.00"
        maxStay: 3660d
        """));
  }
}
