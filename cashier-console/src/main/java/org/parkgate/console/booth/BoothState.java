package org.parkgate.console.booth;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.parkgate.api.ConsoleEvent;
import org.parkgate.api.Welcome;
import org.parkgate.site.LaneConfig;
import org.parkgate.site.LaneKind;
import org.parkgate.site.SiteConfig;

/**
 * The console's picture of the site, built only from controller events (the console never decides
 * fees or lane state itself). Not thread-safe: {@link BrowserHub} serialises access.
 */
public final class BoothState {
  static final int LOG_SIZE = 100;
  static final int SHIFTS_KEPT = 20;

  private final BoothView.Site site;
  private final BoothFormat format;
  private final Map<String, LaneCard> lanes = new LinkedHashMap<>();

  /** The site's lanes, from the site file and the controller's welcome: what may be commanded. */
  private final Set<String> siteLanes = new LinkedHashSet<>();

  private final ArrayDeque<BoothView.LogEntry> log = new ArrayDeque<>();
  private final ArrayDeque<BoothView.Shift> shifts = new ArrayDeque<>();
  private final OpenIncidents incidents = new OpenIncidents();

  /** Free passes asked and not yet decided, by pass number: what supervisors are shown. */
  private final Map<Long, ConsoleEvent.FreePassAsked> freePasses = new TreeMap<>();

  private boolean online;
  private String linkDetail = "正在连接控制器 · Connecting to the controller";
  private long lastSeq;
  private org.parkgate.console.printer.PrinterReport printer =
      org.parkgate.console.printer.PrinterReport.NONE;

  public BoothState(SiteConfig config) {
    this.format = new BoothFormat(config.zone());
    this.site =
        new BoothView.Site(
            config.id(),
            config.name(),
            config.zone().getId(),
            config.currency().getCurrencyCode(),
            BoothFormat.symbol(config.currency()));
    for (LaneConfig lane : config.lanes()) {
      siteLanes.add(lane.id());
      lanes.put(lane.id(), new LaneCard(lane.id(), lane.name(), lane.kind()));
    }
  }

  public void linkUp(Welcome welcome) {
    online = true;
    linkDetail = "控制器在线 · Controller online";
    for (String id : welcome.lanes()) {
      siteLanes.add(id);
      lanes.computeIfAbsent(
          id, k -> new LaneCard(k, k, k.startsWith("entry") ? LaneKind.ENTRY : LaneKind.EXIT));
    }
  }

  public void linkDown(String reason) {
    online = false;
    linkDetail = "控制器离线 · Controller offline — " + reason;
  }

  public boolean online() {
    return online;
  }

  /** How the booth writes the site's times and money. */
  public BoothFormat format() {
    return format;
  }

  /** Whether {@code lane} is one of the site's lanes (not merely a name an event carried). */
  public boolean hasLane(String lane) {
    return siteLanes.contains(lane);
  }

  /** The site's lane ids, in site order. */
  public List<String> laneIds() {
    return List.copyOf(siteLanes);
  }

  /** The site's exit lanes, in site order: where a driver can wait to pay. */
  public List<String> exitLaneIds() {
    return siteLanes.stream().filter(id -> lanes.get(id).kind == LaneKind.EXIT).toList();
  }

  /** Forgets everything learnt from events, before the controller's history is replayed. */
  public void reset() {
    lanes.values().forEach(LaneCard::clear);
    log.clear();
    shifts.clear();
    freePasses.clear();
    incidents.clear();
    lastSeq = 0;
  }

  /** Applies one event; returns the log line it makes, if any. */
  public Optional<BoothView.LogEntry> apply(ConsoleEvent event) {
    lastSeq = event.seq();
    incidents.apply(event);
    String shiftEnd = OpenIncidents.describe(event);
    if (shiftEnd != null) {
      String laneName =
          event.lane() != null && lanes.containsKey(event.lane())
              ? lanes.get(event.lane()).name
              : event.lane() == null ? "" : event.lane();
      return Optional.of(logged(event, laneName, shiftEnd));
    }
    if (event instanceof ConsoleEvent.ShiftClosed shift) {
      return Optional.of(shiftClosed(shift));
    }
    if (event.lane() == null) {
      // A reset of a card that was not inside, for one: it belongs to no lane, so it makes none.
      String text = EventWords.describe(event);
      return text == null ? Optional.empty() : Optional.of(logged(event, "", text));
    }
    if (event instanceof ConsoleEvent.FreePassAsked asked) {
      freePasses.put(asked.passNo(), asked);
    } else if (event instanceof ConsoleEvent.FreePassDecided decided) {
      freePasses.remove(decided.passNo());
    }
    if (event instanceof ConsoleEvent.VehicleLeft v) {
      // A stay closed elsewhere (a supervisor's card reset) is not waiting to pay at any exit.
      lanes.values().stream()
          .filter(l -> !l.id.equals(v.lane()))
          .forEach(l -> l.noLongerPending(v.stayId()));
    }
    // Not one of the site's lanes (a pay station, a supervisor closing a stay, a lane since
    // removed from the site file): logged under its name, with no lane card of its own.
    LaneCard lane =
        siteLanes.contains(event.lane())
            ? lanes.get(event.lane())
            : new LaneCard(event.lane(), event.lane(), LaneKind.EXIT);
    String text = lane.apply(event);
    if (text == null) {
      return Optional.empty();
    }
    return Optional.of(logged(event, lane.name, text));
  }

  private BoothView.LogEntry logged(ConsoleEvent event, String laneName, String text) {
    String kind = event.getClass().getSimpleName();
    return remember(
        new BoothView.LogEntry(event.seq(), format.dateTime(event.at()), laneName, kind, text));
  }

  /** Keeps a log line among the latest {@link #LOG_SIZE}. */
  private BoothView.LogEntry remember(BoothView.LogEntry entry) {
    log.addLast(entry);
    while (log.size() > LOG_SIZE) {
      log.removeFirst();
    }
    return entry;
  }

  /** A shift report belongs to its cashier, not a lane: kept apart, newest first. */
  private BoothView.LogEntry shiftClosed(ConsoleEvent.ShiftClosed e) {
    List<BoothView.ShiftTotal> totals = new ArrayList<>();
    for (ConsoleEvent.ShiftTotal t : e.totals()) {
      totals.add(
          new BoothView.ShiftTotal(
              t.paid().currency().getCurrencyCode(),
              t.payments(),
              BoothFormat.money(t.paid()),
              t.reversals(),
              BoothFormat.money(t.reversed()),
              BoothFormat.money(t.paid().plus(t.reversed()))));
    }
    shifts.addFirst(
        new BoothView.Shift(
            e.shiftNo(),
            e.cashier(),
            format.dateTime(e.openedAt()),
            format.dateTime(e.at()),
            e.payments(),
            e.reversals(),
            e.payments() == 0 ? "" : e.firstReceipt() + " .. " + e.lastReceipt(),
            totals,
            e.chainLink(),
            e.chainHead(),
            BoothFormat.money(e.cashFloat()),
            BoothFormat.money(e.expectedCash()),
            BoothFormat.money(e.countedCash()),
            BoothFormat.money(e.variance()),
            DrawerView.tenders(e.byTender())));
    while (shifts.size() > SHIFTS_KEPT) {
      shifts.removeLast();
    }
    return remember(
        new BoothView.LogEntry(
            e.seq(),
            format.dateTime(e.at()),
            "",
            "ShiftClosed",
            EventWords.shiftClosed(e, totals)));
  }

  /** The exit waiting at a lane, if any: what a cash payment must match. */
  public Optional<ConsoleEvent.ExitPending> pendingAt(String lane) {
    LaneCard l = lanes.get(lane);
    return l == null ? Optional.empty() : Optional.ofNullable(l.pending());
  }

  /** The booth printer's latest report. */
  public void printer(org.parkgate.console.printer.PrinterReport report) {
    this.printer = report;
  }

  public BoothView.State view() {
    List<BoothView.Lane> views = new ArrayList<>();
    lanes.values().forEach(l -> views.add(l.view(format)));
    String text = printer.state().text();
    if (printer.waiting() > 0) {
      text += " — " + printer.waiting() + " 张待打印 · " + printer.waiting() + " waiting to print";
    }
    return new BoothView.State(
        "state",
        site,
        new BoothView.Link(online, linkDetail, lastSeq),
        new BoothView.Printer(
            printer.state().name(),
            printer.state().alarm() || printer.waiting() > 0,
            text,
            printer.address(),
            printer.waiting(),
            printer.dropped()),
        views,
        List.copyOf(shifts),
        freePasses.values().stream()
            .map(
                p ->
                    new BoothView.FreePass(
                        p.passNo(),
                        p.lane(),
                        p.stayId(),
                        p.card() == null ? "" : p.card(),
                        p.plate() == null ? "" : p.plate(),
                        p.fee() == null ? "" : BoothFormat.money(p.fee()),
                        p.reason(),
                        p.askedBy(),
                        format.dateTime(p.at())))
            .toList(),
        incidents.view(format));
  }

  /** The free passes waiting for a supervisor, oldest first. */
  public List<ConsoleEvent.FreePassAsked> freePasses() {
    return List.copyOf(freePasses.values());
  }

  public BoothView.Log log() {
    return new BoothView.Log("log", List.copyOf(log));
  }
}
