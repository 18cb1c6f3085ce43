package org.parkgate.console.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.parkgate.api.CommandResult;
import org.parkgate.api.Refusal;
import org.parkgate.console.auth.Session;
import org.parkgate.console.booth.RegisterDesk;

/**
 * The page's messages for the registers, read into {@link RegisterDesk} requests: {@code
 * list-voucher-batches}, {@code issue-vouchers} ({@code kind}, {@code issuer}, {@code count},
 * {@code validFrom}, {@code validTo}, {@code note}), {@code show-voucher} ({@code code}), {@code
 * void-voucher} ({@code code}, {@code reason}) and {@code list-exemptions} ({@code from}, {@code
 * to}). A field of the wrong shape is refused here, naming it.
 */
final class RegisterMessages {
  static final Set<String> TYPES =
      Set.of(
          "list-voucher-batches",
          "issue-vouchers",
          "show-voucher",
          "void-voucher",
          "list-exemptions");

  private RegisterMessages() {}

  static CompletableFuture<CommandResult> send(
      RegisterDesk desk, Session session, String type, JsonNode message) {
    String id = message.path("requestId").asText("");
    return switch (type) {
      case "list-voucher-batches" -> desk.listBatches(session, id);
      case "issue-vouchers" -> {
        JsonNode count = message.path("count");
        if (!count.isMissingNode()
            && !count.isNull()
            && (!count.isIntegralNumber() || !count.canConvertToLong())) {
          yield CompletableFuture.completedFuture(
              CommandResult.refused(
                  id, Refusal.INVALID, "张数应为整数 · The count is a whole number, not " + count));
        }
        yield desk.issue(
            session,
            new RegisterDesk.IssueRequest(
                id,
                message.path("kind").asText(""),
                message.path("issuer").asText(""),
                count.isIntegralNumber() ? count.asLong() : null,
                message.path("validFrom").asText(""),
                message.path("validTo").asText(""),
                message.path("note").asText("")));
      }
      case "show-voucher" -> desk.show(session, id, message.path("code").asText(""));
      case "void-voucher" ->
          desk.voidCode(
              session, id, message.path("code").asText(""), message.path("reason").asText(""));
      default ->
          desk.listExemptions(
              session, id, message.path("from").asText(""), message.path("to").asText(""));
    };
  }
}
