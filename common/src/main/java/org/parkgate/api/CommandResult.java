package org.parkgate.api;

/** The answer to one command: done, or refused with a reason a cashier can read. */
public record CommandResult(String requestId, boolean ok, String error, String detail)
    implements ApiMessage {
  public static CommandResult ok(String requestId, String detail) {
    return new CommandResult(requestId, true, null, detail);
  }

  public static CommandResult refused(String requestId, String error) {
    return new CommandResult(requestId, false, error, null);
  }
}
