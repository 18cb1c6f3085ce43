package org.parkgate.console.printer;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.parkgate.api.Tender;
import org.parkgate.fee.TariffRef;
import org.parkgate.money.Money;

/**
 * What a receipt shows, as the console knows it when it prints: the payment the controller
 * recorded, and what the booth showed of the stay. Nullable, printed only when known: {@code
 * plate}, {@code card}, {@code entryTime}, {@code tendered} and {@code change}, {@code ledgerLink}
 * and {@code verificationCode}, and {@code tariff}, the published tariff version that priced the
 * fee. {@code copy} marks a reprint (副本 COPY).
 */
public record ReceiptPrint(
    String siteName,
    String lane,
    String plate,
    String card,
    Instant entryTime,
    Instant exitTime,
    List<FeeItem> fees,
    TariffRef tariff,
    Money amount,
    Money tendered,
    Money change,
    Tender tender,
    String cashier,
    String receiptNo,
    String ledgerLink,
    String verificationCode,
    boolean copy) {

  /** One line of the fee's explanation, as the fee engine itemised it. */
  public record FeeItem(String period, String rule, long quantity, Money amount) {}

  public ReceiptPrint {
    Objects.requireNonNull(siteName, "siteName");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(tender, "tender");
    Objects.requireNonNull(receiptNo, "receiptNo");
    fees = fees == null ? List.of() : List.copyOf(fees);
  }

  /** A cash receipt opens the drawer, a copy never does. */
  public boolean opensDrawer() {
    return tender == Tender.CASH && !copy;
  }
}
