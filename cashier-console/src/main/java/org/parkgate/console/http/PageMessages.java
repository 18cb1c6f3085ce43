package org.parkgate.console.http;

import static java.util.Map.entry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.parkgate.api.CommandResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which handler takes each of the booth page's messages, by its {@code type}. Each family of
 * messages is read into its desk's requests in a class of its own.
 */
final class PageMessages {
  private static final Logger log = LoggerFactory.getLogger(PageMessages.class);

  private static final Map<String, BiConsumer<OpenPage, JsonNode>> HANDLERS = handlers();

  private PageMessages() {}

  /** Hands {@code message} to the handler of its {@code type}; false when there is none. */
  static boolean handle(String type, OpenPage page, JsonNode message) {
    BiConsumer<OpenPage, JsonNode> handler = HANDLERS.get(type);
    if (handler == null) {
      return false;
    }
    handler.accept(page, message);
    return true;
  }

  private static Map<String, BiConsumer<OpenPage, JsonNode>> handlers() {
    Map<String, BiConsumer<OpenPage, JsonNode>> table =
        new HashMap<>(
            Map.ofEntries(
                entry("cash", CashMessages::cash),
                entry("reverse", CashMessages::reverse),
                entry("open-drawer", CashMessages::openDrawer),
                entry("reprint", CashMessages::reprint),
                entry("lane-mode", SupervisorMessages::laneMode),
                entry("reset-passback", SupervisorMessages::resetPassback),
                entry("lift-barrier", SupervisorMessages::liftBarrier),
                entry("find-stay", LostCardMessages::findStay),
                entry("report-lost-card", LostCardMessages::reportLostCard),
                entry("decide-lost-card", LostCardMessages::decideLostCard),
                entry("list-lost-cards", LostCardMessages::listLostCards),
                entry("apply-voucher", ExemptionMessages::applyVoucher),
                entry("ask-free-pass", ExemptionMessages::askFreePass),
                entry("decide-free-pass", ExemptionMessages::decideFreePass),
                entry("open-shift", ShiftMessages::openShift),
                entry("close-shift", ShiftMessages::closeShift),
                entry("cash-drop", ShiftMessages::cashDrop)));
    for (String type : RegisterMessages.TYPES) {
      table.put(
          type,
          sent(
              type,
              (page, message) ->
                  RegisterMessages.send(page.desks().registers(), page.session(), type, message)));
    }
    for (String type : ShiftMessages.TYPES) {
      table.put(
          type,
          sent(
              type,
              (page, message) ->
                  ShiftMessages.send(
                      page.desks().shifts(), page.session(), type, message, page.source())));
    }
    return Map.copyOf(table);
  }

  /**
   * A message read by its family's {@code send}, logged by type and request id only: a handover
   * carries the incoming cashier's password.
   */
  private static BiConsumer<OpenPage, JsonNode> sent(
      String type, BiFunction<OpenPage, JsonNode, CompletableFuture<CommandResult>> send) {
    return (page, message) -> {
      String requestId = message.path("requestId").asText("");
      log.info("booth: {} sends {} ({})", page.username(), type, requestId);
      page.answer(type, requestId, send.apply(page, message));
    };
  }
}
