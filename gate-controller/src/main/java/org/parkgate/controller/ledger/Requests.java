package org.parkgate.controller.ledger;

import java.time.Instant;
import java.util.Optional;

/**
 * Every command that did something, by request id, with the result first sent: the one place a
 * retried command finds its first answer (a receipt, a reversal), whichever command it is and
 * whichever process restarted in between. A refusal changed nothing and is not kept: the same
 * request may be tried again once the site allows it. Append-only and chained.
 */
public final class Requests {
  /** A request kept: which console sent it, for whom, which command, and its result as JSON. */
  public record Kept(String consoleId, String username, String command, String resultJson) {}

  private final Ledger ledger;

  public Requests(Ledger ledger) {
    this.ledger = ledger;
  }

  public Optional<Kept> find(String requestId) {
    return ledger.first(
        "SELECT console_id, username, command, result_json FROM requests WHERE request_id = ?",
        r -> new Kept(r.getString(1), r.getString(2), r.getString(3), r.getString(4)),
        requestId);
  }

  /** Keeps a request's result; inside the command's own transaction. */
  public void keep(
      String requestId,
      String consoleId,
      String username,
      String command,
      String resultJson,
      Instant at) {
    ledger.inTransaction(
        () -> {
          long id =
              ledger.insert(
                  "INSERT INTO requests(request_id, console_id, username, command, result_json,"
                      + " recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
                  requestId,
                  consoleId,
                  username,
                  command,
                  resultJson,
                  at);
          HashChain.append(ledger.connection(), ChainedTable.REQUESTS, id);
          return null;
        });
  }
}
