package org.parkgate.api;

/**
 * A sentence a cashier or driver reads, in the booth's two languages: {@code "中文 · English"},
 * Chinese first. The booth shows the half its cashier reads (text.js {@code said()}); a value (a
 * lane, an amount, a plate) appears in both halves, so either half reads whole.
 */
public final class Said {
  /** What stands between the halves. */
  public static final String JOIN = " · ";

  private Said() {}

  /** The sentence in both languages. */
  public static String of(String zh, String en) {
    return zh + JOIN + en;
  }

  /** The Chinese half of a sentence said in both; the whole of one said in one language. */
  public static String zh(String said) {
    int at = said.indexOf(JOIN);
    return at < 0 ? said : said.substring(0, at);
  }

  /** The English half of a sentence said in both; the whole of one said in one language. */
  public static String en(String said) {
    int at = said.indexOf(JOIN);
    return at < 0 ? said : said.substring(at + JOIN.length());
  }

  /**
   * A sentence said in both with a lead-in in each language before its halves, such as "备用金：" and
   * "float: ".
   */
  public static String after(String zhLead, String enLead, String said) {
    return of(zhLead + zh(said), enLead + en(said));
  }
}
