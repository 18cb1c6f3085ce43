package org.parkgate.api;

/**
 * The answer to one command: done with its {@link Answer}, or refused with a {@link Refusal} code
 * and a reason a person can read. A console acts on {@code answer} and {@code refusal}; {@code
 * error} is only shown.
 */
public record CommandResult(
    String requestId, boolean ok, Refusal refusal, String error, Answer answer)
    implements ApiMessage {

  public static CommandResult ok(String requestId, Answer answer) {
    return new CommandResult(requestId, true, null, null, answer);
  }

  public static CommandResult refused(String requestId, Refusal refusal, String error) {
    return new CommandResult(requestId, false, refusal, error, null);
  }

  /** The same result for another request id (an answer kept for one request, shown to another). */
  public CommandResult forRequest(String id) {
    return new CommandResult(id, ok, refusal, error, answer);
  }
}
