package org.parkgate.controller.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import org.parkgate.api.ApiJson;
import org.parkgate.api.ApiMessage;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.money.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's system of record in one SQLite file (WAL, synchronous=FULL). A method returns
 * only after its transaction is durably committed, so whatever it acknowledges survives a crash.
 * One connection and one writer: callers run these methods off the network threads.
 */
public final class Ledger implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Ledger.class);

  private final Connection db;
  private final String siteId;
  private final List<ConsoleEvent> appended = new ArrayList<>();
  private final List<Runnable> undo = new ArrayList<>();
  private int depth;
  private java.util.function.Consumer<ConsoleEvent> committedEvents = e -> {};
  private PreparedStatement openStayByCard;
  private PreparedStatement entriesByPlate;

  private Ledger(Connection db, String siteId) {
    this.db = db;
    this.siteId = siteId;
  }

  /** Opens (creating if needed) the ledger file, checks it and applies pending migrations. */
  public static Ledger open(Path file, String siteId) {
    try {
      OwnerOnly.createFile(file);
      Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = db.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA foreign_keys=ON");
        s.execute("PRAGMA busy_timeout=5000");
        try (ResultSet r = s.executeQuery("PRAGMA quick_check")) {
          String result = r.getString(1);
          if (!"ok".equals(result)) {
            db.close();
            throw new LedgerException(
                "ledger "
                    + file
                    + " is damaged (quick_check: "
                    + result
                    + "); refusing to run on it");
          }
        }
      }
      int applied = Migrations.apply(db);
      log.info(
          "ledger: {} open, schema version {} ({} migrations applied now)",
          file,
          Migrations.currentVersion(db),
          applied);
      return new Ledger(db, siteId);
    } catch (SQLException | java.io.IOException e) {
      throw new LedgerException("cannot open ledger " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Receives each event once its transaction has committed, in sequence order, on the thread that
   * wrote it: the consoles hear of nothing that a crash could take back.
   */
  public synchronized void onCommittedEvent(java.util.function.Consumer<ConsoleEvent> listener) {
    this.committedEvents = listener;
  }

  /** Records a casual parker's entry and the event announcing it; returns the new stay. */
  public synchronized Stay recordEntry(String lane, String card, Instant at) {
    return inTransaction(() -> insertEntry(lane, card, at));
  }

  /**
   * Opens a stay inside the caller's transaction. A card has at most one open stay: whether a card
   * already inside may pass is decided before this (anti-passback), which closes its stay first.
   */
  Stay insertEntry(String lane, String card, Instant at) throws SQLException {
    if (openStayQuery(card).isPresent()) {
      throw new LedgerException("card " + card + " is already inside");
    }
    long stayId =
        insert("INSERT INTO entries(card, lane, entered_at) VALUES (?, ?, ?)", card, lane, at);
    HashChain.append(db, ChainedTable.ENTRIES, stayId);
    long id = stayId;
    appendEvent(lane, seq -> new ConsoleEvent.EntryRecorded(seq, at, lane, id, card));
    return new Stay(stayId, card, lane, at);
  }

  /** The stay a card is on, if the card entered and has not left. */
  public synchronized Optional<Stay> openStay(String card) {
    try {
      return openStayQuery(card);
    } catch (SQLException e) {
      throw new LedgerException("cannot look up card " + card + ": " + e.getMessage(), e);
    }
  }

  /** The stay with this number if it is still open (entered and not left). */
  public synchronized Optional<Stay> openStayById(long stayId) {
    try {
      return LedgerRows.first(
          db,
          "SELECT e.stay_id, e.card, e.lane, e.entered_at FROM entries e WHERE e.stay_id = ?"
              + " AND NOT EXISTS (SELECT 1 FROM exits x WHERE x.stay_id = e.stay_id)",
          Ledger::stay,
          stayId);
    } catch (SQLException e) {
      throw new LedgerException("cannot look up stay " + stayId + ": " + e.getMessage(), e);
    }
  }

  /** At most this many open stays are returned for one plate. */
  public static final int MAX_OPEN_BY_PLATE = 8;

  /**
   * The open stays of the vehicle with this plate, newest first, for a driver who lost the card.
   * The plate is compared as {@link Plates#normal} writes it, against what the entry cameras read.
   *
   * <p>Only the plate's newest entries are read: walking back from the newest, every stay still
   * open is returned, up to the first one that has left (or {@link #MAX_OPEN_BY_PLATE}). Usually
   * that is one stay or none. More than one means the plate entered again while an earlier stay of
   * it was open: a car let out without its exit recorded, or two vehicles showing one plate; the
   * cashier tells them apart by card, lane, time and colour. A stay older than one of the plate's
   * that left is not returned, however many stays the plate had before: the vehicle has been out
   * since. Stays entered at a lane without a camera, or whose plate it could not read, are not
   * found by plate. The statement is prepared once and reads through the index {@code
   * sightings_plate} from the newest entry back, so the cost does not grow with the ledger.
   *
   * @throws LedgerException naming what is wrong when the plate is not 1-16 letters or digits
   */
  public synchronized List<PlateStay> openStayByPlate(String plate) {
    String problem = Plates.problem(plate);
    if (problem != null) {
      throw new LedgerException(problem);
    }
    String normal = Plates.normal(plate);
    try {
      if (entriesByPlate == null) {
        // CROSS JOIN keeps sightings the outer loop, so the index is walked newest first.
        entriesByPlate =
            db.prepareStatement(
                "SELECT s.stay_id, e.card, e.lane, e.entered_at, s.lane, s.plate,"
                    + " s.vehicle_class, s.colour, s.seen_at,"
                    + " EXISTS (SELECT 1 FROM exits x WHERE x.stay_id = s.stay_id)"
                    + " FROM sightings s CROSS JOIN entries e ON e.stay_id = s.stay_id"
                    + " WHERE s.plate = ? AND s.direction = 'entry'"
                    + " ORDER BY s.sighting_id DESC LIMIT "
                    + (MAX_OPEN_BY_PLATE + 1));
      }
      entriesByPlate.setString(1, normal);
      List<PlateStay> open = new ArrayList<>();
      try (ResultSet r = entriesByPlate.executeQuery()) {
        while (r.next() && open.size() < MAX_OPEN_BY_PLATE) {
          long stayId = r.getLong(1);
          if (r.getInt(10) == 1) {
            break;
          }
          if (open.stream().anyMatch(o -> o.stay().stayId() == stayId)) {
            continue; // a second sighting of the same entry
          }
          Stay stay = stay(r);
          Sightings.Seen seen =
              new Sightings.Seen(
                  stayId,
                  r.getString(5),
                  Sightings.Direction.ENTRY,
                  r.getString(6),
                  r.getString(7),
                  r.getString(8),
                  Instant.parse(r.getString(9)));
          open.add(new PlateStay(stay, seen));
        }
      }
      return open;
    } catch (SQLException e) {
      throw new LedgerException("cannot look up plate " + normal + ": " + e.getMessage(), e);
    }
  }

  /** What was paid for a stay, net of reversals. */
  public synchronized Money paidFor(long stayId, Currency currency) {
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT COALESCE(SUM(amount_minor), 0) FROM payments WHERE stay_id = ? AND currency = ?")) {
      p.setLong(1, stayId);
      p.setString(2, currency.getCurrencyCode());
      try (ResultSet r = p.executeQuery()) {
        return Money.of(r.getLong(1) + reversedFor(stayId, currency), currency);
      }
    } catch (SQLException e) {
      throw new LedgerException(
          "cannot read payments of stay " + stayId + ": " + e.getMessage(), e);
    }
  }

  private long reversedFor(long stayId, Currency currency) throws SQLException {
    return LedgerRows.first(
            db,
            "SELECT COALESCE(SUM(v.amount_minor), 0) FROM reversals v"
                + " JOIN payments p ON p.payment_id = v.payment_id WHERE p.stay_id = ? AND v.currency = ?",
            r -> r.getLong(1),
            stayId,
            currency.getCurrencyCode())
        .orElseThrow();
  }

  /**
   * Reverses a payment by its receipt number: a new entry with the negated amount that names the
   * original, made by a supervisor (not the cashier who took it) with a reason. The original is
   * never changed. A request id seen before returns its first reversal.
   */
  public synchronized Reversal reversePayment(
      String requestId, String receiptNo, String supervisor, String reason, Instant at) {
    if (supervisor == null || supervisor.isBlank()) {
      throw new LedgerException("a reversal needs the supervisor who makes it");
    }
    if (reason == null || reason.isBlank()) {
      throw new LedgerException("a reversal needs a reason");
    }
    return inTransaction(
        () -> {
          Optional<Reversal> earlier = Reversals.find(db, " WHERE v.request_id = ?", requestId);
          if (earlier.isPresent()) {
            return earlier.get();
          }
          Reversal made =
              Reversals.record(db, requestId, receiptNo, supervisor.trim(), reason.trim(), at);
          String lane = laneOfPayment(made.paymentId());
          Money taken = Money.zero(made.amount().currency()).minus(made.amount());
          appendEvent(
              lane,
              seq ->
                  new ConsoleEvent.PaymentReversed(
                      seq,
                      made.reversedAt(),
                      lane,
                      made.receiptNo(),
                      taken,
                      made.supervisor(),
                      made.reason()));
          return made;
        });
  }

  private String laneOfPayment(long paymentId) throws SQLException {
    return LedgerRows.first(
            db, "SELECT lane FROM payments WHERE payment_id = ?", r -> r.getString(1), paymentId)
        .orElseThrow(() -> new LedgerException("no payment " + paymentId));
  }

  /**
   * Records a payment with the next receipt number, or, if this request id was recorded before,
   * returns that payment unchanged: a retried command never charges twice.
   */
  public synchronized Payment recordPayment(
      String requestId, long stayId, String lane, Money amount, String cashier, Instant at) {
    return inTransaction(
        () -> {
          Optional<Payment> earlier = paymentByRequest(requestId);
          if (earlier.isPresent()) {
            return earlier.get();
          }
          Stay stay = stayById(stayId).orElseThrow(() -> new LedgerException("no stay " + stayId));
          Shifts.openIfNone(db, cashier, at, requestId);
          long receiptSeq;
          try (Statement s = db.createStatement();
              ResultSet r =
                  s.executeQuery("SELECT COALESCE(MAX(receipt_seq), 0) + 1 FROM payments")) {
            receiptSeq = r.getLong(1);
          }
          String receiptNo = String.format("%s-%06d", siteId, receiptSeq);
          long paymentId =
              insert(
                  "INSERT INTO payments(receipt_seq, receipt_no, stay_id, lane, amount_minor, currency, method, cashier, request_id, paid_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, 'cash', ?, ?, ?)",
                  receiptSeq,
                  receiptNo,
                  stayId,
                  lane,
                  amount.minor(),
                  amount.currency().getCurrencyCode(),
                  cashier,
                  requestId,
                  at);
          HashChain.append(db, ChainedTable.PAYMENTS, paymentId);
          appendEvent(
              lane,
              seq ->
                  new ConsoleEvent.PaymentRecorded(
                      seq, at, lane, stayId, stay.card(), amount, receiptNo, cashier));
          return new Payment(paymentId, receiptNo, stayId, lane, amount, cashier, requestId, at);
        });
  }

  /** Closes a stay: the vehicle has left through an exit lane. */
  public synchronized void recordExit(long stayId, String lane, Instant at) {
    inTransaction(
        () -> {
          insertExit(stayId, lane, at);
          return null;
        });
  }

  /** Closes a stay inside the caller's transaction. */
  void insertExit(long stayId, String lane, Instant at) throws SQLException {
    Stay stay = stayById(stayId).orElseThrow(() -> new LedgerException("no stay " + stayId));
    LedgerRows.update(
        db, "INSERT INTO exits(stay_id, lane, exited_at) VALUES (?, ?, ?)", stayId, lane, at);
    HashChain.append(db, ChainedTable.EXITS, stayId);
    appendEvent(lane, seq -> new ConsoleEvent.VehicleLeft(seq, at, lane, stayId, stay.card()));
  }

  /** Records an event that changes no money or stay (lane status, device status, rejections). */
  public synchronized ConsoleEvent recordEvent(String lane, LongFunction<ConsoleEvent> event) {
    return inTransaction(() -> appendEvent(lane, event));
  }

  /** Runs several ledger calls as one transaction: all of them commit, or none does. */
  public synchronized <T> T atomically(java.util.function.Supplier<T> steps) {
    return inTransaction(steps::get);
  }

  /** An event waiting to be recorded with others, and the lane it belongs to. */
  public record PendingEvent(String lane, LongFunction<ConsoleEvent> event) {}

  /**
   * Records events that change no money or stay in one transaction (one commit, one fsync), in the
   * order given; the listener hears of them after the commit, in that order.
   */
  public synchronized void recordEvents(List<PendingEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    inTransaction(
        () -> {
          for (PendingEvent e : events) {
            appendEvent(e.lane(), e.event());
          }
          return null;
        });
  }

  /** Events after {@code seq}, oldest first, at most {@code limit}. */
  public synchronized List<ConsoleEvent> eventsAfter(long seq, int limit) {
    List<ConsoleEvent> events = new ArrayList<>();
    try (PreparedStatement p =
        db.prepareStatement("SELECT json FROM events WHERE seq > ? ORDER BY seq LIMIT ?")) {
      p.setLong(1, seq);
      p.setInt(2, limit);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          ApiMessage message = ApiJson.read(r.getString(1));
          events.add((ConsoleEvent) message);
        }
      }
      return events;
    } catch (SQLException | ApiJson.BadMessageException e) {
      throw new LedgerException("cannot read events after " + seq + ": " + e.getMessage(), e);
    }
  }

  public synchronized long lastSeq() {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM events")) {
      return r.getLong(1);
    } catch (SQLException e) {
      throw new LedgerException("cannot read the last event: " + e.getMessage(), e);
    }
  }

  public synchronized List<Payment> payments() {
    try {
      return LedgerRows.list(
          db,
          "SELECT payment_id, receipt_no, stay_id, lane, amount_minor, currency, cashier, request_id, paid_at"
              + " FROM payments ORDER BY receipt_seq",
          Ledger::payment);
    } catch (SQLException e) {
      throw new LedgerException("cannot read payments: " + e.getMessage(), e);
    }
  }

  /** Appends an event inside a transaction run by {@link #inTransaction}. */
  ConsoleEvent append(String lane, LongFunction<ConsoleEvent> factory) throws SQLException {
    return appendEvent(lane, factory);
  }

  /** Appends an event inside the caller's transaction; consoles hear of it after the commit. */
  ConsoleEvent appendEvent(String lane, LongFunction<ConsoleEvent> factory) throws SQLException {
    long seq;
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT COALESCE(MAX(seq), 0) + 1 FROM events")) {
      seq = r.getLong(1);
    }
    ConsoleEvent event = factory.apply(seq);
    appended.add(event);
    LedgerRows.update(
        db,
        "INSERT INTO events(seq, recorded_at, lane, json) VALUES (?, ?, ?, ?)",
        seq,
        event.at(),
        lane,
        ApiJson.write(event));
    HashChain.append(db, ChainedTable.EVENTS, seq);
    return event;
  }

  /**
   * A card is open on its newest stay or on none (an entry is refused while the card is inside), so
   * only that one stay is looked at: a recycled card with thousands of past stays costs the same
   * two index searches as a new one. The statement is prepared once; every exit asks this.
   */
  Optional<Stay> openStayQuery(String card) throws SQLException {
    if (openStayByCard == null) {
      openStayByCard =
          db.prepareStatement(
              "SELECT e.stay_id, e.card, e.lane, e.entered_at FROM"
                  + " (SELECT stay_id, card, lane, entered_at FROM entries WHERE card = ?"
                  + " ORDER BY stay_id DESC LIMIT 1) e"
                  + " WHERE NOT EXISTS (SELECT 1 FROM exits x WHERE x.stay_id = e.stay_id)");
    }
    openStayByCard.setString(1, card);
    try (ResultSet r = openStayByCard.executeQuery()) {
      return r.next() ? Optional.of(stay(r)) : Optional.empty();
    }
  }

  Optional<Stay> stayById(long stayId) throws SQLException {
    return LedgerRows.first(
        db,
        "SELECT stay_id, card, lane, entered_at FROM entries WHERE stay_id = ?",
        Ledger::stay,
        stayId);
  }

  /** A stay from the columns stay_id, card, lane, entered_at. */
  private static Stay stay(ResultSet r) throws SQLException {
    return new Stay(r.getLong(1), r.getString(2), r.getString(3), Instant.parse(r.getString(4)));
  }

  /** The payment recorded for a console request, if that request was carried out before. */
  public synchronized Optional<Payment> paymentFor(String requestId) {
    try {
      return paymentByRequest(requestId);
    } catch (SQLException e) {
      throw new LedgerException("cannot look up request " + requestId + ": " + e.getMessage(), e);
    }
  }

  /** The payment with this receipt number, if there is one. */
  public Optional<Payment> paymentByReceipt(String receiptNo) {
    return first(
        "SELECT payment_id, receipt_no, stay_id, lane, amount_minor, currency, cashier, request_id, paid_at"
            + " FROM payments WHERE receipt_no = ?",
        Ledger::payment,
        receiptNo);
  }

  private Optional<Payment> paymentByRequest(String requestId) throws SQLException {
    return LedgerRows.first(
        db,
        "SELECT payment_id, receipt_no, stay_id, lane, amount_minor, currency, cashier, request_id, paid_at"
            + " FROM payments WHERE request_id = ?",
        Ledger::payment,
        requestId);
  }

  private static Payment payment(ResultSet r) throws SQLException {
    return new Payment(
        r.getLong(1),
        r.getString(2),
        r.getLong(3),
        r.getString(4),
        Money.of(r.getLong(5), r.getString(6)),
        r.getString(7),
        r.getString(8),
        Instant.parse(r.getString(9)));
  }

  interface Work<T> {
    T run() throws SQLException;
  }

  /** Runs read-only work on the ledger's connection, under its lock. */
  synchronized <T> T read(Work<T> work) {
    try {
      return work.run();
    } catch (SQLException e) {
      throw new LedgerException("ledger read failed: " + e.getMessage(), e);
    }
  }

  /**
   * Every row {@code sql} returns, in its order, each read by {@code row}; {@code args} are bound
   * to its {@code ?} as {@link LedgerRows#bind} says. Runs as {@link #read} does: under the
   * ledger's lock (inside the caller's transaction, if there is one), an SQL failure thrown as a
   * {@link LedgerException}.
   */
  <T> List<T> list(String sql, LedgerRows.Row<T> row, Object... args) {
    return read(() -> LedgerRows.list(db, sql, row, args));
  }

  /** As {@link #list}, only the first row; empty if there is none. */
  <T> Optional<T> first(String sql, LedgerRows.Row<T> row, Object... args) {
    return read(() -> LedgerRows.first(db, sql, row, args));
  }

  /** Whether {@code sql} returns a row; run as {@link #list} is. */
  boolean exists(String sql, Object... args) {
    return first(sql, r -> true, args).isPresent();
  }

  /**
   * Inserts one row inside the caller's transaction ({@link #inTransaction}) and returns its row id
   * for the caller to chain; {@code args} are bound as {@link LedgerRows#bind} says. An SQL failure
   * is left to the transaction, which rolls back and reports it.
   */
  long insert(String sql, Object... args) throws SQLException {
    return LedgerRows.insert(db, sql, args);
  }

  Connection connection() {
    return db;
  }

  /**
   * BEGIN IMMEDIATE takes the write lock up front, so numbering inside the transaction cannot race.
   * Called inside another transaction, the work joins it: several ledger steps commit as one.
   */
  synchronized <T> T inTransaction(Work<T> work) {
    if (depth > 0) {
      try {
        return work.run();
      } catch (SQLException e) {
        throw new LedgerException("ledger write failed: " + e.getMessage(), e);
      }
    }
    try {
      try (Statement s = db.createStatement()) {
        s.execute("BEGIN IMMEDIATE");
      }
      depth++;
      try {
        T result = work.run();
        depth--;
        try (Statement s = db.createStatement()) {
          s.execute("COMMIT");
        }
        List<ConsoleEvent> committed = List.copyOf(appended);
        appended.clear();
        undo.clear();
        committed.forEach(committedEvents);
        return result;
      } catch (SQLException | RuntimeException e) {
        depth = 0;
        appended.clear();
        try (Statement s = db.createStatement()) {
          s.execute("ROLLBACK");
        } finally {
          for (int i = undo.size() - 1; i >= 0; i--) {
            undo.get(i).run();
          }
          undo.clear();
        }
        throw e;
      }
    } catch (SQLException e) {
      throw new LedgerException("ledger write failed: " + e.getMessage(), e);
    }
  }

  /**
   * Inside a transaction: {@code action} runs if it rolls back (latest first), so what is kept in
   * memory beside the ledger (counts, quotes) goes back with it. Outside one the change stands:
   * nothing will roll it back.
   */
  public synchronized void onRollback(Runnable action) {
    if (depth > 0) {
      undo.add(action);
    }
  }

  @Override
  public synchronized void close() {
    try {
      if (openStayByCard != null) {
        openStayByCard.close();
      }
      if (entriesByPlate != null) {
        entriesByPlate.close();
      }
      db.close();
    } catch (SQLException e) {
      log.warn("ledger: close failed: {}", e.getMessage());
    }
  }
}
