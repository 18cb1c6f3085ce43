package org.parkgate.controller.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.Said;
import org.parkgate.api.VoucherStatus;
import org.parkgate.fee.Tariff;
import org.parkgate.money.Money;

/**
 * The voucher register: batches of single-use codes, each granting one of the tariff's vouchers,
 * redeemed once at an exit or voided by finance; every row chained.
 */
public final class Vouchers {
  /** A batch as issued. */
  public record Batch(
      long batchNo,
      String issuer,
      String kind,
      int count,
      LocalDate validFrom,
      LocalDate validTo,
      String note,
      String issuedBy,
      Instant issuedAt) {
    public boolean validOn(LocalDate day) {
      return !day.isBefore(validFrom) && !day.isAfter(validTo);
    }
  }

  /** A batch and the codes issued in it, as stored (see {@link VoucherCode#printed}). */
  public record Issued(Batch batch, List<String> codes) {
    public Issued {
      codes = List.copyOf(codes);
    }
  }

  /** A redemption at an exit. */
  public record Redemption(
      long stayId, String lane, Money dueBefore, Money dueAfter, String cashier, Instant at) {}

  /** A voided code: who and why. */
  public record Voided(String by, String reason, Instant at) {}

  /** One code with its batch and what became of it. */
  public record Voucher(
      long voucherId,
      String code,
      Batch batch,
      Optional<Redemption> redeemed,
      Optional<Voided> voided) {
    /** What became of it, read on the site's day {@code today}: expired once past its dates. */
    public VoucherStatus status(LocalDate today) {
      if (redeemed.isPresent()) {
        return VoucherStatus.USED;
      }
      if (voided.isPresent()) {
        return VoucherStatus.VOIDED;
      }
      return today.isAfter(batch.validTo()) ? VoucherStatus.EXPIRED : VoucherStatus.UNUSED;
    }
  }

  /** A batch with how many of its codes were used and voided so far. */
  public record Summary(Batch batch, long used, long voided) {
    public long left() {
      return batch.count() - used - voided;
    }
  }

  /** Upper bound of one batch: a merchant's print run, not a way to fill the ledger. */
  public static final int MAX_BATCH = 10_000;

  private static final String BATCH_COLUMNS =
      "b.batch_no, b.issuer, b.kind, b.count, b.valid_from, b.valid_to, b.note, b.issued_by,"
          + " b.issued_at";

  private static final String SELECT_VOUCHER =
      "SELECT v.voucher_id, v.code, "
          + BATCH_COLUMNS
          + ", r.stay_id, r.lane, r.due_before, r.due_after, r.currency, r.cashier, r.redeemed_at,"
          + " x.voided_by, x.reason, x.voided_at"
          + " FROM vouchers v JOIN voucher_batches b ON b.batch_no = v.batch_no"
          + " LEFT JOIN voucher_redemptions r ON r.voucher_id = v.voucher_id"
          + " LEFT JOIN voucher_voids x ON x.voucher_id = v.voucher_id";

  private static final String SELECT_SUMMARY =
      "SELECT "
          + BATCH_COLUMNS
          + ", (SELECT COUNT(*) FROM vouchers v JOIN voucher_redemptions r"
          + " ON r.voucher_id = v.voucher_id WHERE v.batch_no = b.batch_no),"
          + " (SELECT COUNT(*) FROM vouchers v JOIN voucher_voids x"
          + " ON x.voucher_id = v.voucher_id WHERE v.batch_no = b.batch_no)"
          + " FROM voucher_batches b";

  private final Ledger ledger;

  public Vouchers(Ledger ledger) {
    this.ledger = ledger;
  }

  /** Issues a batch of {@code count} new codes in one transaction. */
  public Issued issue(
      String issuer,
      String kind,
      int count,
      LocalDate validFrom,
      LocalDate validTo,
      String note,
      String by,
      Instant at) {
    if (count < 1 || count > MAX_BATCH) {
      throw new LedgerException("a batch has 1 to " + MAX_BATCH + " vouchers, not " + count);
    }
    if (validTo.isBefore(validFrom)) {
      throw new LedgerException("valid to " + validTo + " is before valid from " + validFrom);
    }
    return ledger.inTransaction(
        () -> {
          long batchNo =
              ledger.insert(
                  "INSERT INTO voucher_batches(issuer, kind, count, valid_from, valid_to, note,"
                      + " issued_by, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                  issuer,
                  kind,
                  count,
                  validFrom.toString(),
                  validTo.toString(),
                  note,
                  by,
                  at);
          HashChain.Head head =
              HashChain.append(ledger.connection(), ChainedTable.VOUCHER_BATCHES, batchNo);
          List<String> codes = new ArrayList<>(count);
          while (codes.size() < count) {
            String code = VoucherCode.next();
            if (ledger.exists("SELECT 1 FROM vouchers WHERE code = ?", code)) {
              continue; // one chance in 31^9 per code already issued
            }
            long id =
                ledger.insert("INSERT INTO vouchers(code, batch_no) VALUES (?, ?)", code, batchNo);
            head = HashChain.append(ledger.connection(), head, ChainedTable.VOUCHERS, id);
            codes.add(code);
          }
          return new Issued(
              new Batch(batchNo, issuer, kind, count, validFrom, validTo, note, by, at), codes);
        });
  }

  /** The voucher of a code in its stored form ({@link VoucherCode#read}). */
  public Optional<Voucher> find(String code) {
    return ledger.first(SELECT_VOUCHER + " WHERE v.code = ?", Vouchers::voucher, code);
  }

  private Voucher find(long voucherId) throws SQLException {
    return LedgerRows.first(
            ledger.connection(),
            SELECT_VOUCHER + " WHERE v.voucher_id = ?",
            Vouchers::voucher,
            voucherId)
        .orElseThrow(() -> new LedgerException("no voucher " + voucherId));
  }

  /** Every code of a batch, in the order issued. */
  public List<Voucher> ofBatch(long batchNo) {
    return ledger.list(
        SELECT_VOUCHER + " WHERE v.batch_no = ? ORDER BY v.voucher_id", Vouchers::voucher, batchNo);
  }

  /**
   * The voucher kinds a batch may be issued as: those the tariff's newest version accepts, in
   * alphabetical order.
   */
  public static Set<String> kinds(Tariff tariff) {
    return new TreeSet<>(tariff.versions().get(tariff.versions().size() - 1).voucherCodes());
  }

  /** Every batch, oldest first, with its codes used and voided. */
  public List<Summary> summaries() {
    return ledger.list(SELECT_SUMMARY + " ORDER BY b.batch_no", Vouchers::summary);
  }

  /** The newest {@code limit} batches, newest first, with their codes used and voided. */
  public List<Summary> newest(int limit) {
    return ledger.list(
        SELECT_SUMMARY + " ORDER BY b.batch_no DESC LIMIT ?", Vouchers::summary, limit);
  }

  /** How many batches were issued. */
  public long batchCount() {
    return ledger.first("SELECT COUNT(*) FROM voucher_batches", r -> r.getLong(1)).orElse(0L);
  }

  /** One batch with its codes used and voided. */
  public Optional<Summary> summary(long batchNo) {
    return ledger.first(SELECT_SUMMARY + " WHERE b.batch_no = ?", Vouchers::summary, batchNo);
  }

  /** The tariff vouchers (kinds) already redeemed for a stay, in the order redeemed. */
  public List<Voucher> redeemedFor(long stayId) {
    return ledger.list(
        SELECT_VOUCHER + " WHERE r.stay_id = ? ORDER BY r.redeemed_at, v.voucher_id",
        Vouchers::voucher,
        stayId);
  }

  /**
   * Records the code as used for a stay, inside the caller's transaction.
   *
   * @throws LedgerException if it was used or voided already
   */
  public void redeem(
      long voucherId,
      String requestId,
      long stayId,
      String lane,
      Money dueBefore,
      Money dueAfter,
      String cashier,
      Instant at) {
    ledger.inTransaction(
        () -> {
          if (ledger.exists(
              "SELECT 1 FROM voucher_redemptions WHERE voucher_id = ?"
                  + " UNION ALL SELECT 1 FROM voucher_voids WHERE voucher_id = ?",
              voucherId,
              voucherId)) {
            throw new LedgerException(
                Said.of(
                    "优惠券 " + voucherId + " 已使用或已作废",
                    "voucher " + voucherId + " was used or voided already"));
          }
          ledger.insert(
              "INSERT INTO voucher_redemptions(voucher_id, stay_id, lane, due_before, due_after,"
                  + " currency, cashier, request_id, redeemed_at)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
              voucherId,
              stayId,
              lane,
              dueBefore.minor(),
              dueAfter.minor(),
              dueBefore.currency().getCurrencyCode(),
              cashier,
              requestId,
              at);
          HashChain.append(ledger.connection(), ChainedTable.VOUCHER_REDEMPTIONS, voucherId);
          Voucher v = find(voucherId);
          ledger.appendEvent(
              lane,
              seq ->
                  new ConsoleEvent.VoucherRedeemed(
                      seq,
                      at,
                      lane,
                      stayId,
                      VoucherCode.printed(v.code()),
                      v.batch().kind(),
                      v.batch().issuer(),
                      dueBefore,
                      dueAfter,
                      cashier));
          return null;
        });
  }

  /**
   * Voids an unused code so it is never accepted.
   *
   * @throws LedgerException if there is no such code, or it was used or voided already
   */
  public Voucher voidCode(String code, String by, String reason, Instant at) {
    return ledger.inTransaction(
        () -> {
          Voucher v =
              find(code)
                  .orElseThrow(
                      () ->
                          new LedgerException(
                              "no voucher " + VoucherCode.printed(code) + " was issued"));
          if (v.redeemed().isPresent()) {
            throw new LedgerException(
                "voucher "
                    + VoucherCode.printed(code)
                    + " was used for stay "
                    + v.redeemed().get().stayId()
                    + "; it cannot be voided");
          }
          if (v.voided().isPresent()) {
            throw new LedgerException("voucher " + VoucherCode.printed(code) + " is void already");
          }
          ledger.insert(
              "INSERT INTO voucher_voids(voucher_id, voided_by, reason, voided_at)"
                  + " VALUES (?, ?, ?, ?)",
              v.voucherId(),
              by,
              reason,
              at);
          HashChain.append(ledger.connection(), ChainedTable.VOUCHER_VOIDS, v.voucherId());
          return find(code).orElseThrow();
        });
  }

  private static Batch batch(ResultSet r, int first) throws SQLException {
    return new Batch(
        r.getLong(first),
        r.getString(first + 1),
        r.getString(first + 2),
        r.getInt(first + 3),
        LocalDate.parse(r.getString(first + 4)),
        LocalDate.parse(r.getString(first + 5)),
        r.getString(first + 6),
        r.getString(first + 7),
        Instant.parse(r.getString(first + 8)));
  }

  private static Summary summary(ResultSet r) throws SQLException {
    return new Summary(batch(r, 1), r.getLong(10), r.getLong(11));
  }

  private static Voucher voucher(ResultSet r) throws SQLException {
    Batch batch = batch(r, 3);
    Optional<Redemption> redeemed =
        r.getString(18) == null
            ? Optional.empty()
            : Optional.of(
                new Redemption(
                    r.getLong(12),
                    r.getString(13),
                    Money.of(r.getLong(14), r.getString(16)),
                    Money.of(r.getLong(15), r.getString(16)),
                    r.getString(17),
                    Instant.parse(r.getString(18))));
    Optional<Voided> voided =
        r.getString(21) == null
            ? Optional.empty()
            : Optional.of(
                new Voided(r.getString(19), r.getString(20), Instant.parse(r.getString(21))));
    return new Voucher(r.getLong(1), r.getString(2), batch, redeemed, voided);
  }
}
