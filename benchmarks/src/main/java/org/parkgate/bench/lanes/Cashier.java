package org.parkgate.bench.lanes;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.parkgate.api.Answer;
import org.parkgate.api.ApiJson;
import org.parkgate.api.ApiMessage;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.tls.Fingerprint;
import org.parkgate.tls.PinnedTrustManager;

/**
 * A booth on the controller's console API (WebSocket, JSON), as the cashier console speaks it: an
 * enrolled console that says hello with its credential and logs its cashier in, then notes when
 * each fee appears and pays it in cash after the options' delay. With a pinned certificate it
 * speaks wss:// and trusts that certificate only, as a booth does when the controller has TLS on.
 */
final class Cashier implements AutoCloseable {
  /** The console the bench enrols in the controller's ledger before starting it. */
  static final String CONSOLE = "bench-booth";

  /** The cashier whose account the bench adds to that ledger. */
  static final String USER = "bench-cashier";

  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "bench-cashier"));
  private final Map<String, PeakLane> lanes;
  private final PeakOptions options;
  private final Window window;
  private final StringBuilder partial = new StringBuilder();
  final AtomicLong events = new AtomicLong();
  final AtomicLong feesShown = new AtomicLong();
  final AtomicLong refusals = new AtomicLong();
  final AtomicLong cardsRejected = new AtomicLong();
  private CompletableFuture<WebSocket> sending;
  private final CompletableFuture<String> session = new CompletableFuture<>();
  private volatile boolean closed;

  /** How the link is carried, for the report: plain ws://, or wss:// with what was negotiated. */
  String link = "plain ws:// (no TLS)";

  private Cashier(List<PeakLane> lanes, PeakOptions options, Window window) {
    this.lanes = lanes.stream().collect(Collectors.toMap(l -> l.id, Function.identity()));
    this.options = options;
    this.window = window;
  }

  /**
   * Connects as {@link #CONSOLE} with its {@code credential} and logs {@link #USER} in with {@code
   * password}; returns once the controller has answered the login. With {@code pin} (not null) it
   * connects with wss:// trusting exactly the certificate of that fingerprint; without, ws://.
   */
  static Cashier connect(
      int port,
      Fingerprint pin,
      long afterSeq,
      String credential,
      String password,
      List<PeakLane> lanes,
      PeakOptions options,
      Window window)
      throws Exception {
    Cashier cashier = new Cashier(lanes, options, window);
    HttpClient.Builder client = HttpClient.newBuilder().executor(cashier.thread);
    String scheme = "ws";
    if (pin != null) {
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, new TrustManager[] {new PinnedTrustManager(pin)}, null);
      client.sslContext(tls);
      scheme = "wss";
      cashier.link = "wss:// " + negotiated(tls, port) + ", controller certificate pinned " + pin;
    }
    WebSocket ws =
        client
            .build()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .buildAsync(
                URI.create(scheme + "://127.0.0.1:" + port + "/console"), cashier.listener())
            .get(10, TimeUnit.SECONDS);
    cashier
        .thread
        .submit(
            () -> {
              cashier.sending = CompletableFuture.completedFuture(ws);
              cashier.send(new ConsoleCommand.Hello("hello", CONSOLE, credential, afterSeq));
              cashier.send(new ConsoleCommand.Login("login", USER, password, null));
            })
        .get();
    try {
      cashier.session.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      cashier.close();
      throw new IllegalStateException(USER + " could not log in at " + CONSOLE + ": " + e, e);
    }
    // The controller closes a console silent for 60 s; payments may be rarer than that.
    cashier.thread.scheduleAtFixedRate(
        () ->
            cashier.sending = cashier.sending.thenCompose(w -> w.sendPing(ByteBuffer.allocate(0))),
        20,
        20,
        TimeUnit.SECONDS);
    return cashier;
  }

  /**
   * The protocol and cipher suite the controller agrees to with {@code tls}, from one handshake on
   * a connection of its own (the WebSocket client does not show its session).
   */
  private static String negotiated(SSLContext tls, int port) throws Exception {
    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      return socket.getSession().getProtocol() + " " + socket.getSession().getCipherSuite();
    }
  }

  /** Sends on the cashier thread, one message after the other as the WebSocket requires. */
  private void send(ConsoleCommand command) {
    String json = ApiJson.write(command);
    sending = sending.thenCompose(w -> w.sendText(json, true));
  }

  private WebSocket.Listener listener() {
    return new WebSocket.Listener() {
      @Override
      public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          long at = System.nanoTime();
          try {
            received(ApiJson.read(partial.toString()), at);
          } catch (ApiJson.BadMessageException e) {
            System.out.println("controller sent a malformed message: " + partial);
          }
          partial.setLength(0);
        }
        ws.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
        if (!closed) {
          System.out.println("console link closed by the controller: " + status + " " + reason);
        }
        return null;
      }

      @Override
      public void onError(WebSocket ws, Throwable error) {
        if (!closed) {
          System.out.println("console link failed: " + error);
        }
      }
    };
  }

  private void received(ApiMessage message, long at) {
    events.incrementAndGet();
    if (message instanceof ConsoleEvent.ExitPending fee) {
      feesShown.incrementAndGet();
      window.decided(fee.card(), at, window.owingExit);
      PeakLane lane = lanes.get(fee.lane());
      if (lane instanceof PeakLane.Exit exit) {
        exit.loop.execute(() -> exit.feeShown(fee.card()));
      }
      thread.schedule(
          () -> {
            window.paySent.put(fee.card(), System.nanoTime());
            send(
                new ConsoleCommand.RecordCashPayment(
                    "pay-" + fee.card(), session.join(), fee.lane(), fee.stayId(), fee.due()));
          },
          options.payDelay().toMillis(),
          TimeUnit.MILLISECONDS);
    } else if (message instanceof CommandResult r && "login".equals(r.requestId())) {
      if (r.answer() instanceof Answer.LoggedIn in) {
        // Payments are taken only on an open shift: open one with an empty float first.
        send(
            new ConsoleCommand.OpenShift(
                "open-shift",
                in.session(),
                org.parkgate.api.CashCount.empty(java.util.Currency.getInstance("CNY"))));
        session.complete(in.session());
      } else {
        session.completeExceptionally(new IllegalStateException("login refused: " + r));
      }
    } else if (message instanceof CommandResult r && !r.ok()) {
      if (refusals.incrementAndGet() <= 5) {
        System.out.println("console command refused: " + r);
      }
    } else if (message instanceof ConsoleEvent.CardRejected r) {
      if (cardsRejected.incrementAndGet() <= 5) {
        System.out.println("card rejected: " + r);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.shutdownNow();
  }
}
