package org.parkgate.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.parkgate.api.ApiJson;
import org.parkgate.api.ApiMessage;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.money.Money;

/** A console speaking the controller's own console API (WebSocket, JSON), as a booth would. */
final class ConsoleApiClient implements AutoCloseable {
  private final List<ApiMessage> received = new CopyOnWriteArrayList<>();
  private final Map<String, ConsoleEvent.ExitPending> pendingByCard = new ConcurrentHashMap<>();
  private final Map<String, CommandResult> results = new ConcurrentHashMap<>();
  private final WebSocket socket;
  private volatile boolean closed;
  private volatile String session;

  private ConsoleApiClient(HttpClient http, int port) throws Exception {
    StringBuilder partial = new StringBuilder();
    socket =
        http.newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(3))
            .buildAsync(
                URI.create("ws://127.0.0.1:" + port + "/console"),
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                      try {
                        ApiMessage m = ApiJson.read(partial.toString());
                        received.add(m);
                        if (m instanceof ConsoleEvent.ExitPending e) {
                          pendingByCard.put(e.card(), e);
                        } else if (m instanceof CommandResult r && r.requestId() != null) {
                          results.put(r.requestId(), r);
                        }
                      } catch (ApiJson.BadMessageException e) {
                        throw new AssertionError(
                            "controller sent a malformed message: " + partial, e);
                      }
                      partial.setLength(0);
                    }
                    ws.request(1);
                    return null;
                  }

                  @Override
                  public void onError(WebSocket ws, Throwable error) {
                    closed = true;
                  }

                  @Override
                  public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                    closed = true;
                    return null;
                  }
                })
            .get(5, TimeUnit.SECONDS);
  }

  /**
   * Connects as the enrolled console {@code consoleId} with its credential and, unless {@code user}
   * is null, logs in that demo user (password {@code <user>-demo}).
   */
  static ConsoleApiClient connect(
      HttpClient http, int port, String consoleId, String credential, long afterSeq, String user)
      throws Exception {
    ConsoleApiClient c = new ConsoleApiClient(http, port);
    c.send(new ConsoleCommand.Hello("hello-" + System.nanoTime(), consoleId, credential, afterSeq));
    if (user != null) {
      c.login(user, user + "-demo");
    }
    return c;
  }

  /** A raw connection that has said nothing yet: an attacker's, or a console before its hello. */
  static ConsoleApiClient raw(HttpClient http, int port) throws Exception {
    return new ConsoleApiClient(http, port);
  }

  /** Logs a person in; the session is used by every later command of this client. */
  CommandResult login(String user, String password) throws Exception {
    CommandResult r =
        call(new ConsoleCommand.Login("login-" + System.nanoTime(), user, password, "127.0.0.1"))
            .orElseThrow(() -> new AssertionError("no answer to the login of " + user));
    if (r.ok()) {
      session = ((org.parkgate.api.Answer.LoggedIn) r.answer()).session();
    }
    return r;
  }

  String session() {
    return session;
  }

  private boolean onShift;

  /** Sends a command and waits for its one result; empty if none came. */
  Optional<CommandResult> call(ConsoleCommand command) throws Exception {
    results.remove(command.requestId());
    send(command);
    return poll(() -> results.get(command.requestId()), Duration.ofSeconds(10));
  }

  /** Every result received, including those to no request (a malformed message's). */
  List<CommandResult> results() {
    return received.stream()
        .filter(CommandResult.class::isInstance)
        .map(CommandResult.class::cast)
        .toList();
  }

  boolean isOpen() {
    return !closed;
  }

  /** Sends text as it is: a message no console would write. */
  void sendRaw(String json) throws Exception {
    socket.sendText(json, true).get(3, TimeUnit.SECONDS);
  }

  void send(ConsoleCommand command) throws Exception {
    socket.sendText(ApiJson.write(command), true).get(3, TimeUnit.SECONDS);
  }

  /**
   * Sends a cash payment and waits for its result; empty if none came (the controller died). A
   * NOT_RECORDED answer (nothing recorded, e.g. the fee had not yet reached the lane) is sent again
   * with the same request id, as a console does, until another answer or the wait ends.
   */
  Optional<CommandResult> pay(
      String requestId, String lane, long stayId, Money amount, Duration wait) throws Exception {
    long deadline = System.nanoTime() + wait.toNanos();
    if (!onShift) {
      // Payments are taken only on an open shift: open one with an empty drawer (or carry on).
      Optional<CommandResult> open =
          call(
              new ConsoleCommand.OpenShift(
                  "open-shift-" + System.nanoTime(),
                  session,
                  org.parkgate.api.CashCount.empty(amount.currency())));
      onShift = open.isPresent() && open.get().ok();
    }
    while (true) {
      results.remove(requestId);
      send(new ConsoleCommand.RecordCashPayment(requestId, session, lane, stayId, amount));
      Optional<CommandResult> r =
          poll(() -> results.get(requestId), Duration.ofNanos(deadline - System.nanoTime()));
      if (r.isEmpty()
          || r.get().refusal() != org.parkgate.api.Refusal.NOT_RECORDED
          || System.nanoTime() > deadline) {
        return r;
      }
    }
  }

  /** The newest fee-due event for a card, if any. */
  Optional<ConsoleEvent.ExitPending> pending(String card) {
    return Optional.ofNullable(pendingByCard.get(card));
  }

  /** Waits for a fee-due event for the card newer than {@code afterSeq}. */
  Optional<ConsoleEvent.ExitPending> awaitPending(String card, long afterSeq, Duration wait)
      throws InterruptedException {
    return poll(
        () -> {
          ConsoleEvent.ExitPending e = pendingByCard.get(card);
          return e != null && e.seq() > afterSeq ? e : null;
        },
        wait);
  }

  private <T> Optional<T> poll(Supplier<T> what, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      T found = what.get();
      if (found != null) {
        return Optional.of(found);
      }
      if (System.nanoTime() > deadline || closed) {
        return Optional.empty();
      }
      Thread.sleep(10);
    }
  }

  /** Every event received, in arrival order. */
  List<ConsoleEvent> events() {
    return received.stream()
        .filter(ConsoleEvent.class::isInstance)
        .map(ConsoleEvent.class::cast)
        .toList();
  }

  @Override
  public void close() {
    closed = true;
    socket.abort();
  }
}
