package org.parkgate.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.parkgate.api.ApiJson;
import org.parkgate.api.ApiMessage;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.ConsoleEvent;

/**
 * The scenario's own console on the controller's console API: enrolled like a booth, it says hello
 * with its credential, logs people in with their real accounts and sends typed commands with their
 * sessions; every event the controller announces is kept for the run's summary.
 */
final class ConsoleLink implements AutoCloseable {
  private static final Duration ANSWER = Duration.ofSeconds(15);

  private final List<ConsoleEvent> events = new CopyOnWriteArrayList<>();
  private final Map<String, CommandResult> results = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final Object changed = new Object();
  private final WebSocket socket;
  private volatile boolean closed;
  private volatile Calls calls = Calls.NONE;

  /** The controller drops a console silent for 60 s: ping well within that, as a booth does. */
  private static final Duration PING = Duration.ofSeconds(20);

  private final java.util.concurrent.ScheduledExecutorService pinger =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "console ping");
            t.setDaemon(true);
            return t;
          });

  private ConsoleLink(WebSocket socket) {
    this.socket = socket;
    pinger.scheduleWithFixedDelay(
        this::ping, PING.toMillis(), PING.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void ping() {
    try {
      synchronized (socket) {
        socket.sendPing(java.nio.ByteBuffer.allocate(0)).get(5, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      // A link that cannot ping is closed; the next command says so.
    }
  }

  static ConsoleLink connect(int port, String consoleId, String credential) throws Exception {
    ConsoleLink[] self = new ConsoleLink[1];
    StringBuilder partial = new StringBuilder();
    WebSocket ws =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .buildAsync(
                URI.create("ws://127.0.0.1:" + port + "/console"),
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                      String text = partial.toString();
                      partial.setLength(0);
                      while (self[0] == null) {
                        Thread.onSpinWait();
                      }
                      self[0].received(text);
                    }
                    w.request(1);
                    return null;
                  }

                  @Override
                  public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
                    if (self[0] != null) {
                      self[0].closed = true;
                    }
                    return null;
                  }

                  @Override
                  public void onError(WebSocket w, Throwable error) {
                    if (self[0] != null) {
                      self[0].closed = true;
                    }
                  }
                })
            .get(10, TimeUnit.SECONDS);
    ConsoleLink link = new ConsoleLink(ws);
    self[0] = link;
    CommandResult hello =
        link.call(new ConsoleCommand.Hello(link.id("hello"), consoleId, credential, 0));
    if (!hello.ok()) {
      link.close();
      throw new IllegalStateException(
          "the controller refused console " + consoleId + ": " + hello.error());
    }
    return link;
  }

  private void received(String text) {
    ApiMessage m;
    try {
      m = ApiJson.read(text, ApiJson.MAX_ANSWER_BYTES);
    } catch (ApiJson.BadMessageException e) {
      return; // a message of a newer controller: nothing the run acts on
    }
    if (m instanceof ConsoleEvent e) {
      events.add(e);
    } else if (m instanceof CommandResult r && r.requestId() != null) {
      results.put(r.requestId(), r);
    } else if (m instanceof org.parkgate.api.Welcome) {
      results.put("welcome", CommandResult.ok("welcome", null));
    }
    synchronized (changed) {
      changed.notifyAll();
    }
  }

  /** A fresh request id: the run's own prefix, so the ledger shows who asked. */
  String id(String what) {
    return "scenario-" + what + "-" + ids.incrementAndGet() + "-" + System.nanoTime() % 1_000_000;
  }

  /**
   * From now on every command passes through {@code calls} (a recording or a replay); the hello
   * before, with the console's credential, is never recorded.
   */
  void calls(Calls calls) {
    this.calls = calls;
  }

  /** Sends a command and waits for its result; a refusal is a result, no answer is an error. */
  CommandResult call(ConsoleCommand command) throws Exception {
    Calls through = calls;
    if (through == Calls.NONE) {
      return send(command);
    }
    JsonNode tree = ApiJson.mapper().readTree(ApiJson.write(command));
    Calls.Call asked =
        new Calls.Call(Calls.CONTROLLER, tree.path("type").asText(), "/console", tree);
    JsonNode body = through.sending(asked);
    ConsoleCommand sent = body == tree ? command : (ConsoleCommand) ApiJson.read(body.toString());
    Calls.Call call = new Calls.Call(Calls.CONTROLLER, asked.method(), "/console", body);
    CommandResult r;
    try {
      r = send(sent);
    } catch (Exception e) {
      through.answered(call, null, "no answer: " + e.getMessage(), null);
      throw e;
    }
    through.answered(
        call,
        null,
        r.ok() ? null : r.refusal() + ": " + r.error(),
        ApiJson.mapper().readTree(ApiJson.write(r)));
    return r;
  }

  private CommandResult send(ConsoleCommand command) throws Exception {
    if (command instanceof ConsoleCommand.Hello) {
      results.remove("welcome");
    } else {
      // A request sent again (after a refusal, as a booth retries) waits for its new answer.
      results.remove(command.requestId());
    }
    // One send at a time: the vehicles of a run act at once, and a WebSocket takes one frame
    // until the last is out.
    synchronized (socket) {
      socket.sendText(ApiJson.write(command), true).get(5, TimeUnit.SECONDS);
    }
    String key = command instanceof ConsoleCommand.Hello ? "welcome" : command.requestId();
    return await(
            () ->
                Optional.ofNullable(results.get(key))
                    .or(() -> Optional.ofNullable(results.get(command.requestId()))),
            ANSWER)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no answer from the controller to " + command.getClass().getSimpleName()));
  }

  /**
   * The first event since index {@code from} that {@code match} accepts, waiting up to {@code
   * wait}.
   */
  <E extends ConsoleEvent> Optional<E> awaitEvent(
      Class<E> type, int from, Predicate<E> match, Duration wait) throws InterruptedException {
    return await(
        () -> {
          for (int i = from; i < events.size(); i++) {
            ConsoleEvent e = events.get(i);
            if (type.isInstance(e) && match.test(type.cast(e))) {
              return Optional.of(type.cast(e));
            }
          }
          return Optional.empty();
        },
        wait);
  }

  /** How many events have arrived: a mark to look for newer ones from. */
  int mark() {
    return events.size();
  }

  List<ConsoleEvent> events() {
    return List.copyOf(events);
  }

  <T> Optional<T> await(java.util.function.Supplier<Optional<T>> what, Duration wait)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    synchronized (changed) {
      while (true) {
        Optional<T> found = what.get();
        if (found.isPresent() || closed) {
          return found;
        }
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return Optional.empty();
        }
        changed.wait(Math.min(left, 100));
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    pinger.shutdownNow();
    socket.abort();
  }
}
