package org.parkgate.controller.command;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.parkgate.api.Answer;
import org.parkgate.api.ConsoleCommand.IssueVouchers;
import org.parkgate.api.ConsoleCommand.ListVoucherBatches;
import org.parkgate.api.ConsoleCommand.ShowVoucher;
import org.parkgate.api.ConsoleCommand.VoidVoucher;
import org.parkgate.api.Refusal;
import org.parkgate.api.Role;
import org.parkgate.api.VoucherBatch;
import org.parkgate.api.VoucherEntry;
import org.parkgate.controller.auth.Session;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LostCards;
import org.parkgate.controller.ledger.VoucherCode;
import org.parkgate.controller.ledger.Vouchers;
import org.parkgate.controller.site.TariffBook;

/**
 * The voucher register at a console, kept by finance as {@code ./parking vouchers} keeps it and
 * through the same {@link Vouchers}: finance issues batches and voids codes, supervisors and
 * finance read the batches and look codes up. Issuing and voiding are kept with their request id,
 * so a retried issue gets the same codes and never a second batch.
 */
final class VoucherRegister {
  /** The longest issuer, note or reason recorded, as the command line takes them. */
  static final int MAX_TEXT = 200;

  /**
   * The most codes one batch issued at a console carries: its answer holds every code and must stay
   * well inside one console message. Larger print runs are issued with the command line.
   */
  static final int MAX_BATCH = 1_000;

  /** The newest batches one answer lists: the register grows for years. */
  static final int LISTED = 30;

  private static final Set<Role> KEEPERS = Set.of(Role.FINANCE);

  private VoucherRegister() {}

  /** The register's newest batches and the kinds a batch may be issued as. Reads only. */
  static final class Batches extends RegisterReader<ListVoucherBatches> {
    private final Vouchers vouchers;
    private final TariffBook tariffs;

    Batches(Ledger ledger, TariffBook tariffs) {
      super(ListVoucherBatches.class, SUPERVISOR_OR_FINANCE);
      this.vouchers = new Vouchers(ledger);
      this.tariffs = tariffs;
    }

    @Override
    public Decision handle(ListVoucherBatches cmd, Session actor, Instant now) {
      return Decision.done(
          cmd,
          new Answer.VoucherBatches(
              vouchers.newest(LISTED).stream().map(VoucherRegister::batch).toList(),
              vouchers.batchCount(),
              List.copyOf(Vouchers.kinds(tariffs.tariff(now)))));
    }
  }

  /** Finance issues a batch; every field is checked before anything is written. */
  static final class Issue extends FixedHandler<IssueVouchers> {
    private final Vouchers vouchers;
    private final TariffBook tariffs;
    private final ZoneId zone;

    Issue(Ledger ledger, TariffBook tariffs, ZoneId zone) {
      super(IssueVouchers.class, KEEPERS);
      this.vouchers = new Vouchers(ledger);
      this.tariffs = tariffs;
      this.zone = zone;
    }

    @Override
    public Decision handle(IssueVouchers cmd, Session actor, Instant now) {
      Optional<String> wrong = problem(cmd, LocalDate.ofInstant(now, zone), now);
      if (wrong.isPresent()) {
        return Decision.refused(cmd, Refusal.INVALID, wrong.get());
      }
      String note = cmd.note() == null || cmd.note().isBlank() ? null : cmd.note().strip();
      Vouchers.Issued issued =
          vouchers.issue(
              cmd.issuer().strip(),
              cmd.kind(),
              cmd.count(),
              cmd.validFrom(),
              cmd.validTo(),
              note,
              actor.username(),
              now);
      return Decision.done(
          cmd,
          new Answer.VouchersIssued(
              batch(new Vouchers.Summary(issued.batch(), 0, 0)),
              issued.codes().stream().map(VoucherCode::printed).toList()));
    }

    /** The first thing wrong with the batch asked for, naming the field. */
    private Optional<String> problem(IssueVouchers cmd, LocalDate today, Instant now) {
      Set<String> kinds = Vouchers.kinds(tariffs.tariff(now));
      String known = kinds.isEmpty() ? "none" : String.join(", ", kinds);
      if (cmd.kind() == null || cmd.kind().isBlank()) {
        return Optional.of("请选择券种 · Choose the voucher kind (the tariff has: " + known + ")");
      }
      if (!kinds.contains(cmd.kind())) {
        return Optional.of(
            "收费标准没有此券种 · The tariff has no voucher '" + cmd.kind() + "' (it has: " + known + ")");
      }
      String issuer = cmd.issuer() == null ? "" : cmd.issuer().strip();
      if (issuer.isEmpty() || issuer.length() > MAX_TEXT) {
        return Optional.of(
            "请填写发券单位（1-"
                + MAX_TEXT
                + " 字） · The issuer (who hands the vouchers out) is 1-"
                + MAX_TEXT
                + " characters");
      }
      if (cmd.count() < 1 || cmd.count() > MAX_BATCH) {
        return Optional.of(
            "张数应为 1-"
                + MAX_BATCH
                + " · The count is 1 to "
                + MAX_BATCH
                + " vouchers, not "
                + cmd.count()
                + " (larger print runs: ./parking vouchers issue)");
      }
      if (cmd.validFrom() == null || cmd.validTo() == null) {
        return Optional.of(
            "请填写有效期起止日期 · Enter the first and last valid days (valid from, valid to)");
      }
      if (cmd.validTo().isBefore(cmd.validFrom())) {
        return Optional.of(
            "有效期截止日早于起始日 · Valid to " + cmd.validTo() + " is before valid from " + cmd.validFrom());
      }
      if (cmd.validTo().isBefore(today)) {
        return Optional.of(
            "有效期已过 · Valid to " + cmd.validTo() + " has passed (today is " + today + ")");
      }
      if (cmd.note() != null && cmd.note().strip().length() > MAX_TEXT) {
        return Optional.of(
            "备注最多 " + MAX_TEXT + " 字 · The note is at most " + MAX_TEXT + " characters");
      }
      return Optional.empty();
    }
  }

  /** One code looked up: its batch and what became of it. Reads only. */
  static final class Show extends RegisterReader<ShowVoucher> {
    private final Vouchers vouchers;
    private final LostCards receipts;
    private final ZoneId zone;

    Show(Ledger ledger, ZoneId zone) {
      super(ShowVoucher.class, SUPERVISOR_OR_FINANCE);
      this.vouchers = new Vouchers(ledger);
      this.receipts = new LostCards(ledger);
      this.zone = zone;
    }

    @Override
    public Decision handle(ShowVoucher cmd, Session actor, Instant now) {
      Typed typed = Typed.read(cmd, cmd.code());
      if (typed.refusal() != null) {
        return typed.refusal();
      }
      String code = typed.code();
      Optional<Vouchers.Voucher> found = vouchers.find(code);
      if (found.isEmpty()) {
        return Decision.refused(cmd, Refusal.NOT_NOW, neverIssued(code));
      }
      return Decision.done(
          cmd,
          new Answer.VoucherShown(entry(found.get(), receipts, LocalDate.ofInstant(now, zone))));
    }
  }

  /** Finance voids an unused code with a reason. */
  static final class VoidCode extends FixedHandler<VoidVoucher> {
    private final Vouchers vouchers;
    private final LostCards receipts;
    private final ZoneId zone;

    VoidCode(Ledger ledger, ZoneId zone) {
      super(VoidVoucher.class, KEEPERS);
      this.vouchers = new Vouchers(ledger);
      this.receipts = new LostCards(ledger);
      this.zone = zone;
    }

    @Override
    public Decision handle(VoidVoucher cmd, Session actor, Instant now) {
      Typed typed = Typed.read(cmd, cmd.code());
      if (typed.refusal() != null) {
        return typed.refusal();
      }
      String code = typed.code();
      String reason = cmd.reason() == null ? "" : cmd.reason().strip();
      if (reason.isEmpty() || reason.length() > MAX_TEXT) {
        return Decision.refused(
            cmd,
            Refusal.INVALID,
            "请填写作废原因（1-"
                + MAX_TEXT
                + " 字） · Voiding a voucher needs a reason of 1-"
                + MAX_TEXT
                + " characters");
      }
      Optional<Vouchers.Voucher> found = vouchers.find(code);
      if (found.isEmpty()) {
        return Decision.refused(cmd, Refusal.NOT_NOW, neverIssued(code));
      }
      Vouchers.Voucher v = found.get();
      String printed = VoucherCode.printed(code);
      if (v.redeemed().isPresent()) {
        Vouchers.Redemption r = v.redeemed().get();
        return Decision.refused(
            cmd,
            Refusal.NOT_NOW,
            "优惠券已使用，不能作废 · Voucher "
                + printed
                + " was used at "
                + r.lane()
                + " for stay "
                + r.stayId()
                + "; it cannot be voided");
      }
      if (v.voided().isPresent()) {
        return Decision.refused(
            cmd,
            Refusal.NOT_NOW,
            "优惠券已作废 · Voucher "
                + printed
                + " was voided already by "
                + v.voided().get().by()
                + ": "
                + v.voided().get().reason());
      }
      Vouchers.Voucher voided = vouchers.voidCode(code, actor.username(), reason, now);
      return Decision.done(
          cmd, new Answer.VoucherVoided(entry(voided, receipts, LocalDate.ofInstant(now, zone))));
    }
  }

  /** A code as typed at a console, read: the code, or (refusal not null) why it is not one. */
  private record Typed(String code, Decision refusal) {
    static Typed read(org.parkgate.api.ConsoleCommand cmd, String typed) {
      try {
        return new Typed(VoucherCode.read(typed), null);
      } catch (IllegalArgumentException e) {
        return new Typed(null, Decision.refused(cmd, Refusal.INVALID, "券码有误 · " + e.getMessage()));
      }
    }
  }

  private static String neverIssued(String code) {
    return "没有此券码 · No voucher " + VoucherCode.printed(code) + " was issued";
  }

  static VoucherBatch batch(Vouchers.Summary s) {
    Vouchers.Batch b = s.batch();
    return new VoucherBatch(
        b.batchNo(),
        b.issuer(),
        b.kind(),
        b.count(),
        s.used(),
        s.voided(),
        b.validFrom(),
        b.validTo(),
        b.note(),
        b.issuedBy(),
        b.issuedAt());
  }

  /**
   * A code as the register shows it on the site's day {@code today}; a used one with the receipt of
   * the payment that followed it for the same stay, if any was needed, found as the lost-card
   * register finds the receipt that settled a lost card ({@link LostCards#receiptFor}).
   */
  static VoucherEntry entry(Vouchers.Voucher v, LostCards receipts, LocalDate today) {
    Vouchers.Batch b = v.batch();
    Optional<Vouchers.Redemption> r = v.redeemed();
    Optional<Vouchers.Voided> x = v.voided();
    return new VoucherEntry(
        VoucherCode.printed(v.code()),
        b.batchNo(),
        b.kind(),
        b.issuer(),
        b.validFrom(),
        b.validTo(),
        v.status(today),
        r.map(Vouchers.Redemption::lane).orElse(null),
        r.map(Vouchers.Redemption::stayId).orElse(0L),
        r.map(Vouchers.Redemption::dueBefore).orElse(null),
        r.map(Vouchers.Redemption::dueAfter).orElse(null),
        r.map(Vouchers.Redemption::cashier).orElse(null),
        r.map(Vouchers.Redemption::at).orElse(null),
        r.flatMap(u -> receipts.receiptFor(u.stayId(), u.at())).orElse(null),
        x.map(Vouchers.Voided::by).orElse(null),
        x.map(Vouchers.Voided::reason).orElse(null),
        x.map(Vouchers.Voided::at).orElse(null));
  }
}
