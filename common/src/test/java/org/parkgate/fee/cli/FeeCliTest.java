package org.parkgate.fee.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FeeCliTest {

  private static final String INDOOR = "../config/tariffs/shanghai-indoor-1.yaml";
  private static final String TYPICAL = "../config/tariffs/china-typical.yaml";
  private static final String MALL = "../config/tariffs/mall.yaml";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return FeeCli.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private JsonNode json() throws Exception {
    return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
  }

  private String error() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsTotalCurrencyAndLinesAsOneJsonObject() throws Exception {
    assertEquals(
        0, run("--tariff", INDOOR, "--entry", "2027-01-09T10:00", "--exit", "2027-01-09T12:01"));
    JsonNode q = json();
    assertEquals("11.00", q.get("total").asText());
    assertEquals("CNY", q.get("currency").asText());
    assertEquals(2, q.get("lines").size());
    assertEquals("6.00", q.get("lines").get(1).get("amount").asText());
    assertEquals(1, out.toString(StandardCharsets.UTF_8).strip().lines().count());
  }

  @Test
  void lostCardAndVouchers() throws Exception {
    assertEquals(
        0,
        run(
            "--tariff",
            TYPICAL,
            "--entry",
            "2027-01-09T10:00",
            "--exit",
            "2027-01-09T11:00",
            "--lost"));
    assertEquals("80.00", json().get("total").asText());
    out.reset();
    assertEquals(
        0,
        run(
            "--tariff",
            MALL,
            "--entry",
            "2027-01-09T10:00",
            "--exit",
            "2027-01-09T15:00",
            "--voucher",
            "SHOP2H",
            "--voucher",
            "HALF",
            "--class",
            "car"));
    assertEquals("6.00", json().get("total").asText());
  }

  @Test
  void localTimesAreReadInTheGivenZone() throws Exception {
    // 10:00 to 12:01 in London is 18:00 to 20:01 in Shanghai: the same 2 h 01 min.
    assertEquals(
        0,
        run(
            "--tariff",
            INDOOR,
            "--entry",
            "2027-01-09T10:00",
            "--exit",
            "2027-01-09T12:01",
            "--zone",
            "Europe/London"));
    assertEquals("11.00", json().get("total").asText());
    out.reset();
    assertEquals(
        0,
        run(
            "--tariff",
            INDOOR,
            "--entry",
            "2027-01-09T10:00+08:00",
            "--exit",
            "2027-01-09T03:01Z"));
    assertEquals("7.00", json().get("total").asText());
  }

  @Test
  void badArgumentsExitNonZeroWithOneLine() {
    assertBad(2, "--exit", "--tariff", INDOOR, "--entry", "2027-01-09T10:00");
    assertBad(
        2,
        "not a date-time",
        "--tariff",
        INDOOR,
        "--entry",
        "yesterday",
        "--exit",
        "2027-01-09T12:01");
    assertBad(
        2,
        "before",
        "--tariff",
        INDOOR,
        "--entry",
        "2027-01-09T10:00",
        "--exit",
        "2027-01-09T09:00");
    assertBad(2, "unknown argument '--lots'", "--lots");
    assertBad(2, "--voucher needs a value", "--tariff", INDOOR, "--voucher");
    assertBad(
        2,
        "unknown voucher 'NOPE'",
        "--tariff",
        MALL,
        "--entry",
        "2027-01-09T10:00",
        "--exit",
        "2027-01-09T12:01",
        "--voucher",
        "NOPE");
    assertBad(
        2,
        "vehicle class 'bus'",
        "--tariff",
        MALL,
        "--entry",
        "2027-01-09T10:00",
        "--exit",
        "2027-01-09T12:01",
        "--class",
        "bus");
    assertBad(
        2,
        "not a time zone",
        "--tariff",
        INDOOR,
        "--entry",
        "2027-01-09T10:00",
        "--exit",
        "2027-01-09T12:01",
        "--zone",
        "Mars/Olympus");
    assertBad(
        2,
        "2027-11-07T01:30 happens twice in America/New_York",
        "--tariff",
        INDOOR,
        "--zone",
        "America/New_York",
        "--entry",
        "2027-11-07T01:30",
        "--exit",
        "2027-11-07T03:00");
    assertBad(
        2,
        "does not exist in America/New_York",
        "--tariff",
        INDOOR,
        "--zone",
        "America/New_York",
        "--entry",
        "2027-03-14T01:00",
        "--exit",
        "2027-03-14T02:30");
    assertBad(
        3,
        "missing.yaml: cannot read the file: no such file",
        "--tariff",
        "missing.yaml",
        "--entry",
        "2027-01-09T10:00",
        "--exit",
        "2027-01-09T12:01");
  }

  private void assertBad(int status, String reason, String... args) {
    out.reset();
    err.reset();
    assertEquals(status, run(args), error());
    String message = error();
    assertTrue(message.contains(reason), message);
    assertEquals(1, message.strip().lines().count(), message);
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    assertTrue(!message.contains("Exception"), message);
  }

  @Test
  void aLocalTimeInTheRepeatedHourIsTakenWithItsOffset() throws Exception {
    // 01:30 EDT to 01:30 EST is one hour parked: 5.00 for the first hour at shanghai-indoor-1.
    assertEquals(
        0,
        run(
            "--tariff",
            INDOOR,
            "--zone",
            "America/New_York",
            "--entry",
            "2027-11-07T01:30-04:00",
            "--exit",
            "2027-11-07T01:30-05:00"));
    assertEquals("5.00", json().get("total").asText());
  }

  @Test
  void printsCompactJsonWithChineseAsIsTheWayAnObjectMapperWrites() throws Exception {
    // Scripts and the docs compare this text: one line, no spaces, UTF-8 rather than escaped.
    assertEquals(
        0,
        run(
            "--tariff",
            TYPICAL,
            "--entry",
            "2027-01-09T10:00",
            "--exit",
            "2027-01-11T11:00",
            "--lost"));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("遗失卡"), printed);
    assertEquals(new ObjectMapper().writeValueAsString(json()) + System.lineSeparator(), printed);
  }
}
