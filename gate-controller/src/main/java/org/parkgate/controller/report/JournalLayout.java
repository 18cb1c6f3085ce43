package org.parkgate.controller.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.parkgate.api.Tender;

/**
 * How the accounting journal export lays out its columns and which accounts it books to, read from
 * a YAML file ({@code --layout FILE}; docs/reports.md documents every key) over these defaults,
 * which fit a Kingdee / Yonyou style voucher import: one voucher (记) per business day, a debit line
 * per tender and a credit line to parking revenue.
 */
public record JournalLayout(
    String voucherWord,
    int firstVoucherNo,
    String summary,
    Account revenue,
    Map<String, Account> tenders,
    List<JournalColumn> columns) {

  /** A ledger account: its code (科目代码) and name (科目名称). */
  public record Account(String code, String name) {}

  /** One column of the export: which field, and the header the import expects. */
  public record JournalColumn(Field field, String header) {}

  /** What a journal column can hold. */
  public enum Field {
    DATE,
    VOUCHER_WORD,
    VOUCHER_NO,
    ENTRY_NO,
    SUMMARY,
    ACCOUNT_CODE,
    ACCOUNT_NAME,
    DEBIT,
    CREDIT,
    CURRENCY
  }

  public JournalLayout {
    tenders = Map.copyOf(tenders);
    columns = List.copyOf(columns);
    for (Tender t : Tender.values()) {
      if (!tenders.containsKey(t.code())) {
        throw new IllegalArgumentException(
            "the journal layout has no account for tender " + t.code());
      }
    }
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("the journal layout has no columns");
    }
  }

  /** The defaults: Kingdee / Yonyou voucher import columns and the usual account codes. */
  public static JournalLayout defaults() {
    Map<String, Account> tenders = new LinkedHashMap<>();
    tenders.put("cash", new Account("1001", "库存现金"));
    tenders.put("card", new Account("1002", "银行存款"));
    tenders.put("mobile", new Account("1012", "其他货币资金-第三方支付"));
    return new JournalLayout(
        "记",
        1,
        "{date} 停车费收入 {tender}",
        new Account("6001", "主营业务收入-停车费"),
        tenders,
        List.of(
            new JournalColumn(Field.DATE, "日期"),
            new JournalColumn(Field.VOUCHER_WORD, "凭证字"),
            new JournalColumn(Field.VOUCHER_NO, "凭证号"),
            new JournalColumn(Field.ENTRY_NO, "分录号"),
            new JournalColumn(Field.SUMMARY, "摘要"),
            new JournalColumn(Field.ACCOUNT_CODE, "科目代码"),
            new JournalColumn(Field.ACCOUNT_NAME, "科目名称"),
            new JournalColumn(Field.DEBIT, "借方金额"),
            new JournalColumn(Field.CREDIT, "贷方金额")));
  }

  /** The YAML file's shape: every key optional, defaults where absent. */
  private record FileShape(
      String voucherWord,
      Integer firstVoucherNo,
      String summary,
      Account revenue,
      Map<String, Account> tenders,
      List<Map<String, String>> columns) {}

  /** The layout in {@code file}, or the defaults when it is null (none configured). */
  public static JournalLayout at(Path file) {
    return file == null ? defaults() : read(file);
  }

  /**
   * Reads a layout file over the defaults.
   *
   * @throws IllegalArgumentException naming what is wrong in the file
   */
  public static JournalLayout read(Path file) {
    ObjectMapper yaml =
        new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    FileShape f;
    try {
      f = yaml.readValue(file.toFile(), FileShape.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "journal layout " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
    }
    JournalLayout d = defaults();
    if (f == null) {
      return d;
    }
    Map<String, Account> tenders = new LinkedHashMap<>(d.tenders());
    if (f.tenders() != null) {
      f.tenders()
          .forEach(
              (k, v) -> {
                Tender t =
                    Tender.of(k)
                        .orElseThrow(
                            () ->
                                new IllegalArgumentException(
                                    "journal layout " + file + ": no tender '" + k + "'"));
                tenders.put(t.code(), v);
              });
    }
    List<JournalColumn> columns = d.columns();
    if (f.columns() != null) {
      columns = new ArrayList<>();
      for (Map<String, String> c : f.columns()) {
        String field = c.get("field");
        Field which;
        try {
          which = Field.valueOf(field.trim().replace('-', '_').toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
          throw new IllegalArgumentException(
              "journal layout " + file + ": unknown column field '" + field + "'");
        }
        columns.add(new JournalColumn(which, c.getOrDefault("header", which.name())));
      }
    }
    return new JournalLayout(
        f.voucherWord() == null ? d.voucherWord() : f.voucherWord(),
        f.firstVoucherNo() == null ? d.firstVoucherNo() : f.firstVoucherNo(),
        f.summary() == null ? d.summary() : f.summary(),
        f.revenue() == null ? d.revenue() : f.revenue(),
        tenders,
        columns);
  }
}
