package org.parkgate.console.booth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parkgate.console.booth.DeskFixture.ADMIN;
import static org.parkgate.console.booth.DeskFixture.CASHIER;
import static org.parkgate.console.booth.DeskFixture.FINANCE;
import static org.parkgate.console.booth.DeskFixture.SUPERVISOR;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.parkgate.api.ApiJson;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.Refusal;
import org.parkgate.console.auth.Session;

/**
 * The registers at the console: what finance and supervisors send reaches the controller with their
 * session and no name, and a request the page should not have sent is refused here in both
 * languages, naming the field, with nothing sent.
 */
class RegisterDeskTest {

  private final DeskFixture booth = new DeskFixture();
  private final List<String> wire = booth.wire;
  private final RegisterDesk desk = booth.desks.registers();

  private static RegisterDesk.IssueRequest issue(
      String id, String kind, String issuer, Long count, String from, String to) {
    return new RegisterDesk.IssueRequest(id, kind, issuer, count, from, to, " for the cinema ");
  }

  @Test
  void financeIssuesAndVoidsInTheirOwnSessionAndSupervisorsRead() throws Exception {
    assertTrue(
        desk.issue(
                FINANCE,
                issue("issue-0001", " HALF ", "  Cinema Lumière ", 20L, "2027-01-09", "2027-02-08"))
            .get()
            .ok());
    assertEquals(
        new ConsoleCommand.IssueVouchers(
            "issue-0001",
            "tok-F",
            "HALF",
            "Cinema Lumière",
            20,
            LocalDate.parse("2027-01-09"),
            LocalDate.parse("2027-02-08"),
            "for the cinema"),
        ApiJson.read(wire.get(0)));
    assertTrue(desk.voidCode(FINANCE, "void-0001", " abcd-efgh-jk ", " stolen ").get().ok());
    assertEquals(
        new ConsoleCommand.VoidVoucher("void-0001", "tok-F", "abcd-efgh-jk", "stolen"),
        ApiJson.read(wire.get(1)));
    assertTrue(desk.listBatches(SUPERVISOR, "list-0001").get().ok());
    assertTrue(desk.show(SUPERVISOR, "show-0001", "ABCD-EFGH-JK").get().ok());
    assertTrue(desk.listExemptions(SUPERVISOR, "exem-0001", "2027-01-01", "").get().ok());
    assertEquals(
        new ConsoleCommand.ListExemptions(
            "exem-0001", "tok-S", LocalDate.parse("2027-01-01"), null),
        ApiJson.read(wire.get(4)));
    for (String json : wire) {
      for (String name : List.of("supervisor1", "finance1")) {
        assertFalse(json.contains(name), json);
      }
    }
  }

  @Test
  void theWrongPersonOrABadFieldIsRefusedNamingItWithNothingSent() throws Exception {
    for (Session who : List.of(CASHIER, ADMIN, SUPERVISOR)) {
      assertEquals(
          Refusal.FORBIDDEN,
          desk.issue(who, issue("issue-0010", "HALF", "x", 1L, "2027-01-09", "2027-01-09"))
              .get()
              .refusal());
      assertEquals(
          Refusal.FORBIDDEN, desk.voidCode(who, "void-0010", "ABCD", "why").get().refusal());
    }
    for (Session who : List.of(CASHIER, ADMIN)) {
      assertEquals(Refusal.FORBIDDEN, desk.listBatches(who, "list-0010").get().refusal());
      assertEquals(
          Refusal.FORBIDDEN, desk.listExemptions(who, "exem-0010", "", "").get().refusal());
    }
    record Case(CompletableFuture<CommandResult> sent, String says) {}
    List<Case> cases =
        List.of(
            new Case(
                desk.issue(FINANCE, issue("issue-0011", "", "x", 1L, "2027-01-09", "2027-01-09")),
                "请选择券种 · Choose the voucher kind"),
            new Case(
                desk.issue(
                    FINANCE, issue("issue-0012", "HALF", " ", 1L, "2027-01-09", "2027-01-09")),
                "The issuer (who hands the vouchers out) is 1-200 characters"),
            new Case(
                desk.issue(
                    FINANCE, issue("issue-0013", "HALF", "x", 0L, "2027-01-09", "2027-01-09")),
                "The count is a whole number from 1 to 1000, not 0"),
            new Case(
                desk.issue(
                    FINANCE, issue("issue-0014", "HALF", "x", null, "2027-01-09", "2027-01-09")),
                "张数应为 1-1000 的整数"),
            new Case(
                desk.issue(FINANCE, issue("issue-0015", "HALF", "x", 5L, "9 Jan", "2027-01-09")),
                "有效期起 · Valid from：日期格式应为 2027-01-09 · dates are written 2027-01-09, not '9 Jan'"),
            new Case(
                desk.issue(
                    FINANCE, issue("issue-0016", "HALF", "x", 5L, "2027-01-09", "2027-01-08")),
                "Valid to 2027-01-08 is before valid from 2027-01-09"),
            new Case(
                desk.issue(FINANCE, issue("issue-0017", "HALF", "x", 5L, "", "2027-01-08")),
                "Enter the first and last valid days"),
            new Case(desk.show(FINANCE, "show-0011", ""), "Type or scan the voucher code"),
            new Case(
                desk.voidCode(FINANCE, "void-0011", "ABCD-EFGH-JK", " "),
                "Enter the reason for voiding the voucher"),
            new Case(
                desk.listExemptions(FINANCE, "exem-0011", "2027-01-09", "2027-01-01"),
                "The register's last day 2027-01-01 is before its first 2027-01-09"),
            new Case(desk.listBatches(FINANCE, "short"), "Invalid request id"));
    for (Case c : cases) {
      CommandResult r = c.sent().get();
      assertEquals(Refusal.INVALID, r.refusal(), r.toString());
      assertTrue(r.error().contains(c.says()), "'" + r.error() + "' should say: " + c.says());
      assertTrue(r.error().contains(" · "), "in both languages: " + r.error());
    }
    assertEquals(List.of(), wire, "nothing reaches the controller");
  }
}
