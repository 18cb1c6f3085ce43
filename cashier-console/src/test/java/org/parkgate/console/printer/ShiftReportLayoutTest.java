package org.parkgate.console.printer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parkgate.api.ShiftFigures;
import org.parkgate.api.ShiftSheet;
import org.parkgate.api.Tender;
import org.parkgate.device.escpos.EscPosCommand;
import org.parkgate.device.escpos.EscPosParser;
import org.parkgate.device.escpos.Printed;
import org.parkgate.device.escpos.PrintedReader;
import org.parkgate.money.Money;
import org.parkgate.site.IncidentKind;
import org.parkgate.wire.Parse;

/** The shift report as a printer reads it back: what a cashier and finance see on the roll. */
class ShiftReportLayoutTest {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final Instant CLOSED = Instant.parse("2027-01-09T10:00:00Z");

  private static ShiftSheet sheet(String handedTo, String note) {
    return new ShiftSheet(
        7,
        "cashier1",
        CLOSED.minusSeconds(8 * 3600),
        CLOSED,
        3,
        1,
        "demo-000010",
        "demo-000012",
        List.of(
            new ShiftFigures.TenderTotal(Tender.CASH, 2, Money.of(2000, "CNY")),
            new ShiftFigures.TenderTotal(Tender.CARD, 1, Money.of(900, "CNY"))),
        Money.of(10000, "CNY"),
        Money.of(5000, "CNY"),
        Money.of(7000, "CNY"),
        Money.of(6950, "CNY"),
        Money.of(-50, "CNY"),
        3L,
        2L,
        3L,
        3L,
        List.of(
            new ShiftSheet.ResolvedIncident(
                4,
                IncidentKind.TAILGATING,
                "exit-1",
                CLOSED.minusSeconds(3600),
                "a second vehicle",
                note,
                note == null ? null : "cashier1",
                note == null ? null : CLOSED.minusSeconds(60))),
        handedTo,
        41,
        "ab".repeat(32));
  }

  /** The lines and cuts the bytes print. */
  static List<Printed> printed(byte[] bytes) {
    ByteBuf in = Unpooled.wrappedBuffer(bytes);
    EscPosParser parser = new EscPosParser();
    PrintedReader reader = new PrintedReader();
    List<Printed> out = new ArrayList<>();
    while (in.isReadable()) {
      Parse<EscPosCommand> p = parser.parse(in);
      if (p instanceof Parse.Frame<EscPosCommand> f) {
        in.skipBytes(f.length());
        out.addAll(reader.accept(f.frame()));
      } else {
        throw new AssertionError("not ESC/POS: " + p);
      }
    }
    return out;
  }

  static List<String> lines(byte[] bytes) {
    return printed(bytes).stream()
        .filter(p -> p instanceof Printed.Line)
        .map(p -> ((Printed.Line) p).text())
        .toList();
  }

  @Test
  void aHandoverReportShowsCashCardsReceiptsAndIncidentsInBothLanguages() {
    byte[] bytes =
        ShiftReportLayout.render(
            "Demo Car Park", sheet("cashier2", "second car paid at the booth"), SHANGHAI, 0);
    List<String> lines = lines(bytes);
    assertEquals("交接班报表", lines.get(0));
    assertTrue(lines.contains("班次 Shift: #7"), lines.toString());
    assertTrue(lines.contains("交班 Closed: 2027-01-09 18:00:00"), "site zone: " + lines);
    assertTrue(lines.contains("接班 Handed to: cashier2"), lines.toString());
    assertTrue(lines.contains("现金 Cash: 2 x  20.00 CNY"), lines.toString());
    assertTrue(lines.contains("备用金 Float: 100.00 CNY"), lines.toString());
    assertTrue(lines.contains("缴款 Cash dropped: 50.00 CNY"), lines.toString());
    assertTrue(lines.contains("应有现金 Cash expected: 70.00 CNY"), lines.toString());
    assertTrue(lines.contains("清点现金 Cash counted: 69.50 CNY"), lines.toString());
    assertTrue(lines.contains("差额 Variance: 短款 Short -0.50 CNY"), lines.toString());
    assertTrue(lines.contains("IC卡 Cards: 应收回 expected 3 / 清点 counted 2  (-1)"), lines.toString());
    assertTrue(lines.contains("收据 Receipts: 应有 expected 3 / 清点 counted 3"), lines.toString());
    assertTrue(lines.contains("#4 TAILGATING exit-1 2027-01-09 17:00:00"), lines.toString());
    assertTrue(
        lines.contains("  处理 Resolved: second car paid at the booth (cashier1)"), lines.toString());
    assertTrue(lines.contains("接班签字 Incoming: ____________"), lines.toString());
    assertFalse(lines.stream().anyMatch(l -> l.contains("COPY")), "an original: " + lines);
    List<Printed> all = printed(bytes);
    assertTrue(all.get(all.size() - 1) instanceof Printed.Cut, "ends with a cut");
    assertFalse(
        all.stream().anyMatch(p -> p instanceof Printed.DrawerPulse), "a report opens no drawer");
  }

  @Test
  void aCopySaysSoAndAPlainCloseHasNoIncomingSignature() {
    List<String> lines =
        lines(ShiftReportLayout.render("Demo Car Park", sheet(null, null), SHANGHAI, 2));
    assertTrue(lines.contains("副本 COPY 2"), lines.toString());
    assertFalse(lines.stream().anyMatch(l -> l.startsWith("接班")), lines.toString());
    assertTrue(lines.contains("  未处理 unresolved"), lines.toString());
  }
}
