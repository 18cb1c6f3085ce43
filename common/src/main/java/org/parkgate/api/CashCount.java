package org.parkgate.api;

import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.parkgate.money.Denominations;
import org.parkgate.money.Money;

/**
 * A drawer counted by denomination: how many pieces of each note and coin ({@code faceMinor} in
 * minor units of {@code currency}). The float at a shift's opening and the blind count at its close
 * are counts; their total is the sum of face times pieces.
 */
public record CashCount(String currency, List<Pieces> pieces) {
  /** The most pieces of one note or coin a drawer can hold. */
  public static final int MAX_PIECES = 10_000;

  public CashCount {
    pieces = pieces == null ? List.of() : List.copyOf(pieces);
  }

  /** {@code count} notes or coins of {@code faceMinor}. */
  public record Pieces(long faceMinor, long count) {}

  /** An empty drawer in {@code currency}. */
  public static CashCount empty(Currency currency) {
    return new CashCount(currency.getCurrencyCode(), List.of());
  }

  /** What is wrong with this count for a site taking {@code siteCurrency}, or empty. */
  public Optional<String> problem(Currency siteCurrency) {
    if (currency == null || !currency.equals(siteCurrency.getCurrencyCode())) {
      return Optional.of(
          Said.of(
              "清点币种为 " + currency + "，本场钱箱以 " + siteCurrency + " 清点",
              "the count is in " + currency + "; the site counts its drawers in " + siteCurrency));
    }
    List<Long> faces = Denominations.of(siteCurrency);
    Set<Long> seen = new HashSet<>();
    for (Pieces p : pieces) {
      if (p == null || !faces.contains(p.faceMinor())) {
        String face = p == null ? "null" : Money.of(p.faceMinor(), siteCurrency).toDecimalString();
        String all =
            faces.stream()
                .map(f -> Money.of(f, siteCurrency).toDecimalString())
                .collect(Collectors.joining(", "));
        return Optional.of(
            Said.of(
                "没有面额为 " + face + " 的 " + siteCurrency + " 纸币或硬币（面额：" + all + "）",
                "no "
                    + siteCurrency
                    + " note or coin of "
                    + face
                    + " (notes and coins: "
                    + all
                    + ")"));
      }
      String face = Money.of(p.faceMinor(), siteCurrency).toDecimalString();
      if (!seen.add(p.faceMinor())) {
        return Optional.of(Said.of("面额 " + face + " 重复清点", face + " is counted twice"));
      }
      if (p.count() < 0 || p.count() > MAX_PIECES) {
        return Optional.of(
            Said.of(
                "面额 " + face + " 的数量为 " + p.count() + "：每种数量为 0-" + MAX_PIECES + " 张",
                "the count of "
                    + face
                    + " is "
                    + p.count()
                    + ": a count is 0-"
                    + MAX_PIECES
                    + " pieces"));
      }
    }
    return Optional.empty();
  }

  /** The sum of the count; call after {@link #problem} found nothing. */
  public Money total() {
    Currency c = Currency.getInstance(currency);
    long sum = 0;
    for (Pieces p : pieces) {
      sum = Math.addExact(sum, Math.multiplyExact(p.faceMinor(), p.count()));
    }
    return Money.of(sum, c);
  }

  /**
   * The count as one line the ledger keeps: {@code face:count} pairs, largest face first, with the
   * pieces that are 0 left out ({@code 10000:2,500:3}).
   */
  public String ledgerText() {
    List<Pieces> sorted = new ArrayList<>(pieces);
    sorted.removeIf(p -> p.count() == 0);
    sorted.sort((a, b) -> Long.compare(b.faceMinor(), a.faceMinor()));
    return sorted.stream()
        .map(p -> p.faceMinor() + ":" + p.count())
        .collect(Collectors.joining(","));
  }

  /** A count as {@link #ledgerText} wrote it. */
  public static CashCount fromLedgerText(String currency, String text) {
    List<Pieces> out = new ArrayList<>();
    if (text != null && !text.isEmpty()) {
      for (String pair : text.split(",")) {
        String[] fc = pair.split(":");
        out.add(new Pieces(Long.parseLong(fc[0]), Long.parseLong(fc[1])));
      }
    }
    return new CashCount(currency, out);
  }
}
