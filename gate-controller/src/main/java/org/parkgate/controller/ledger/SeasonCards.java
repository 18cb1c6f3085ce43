package org.parkgate.controller.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Season cards in the ledger: append-only and chained. Adding, renewing and cancelling each write a
 * new row; the latest row for a card is the card.
 */
public final class SeasonCards {
  private static final String COLUMNS =
      "row_id, card, action, holder, plates, vehicle_class, valid_from, valid_to, issued_by,"
          + " recorded_at";

  private final Ledger ledger;

  public SeasonCards(Ledger ledger) {
    this.ledger = ledger;
  }

  /** The card as its latest row says, cancelled or not; empty if it was never a season card. */
  public Optional<SeasonCard> find(String card) {
    return latest(card);
  }

  /** Every season card ever issued, as its latest row says, by card number. */
  public List<SeasonCard> list() {
    return ledger.list(
        "SELECT "
            + COLUMNS
            + " FROM season_cards s WHERE row_id ="
            + " (SELECT MAX(row_id) FROM season_cards t WHERE t.card = s.card)"
            + " ORDER BY card",
        SeasonCards::card);
  }

  /** Issues a season card. Refused if the card is a season card already and not cancelled. */
  public SeasonCard add(
      String card,
      String holder,
      List<String> plates,
      String vehicleClass,
      LocalDate from,
      LocalDate to,
      String by,
      Instant at) {
    requireWindow(from, to);
    return ledger.inTransaction(
        () -> {
          Optional<SeasonCard> now = latest(card);
          if (now.isPresent() && !now.get().cancelled()) {
            throw new LedgerException(
                "card "
                    + card
                    + " is already a season card (held by "
                    + now.get().holder()
                    + ", valid to "
                    + now.get().validTo()
                    + "); renew or cancel it");
          }
          List<String> bound = plates.stream().map(Plates::normal).distinct().toList();
          return insert(card, "add", holder, bound, vehicleClass, from, to, by, at);
        });
  }

  /** A season card to issue: its number, holder, bound plates (none: any vehicle), class, days. */
  public record Issue(
      String card,
      String holder,
      List<String> plates,
      String vehicleClass,
      LocalDate from,
      LocalDate to) {
    public Issue {
      plates = List.copyOf(plates);
    }
  }

  /**
   * Issues every card in one transaction: all of them, or (one refused, e.g. already a season card)
   * none.
   */
  public List<SeasonCard> addAll(List<Issue> cards, String by, Instant at) {
    return ledger.inTransaction(
        () -> {
          List<SeasonCard> made = new java.util.ArrayList<>();
          for (Issue c : cards) {
            made.add(
                add(c.card(), c.holder(), c.plates(), c.vehicleClass(), c.from(), c.to(), by, at));
          }
          return made;
        });
  }

  /** Extends (or moves) a card's window; the holder, plates and class stay. */
  public SeasonCard renew(String card, LocalDate from, LocalDate to, String by, Instant at) {
    return ledger.inTransaction(
        () -> {
          SeasonCard now = current(card);
          LocalDate start = from == null ? now.validFrom() : from;
          requireWindow(start, to);
          return insert(
              card, "renew", now.holder(), now.plates(), now.vehicleClass(), start, to, by, at);
        });
  }

  /** Cancels a card from now on: it no longer enters, and leaves as a casual parker would. */
  public SeasonCard cancel(String card, String by, Instant at) {
    return ledger.inTransaction(
        () -> {
          SeasonCard now = current(card);
          return insert(
              card,
              "cancel",
              now.holder(),
              now.plates(),
              now.vehicleClass(),
              now.validFrom(),
              now.validTo(),
              by,
              at);
        });
  }

  private static void requireWindow(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw new LedgerException("a season card's last day " + to + " is before its first " + from);
    }
  }

  private SeasonCard current(String card) {
    SeasonCard now =
        latest(card).orElseThrow(() -> new LedgerException("card " + card + " is no season card"));
    if (now.cancelled()) {
      throw new LedgerException(
          "season card " + card + " was cancelled on " + now.recordedAt() + "; add it anew");
    }
    return now;
  }

  private Optional<SeasonCard> latest(String card) {
    return ledger.first(
        "SELECT " + COLUMNS + " FROM season_cards WHERE card = ? ORDER BY row_id DESC LIMIT 1",
        SeasonCards::card,
        card);
  }

  private SeasonCard insert(
      String card,
      String action,
      String holder,
      List<String> plates,
      String vehicleClass,
      LocalDate from,
      LocalDate to,
      String by,
      Instant at)
      throws SQLException {
    long rowId =
        ledger.insert(
            "INSERT INTO season_cards(card, action, holder, plates, vehicle_class, valid_from,"
                + " valid_to, issued_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            card,
            action,
            holder,
            plates.isEmpty() ? null : String.join(",", plates),
            vehicleClass,
            from.toString(),
            to.toString(),
            by,
            at);
    HashChain.append(ledger.connection(), ChainedTable.SEASON_CARDS, rowId);
    return new SeasonCard(rowId, card, action, holder, plates, vehicleClass, from, to, by, at);
  }

  private static SeasonCard card(ResultSet r) throws SQLException {
    String plates = r.getString(5);
    return new SeasonCard(
        r.getLong(1),
        r.getString(2),
        r.getString(3),
        r.getString(4),
        plates == null ? List.of() : Arrays.asList(plates.split(",")),
        r.getString(6),
        LocalDate.parse(r.getString(7)),
        LocalDate.parse(r.getString(8)),
        r.getString(9),
        Instant.parse(r.getString(10)));
  }
}
