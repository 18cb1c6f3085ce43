package org.parkgate.controller.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.parkgate.fee.TariffRef;

/**
 * The tariffs published at the site, each version a chained row with its text, its hash, who
 * published it, when, and the instant it is in force from; and which version priced each payment.
 * Versions are numbered 1, 2, 3, ... in publishing order; the one in force at an instant is the
 * highest-numbered whose start has come.
 */
public final class TariffVersions {
  /** One published version. */
  public record Version(
      long versionNo,
      String tariffId,
      String name,
      String sha256,
      String body,
      String source,
      Instant inForceFrom,
      String publishedBy,
      Instant publishedAt) {

    public TariffRef ref() {
      return new TariffRef(versionNo, tariffId, name, sha256);
    }
  }

  /** What a publisher hands in: the file's text, the tariff's id and name, and its origin. */
  public record Draft(String body, String tariffId, String name, String source) {
    public String sha256() {
      return TariffVersions.sha256(body);
    }
  }

  private static final String COLUMNS =
      "version_no, tariff_id, name, sha256, body, source, in_force_from, published_by,"
          + " published_at";

  private final Ledger ledger;

  public TariffVersions(Ledger ledger) {
    this.ledger = ledger;
  }

  /**
   * Records {@code draft} as the next version, in force from {@code from}. Refused (nothing
   * written) when it starts before it is published, before the latest version starts, or when its
   * text is the latest version's own.
   *
   * @throws LedgerException naming why it was refused
   */
  public Version publish(Draft draft, Instant from, String by, Instant at) {
    if (by == null || by.isBlank()) {
      throw new LedgerException("say who publishes the tariff (--by)");
    }
    if (from.isBefore(at)) {
      throw new LedgerException(
          "a tariff cannot be in force from "
              + from
              + ", before it is published ("
              + at
              + "): fees already quoted keep theirs");
    }
    String sha = draft.sha256();
    return ledger.inTransaction(
        () -> {
          Optional<Version> latest = latestIn();
          if (latest.isPresent()) {
            Version last = latest.get();
            if (last.sha256().equals(sha)) {
              throw new LedgerException(
                  "this tariff is version "
                      + last.versionNo()
                      + " already (sha256 "
                      + last.ref().shortHash()
                      + "), in force from "
                      + last.inForceFrom());
            }
            if (from.isBefore(last.inForceFrom())) {
              throw new LedgerException(
                  "version "
                      + last.versionNo()
                      + " is in force from "
                      + last.inForceFrom()
                      + ": a new version cannot start before it");
            }
          }
          long no =
              ledger.insert(
                  "INSERT INTO tariff_versions(tariff_id, name, sha256, body, source,"
                      + " in_force_from, published_by, published_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                  draft.tariffId(),
                  draft.name(),
                  sha,
                  draft.body(),
                  draft.source(),
                  from,
                  by.trim(),
                  at);
          HashChain.append(ledger.connection(), ChainedTable.TARIFF_VERSIONS, no);
          return new Version(
              no,
              draft.tariffId(),
              draft.name(),
              sha,
              draft.body(),
              draft.source(),
              from,
              by.trim(),
              at);
        });
  }

  /** Every version, oldest first. */
  public List<Version> all() {
    return after(0);
  }

  /** The versions numbered above {@code versionNo}, oldest first. */
  public List<Version> after(long versionNo) {
    return ledger.list(
        "SELECT " + COLUMNS + " FROM tariff_versions WHERE version_no > ? ORDER BY version_no",
        TariffVersions::version,
        versionNo);
  }

  /** The highest version number, 0 when nothing was published. */
  public long latestNumber() {
    return ledger
        .first("SELECT COALESCE(MAX(version_no), 0) FROM tariff_versions", r -> r.getLong(1))
        .orElse(0L);
  }

  /** The version whose text has this hash, the latest if it was published more than once. */
  public Optional<Version> withHash(String sha256) {
    return ledger.first(
        "SELECT "
            + COLUMNS
            + " FROM tariff_versions WHERE sha256 = ? ORDER BY version_no DESC LIMIT 1",
        TariffVersions::version,
        sha256);
  }

  /** The version in force at {@code at}: the highest-numbered that started by then. */
  public Optional<Version> inForceAt(Instant at) {
    return all().stream().filter(v -> !v.inForceFrom().isAfter(at)).reduce((a, b) -> b);
  }

  /** The version that priced the payment {@code paymentId}; empty for payments before versions. */
  public Optional<TariffRef> ofPayment(long paymentId) {
    return ledger.first(
        "SELECT v.version_no, v.tariff_id, v.name, v.sha256 FROM payment_tariffs t"
            + " JOIN tariff_versions v ON v.version_no = t.version_no WHERE t.payment_id = ?",
        r -> new TariffRef(r.getLong(1), r.getString(2), r.getString(3), r.getString(4)),
        paymentId);
  }

  /** Inside the payment's transaction: the version that priced it. */
  static void recordPayment(Ledger ledger, long paymentId, long versionNo)
      throws java.sql.SQLException {
    ledger.insert(
        "INSERT INTO payment_tariffs(payment_id, version_no) VALUES (?, ?)", paymentId, versionNo);
    HashChain.append(ledger.connection(), ChainedTable.PAYMENT_TARIFFS, paymentId);
  }

  private Optional<Version> latestIn() {
    return ledger.first(
        "SELECT " + COLUMNS + " FROM tariff_versions ORDER BY version_no DESC LIMIT 1",
        TariffVersions::version);
  }

  private static Version version(java.sql.ResultSet r) throws java.sql.SQLException {
    return new Version(
        r.getLong(1),
        r.getString(2),
        r.getString(3),
        r.getString(4),
        r.getString(5),
        r.getString(6),
        Instant.parse(r.getString(7)),
        r.getString(8),
        Instant.parse(r.getString(9)));
  }

  /** The SHA-256 of a tariff's text as UTF-8 bytes, lower-case hex. */
  public static String sha256(String body) {
    return HashChain.sha256Hex(body);
  }
}
