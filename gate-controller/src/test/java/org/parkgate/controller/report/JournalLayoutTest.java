package org.parkgate.controller.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parkgate.report.ReportKind;

class JournalLayoutTest {
  @TempDir Path dir;

  @Test
  void theShippedYonyouLayoutReadsOverTheDefaults() {
    JournalLayout l = JournalLayout.read(Path.of("../config/accounting-yonyou.yaml"));
    assertEquals("收", l.voucherWord());
    assertEquals(101, l.firstVoucherNo());
    assertEquals("600101", l.revenue().code());
    assertEquals("101203", l.tenders().get("mobile").code());
    assertEquals("1001", l.tenders().get("cash").code(), "a tender not named keeps its default");
    assertEquals(JournalLayout.Field.VOUCHER_WORD, l.columns().get(1).field());
    assertEquals("凭证类别", l.columns().get(1).header());
    assertEquals(7, l.columns().size());
  }

  @Test
  void aWrongLayoutIsNamed() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "columns:\n  - {field: amount, header: 金额}\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> JournalLayout.read(bad));
    assertTrue(e.getMessage().contains("unknown column field 'amount'"), e.getMessage());
    Files.writeString(bad, "voucherWorld: 记\n");
    e = assertThrows(IllegalArgumentException.class, () -> JournalLayout.read(bad));
    assertTrue(e.getMessage().contains("voucherWorld"), e.getMessage());
  }

  @Test
  void docsDescribeEveryKind() throws Exception {
    String docs = Files.readString(Path.of("../docs/reports.md"));
    for (ReportKind k : ReportKind.values()) {
      assertTrue(docs.contains("`" + k.code() + "` — " + k.zh()), k.code());
    }
    for (String key :
        List.of("voucherWord", "firstVoucherNo", "summary", "revenue", "tenders", "columns")) {
      assertTrue(docs.contains("`" + key + "`"), key);
    }
  }
}
