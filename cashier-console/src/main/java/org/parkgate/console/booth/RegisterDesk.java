package org.parkgate.console.booth;

import static org.parkgate.console.booth.DeskAnswers.forbidden;
import static org.parkgate.console.booth.DeskAnswers.refused;
import static org.parkgate.console.booth.RequestChecks.INVALID_REQUEST_ID;
import static org.parkgate.console.booth.RequestChecks.MAX_REASON;
import static org.parkgate.console.booth.RequestChecks.quoted;
import static org.parkgate.console.booth.RequestChecks.reasonProblem;
import static org.parkgate.console.booth.RequestChecks.trimmed;
import static org.parkgate.console.booth.RequestChecks.validRequestId;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.Role;
import org.parkgate.console.auth.Session;

/**
 * The registers finance keeps and supervisors read, at the booth page: the voucher register
 * (batches, a batch issued, a code looked up or voided) and the exemption register (free passes and
 * barriers lifted by hand). Checks here answer early, in the booth's words and naming the field;
 * the controller checks every field and role again and decides. Issuing and voiding go through the
 * console's retry memory, so a page's retry after a lost link gets the first answer.
 */
public final class RegisterDesk {
  /** The most codes one batch issued at the booth holds, as the controller allows. */
  static final int MAX_BATCH = 1_000;

  private static final Set<Role> READERS = Set.of(Role.FINANCE, Role.SUPERVISOR);
  private static final Pattern KIND = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  private final SentCommands sent;

  RegisterDesk(Function<ConsoleCommand, CompletableFuture<CommandResult>> controller) {
    this.sent = new SentCommands(controller);
  }

  /** What the page sends to issue a batch; days as typed, {@code count} null when not a number. */
  public record IssueRequest(
      String requestId,
      String kind,
      String issuer,
      Long count,
      String validFrom,
      String validTo,
      String note) {}

  /** The voucher register's newest batches and the tariff's voucher kinds. Reads only. */
  public CompletableFuture<CommandResult> listBatches(Session person, String requestId) {
    if (!validRequestId(requestId)) {
      return refused(requestId, INVALID_REQUEST_ID);
    }
    if (!READERS.contains(person.role())) {
      return forbidden(
          requestId, "只有财务或主管可以查看优惠券登记 · Only finance and supervisors read the voucher register");
    }
    return sent.sendOnce(new ConsoleCommand.ListVoucherBatches(requestId, person.token()));
  }

  /** Finance issues a batch of single-use codes. */
  public CompletableFuture<CommandResult> issue(Session person, IssueRequest r) {
    String id = r.requestId();
    if (!validRequestId(id)) {
      return refused(id, INVALID_REQUEST_ID);
    }
    if (person.role() != Role.FINANCE) {
      return forbidden(id, "只有财务可以发放优惠券 · Only finance issues vouchers");
    }
    String kind = trimmed(r.kind());
    if (!KIND.matcher(kind).matches()) {
      return refused(
          id,
          kind.isEmpty()
              ? "请选择券种 · Choose the voucher kind"
              : "券种无效 · A voucher kind is 1-32 letters, digits, '_' or '-', not " + quoted(kind));
    }
    String issuer = trimmed(r.issuer());
    if (issuer.isEmpty() || issuer.length() > MAX_REASON) {
      return refused(
          id,
          "请填写发券单位（1-"
              + MAX_REASON
              + " 字） · The issuer (who hands the vouchers out) is 1-"
              + MAX_REASON
              + " characters");
    }
    if (r.count() == null || r.count() < 1 || r.count() > MAX_BATCH) {
      return refused(
          id,
          "张数应为 1-"
              + MAX_BATCH
              + " 的整数 · The count is a whole number from 1 to "
              + MAX_BATCH
              + (r.count() == null ? "" : ", not " + r.count()));
    }
    LocalDate from;
    LocalDate to;
    try {
      from = day(r.validFrom(), "有效期起 · Valid from");
      to = day(r.validTo(), "有效期止 · Valid to");
    } catch (IllegalArgumentException e) {
      return refused(id, e.getMessage());
    }
    if (from == null || to == null) {
      return refused(id, "请填写有效期起止日期 · Enter the first and last valid days (valid from, valid to)");
    }
    if (to.isBefore(from)) {
      return refused(id, "有效期截止日早于起始日 · Valid to " + to + " is before valid from " + from);
    }
    String note = trimmed(r.note());
    if (note.length() > MAX_REASON) {
      return refused(
          id, "备注最多 " + MAX_REASON + " 字 · The note is at most " + MAX_REASON + " characters");
    }
    return sent.sendOnce(
        new ConsoleCommand.IssueVouchers(
            id,
            person.token(),
            kind,
            issuer,
            r.count().intValue(),
            from,
            to,
            note.isEmpty() ? null : note));
  }

  /** One code looked up. Reads only. */
  public CompletableFuture<CommandResult> show(Session person, String requestId, String code) {
    if (!validRequestId(requestId)) {
      return refused(requestId, INVALID_REQUEST_ID);
    }
    if (!READERS.contains(person.role())) {
      return forbidden(requestId, "只有财务或主管可以查询优惠券 · Only finance and supervisors look vouchers up");
    }
    String typed = trimmed(code);
    Optional<String> wrong = RequestChecks.voucherCodeProblem(typed);
    if (wrong.isPresent()) {
      return refused(requestId, wrong.get());
    }
    return sent.sendOnce(new ConsoleCommand.ShowVoucher(requestId, person.token(), typed));
  }

  /** Finance voids an unused code with a reason. */
  public CompletableFuture<CommandResult> voidCode(
      Session person, String requestId, String code, String reason) {
    if (!validRequestId(requestId)) {
      return refused(requestId, INVALID_REQUEST_ID);
    }
    if (person.role() != Role.FINANCE) {
      return forbidden(requestId, "只有财务可以作废优惠券 · Only finance voids vouchers");
    }
    String typed = trimmed(code);
    Optional<String> wrong = RequestChecks.voucherCodeProblem(typed);
    if (wrong.isEmpty()) {
      wrong = reasonProblem(trimmed(reason), "请填写作废原因 · Enter the reason for voiding the voucher");
    }
    if (wrong.isPresent()) {
      return refused(requestId, wrong.get());
    }
    return sent.sendOnce(
        new ConsoleCommand.VoidVoucher(requestId, person.token(), typed, trimmed(reason)));
  }

  /** The exemption register for the days typed (blank: today). Reads only. */
  public CompletableFuture<CommandResult> listExemptions(
      Session person, String requestId, String from, String to) {
    if (!validRequestId(requestId)) {
      return refused(requestId, INVALID_REQUEST_ID);
    }
    if (!READERS.contains(person.role())) {
      return forbidden(
          requestId,
          "只有主管或财务可以查看免费放行登记 · Only supervisors and finance read the exemption register");
    }
    LocalDate first;
    LocalDate last;
    try {
      first = day(from, "从 · From");
      last = day(to, "到 · To");
    } catch (IllegalArgumentException e) {
      return refused(requestId, e.getMessage());
    }
    if (first != null && last != null && last.isBefore(first)) {
      return refused(
          requestId,
          "截止日期早于起始日期 · The register's last day " + last + " is before its first " + first);
    }
    return sent.sendOnce(new ConsoleCommand.ListExemptions(requestId, person.token(), first, last));
  }

  /** A day typed as 2027-01-09, null when blank; anything else is refused naming {@code what}. */
  private static LocalDate day(String text, String what) {
    String t = trimmed(text);
    if (t.isEmpty()) {
      return null;
    }
    try {
      return LocalDate.parse(t);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          what + "：日期格式应为 2027-01-09 · dates are written 2027-01-09, not " + quoted(t));
    }
  }
}
