package org.parkgate.controller.site;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parkgate.controller.ledger.Blacklist;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.LedgerException;
import org.parkgate.controller.ledger.SeasonCard;
import org.parkgate.controller.ledger.SeasonCards;

/**
 * Season cards and the blacklist, managed beside (or without) a working controller; every change is
 * a new chained ledger row with who made it:
 *
 * <pre>
 *   season add CARD --holder NAME --from DATE --to DATE --by WHO [--class CLASS] [--plate PLATE]...
 *   season renew CARD --to DATE [--from DATE] --by WHO
 *   season cancel CARD --by WHO
 *   season list
 *   season import FILE --by WHO
 *   blacklist add card|plate VALUE --reason TEXT --by WHO
 *   blacklist remove card|plate VALUE --reason TEXT --by WHO
 *   blacklist list
 * </pre>
 *
 * Every command takes {@code --db DB} (default {@code data/ledger.db}). Dates are days in the
 * site's zone, both inclusive. Exit status: 0 done, 1 refused by the ledger, 2 bad arguments.
 */
public final class CredentialsMain {
  static final String USAGE =
      "usage: season add CARD --holder NAME --from DATE --to DATE --by WHO [--class CLASS]"
          + " [--plate PLATE]... | season renew CARD --to DATE [--from DATE] --by WHO"
          + " | season cancel CARD --by WHO | season list | season import FILE --by WHO"
          + " | blacklist add|remove card|plate VALUE --reason TEXT --by WHO | blacklist list"
          + " (each with [--db DB])";
  static final Path DEFAULT_DB = Path.of("data/ledger.db");

  /** A card number; a vehicle class (also for {@link SeasonImport}). */
  static final String CARD = "[A-Za-z0-9]{1,32}";

  static final String CLASS = "[a-z][a-z0-9_-]{0,31}";

  private final Clock clock;
  private final PrintStream out;
  private final PrintStream err;

  CredentialsMain(Clock clock, PrintStream out, PrintStream err) {
    this.clock = clock;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(
        new CredentialsMain(
                org.parkgate.time.SharedClock.forMain("parking"), System.out, System.err)
            .run(List.of(args)));
  }

  int run(List<String> args) {
    if (args.size() < 2) {
      return usage("season or blacklist and a command are needed");
    }
    String what = args.get(0);
    String command = args.get(1);
    Options o;
    try {
      o = Options.parse(args.subList(2, args.size()));
      if (!Files.isRegularFile(o.db())) {
        throw new IllegalArgumentException(
            "no ledger at " + o.db() + " (start the controller once, or give --db)");
      }
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    }
    try (Ledger ledger = Ledger.open(o.db(), "site")) {
      return switch (what) {
        case "season" -> season(command, o, new SeasonCards(ledger));
        case "blacklist" -> blacklist(command, o, new Blacklist(ledger));
        default -> usage("unknown command '" + what + "'");
      };
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    } catch (LedgerException e) {
      err.println(what + " " + command + ": " + e.getMessage());
      return 1;
    }
  }

  private int season(String command, Options o, SeasonCards cards) {
    switch (command) {
      case "add" -> {
        o.allow(Set.of("--holder", "--from", "--to", "--by", "--class", "--plate"));
        String card = card(o.positional(1, "season add needs one CARD"));
        SeasonCard made =
            cards.add(
                card,
                o.required("--holder"),
                o.all("--plate"),
                o.value("--class", "car", CLASS, "a vehicle class such as car or truck"),
                date(o, "--from"),
                date(o, "--to"),
                o.required("--by"),
                clock.instant());
        out.println("added " + describe(made));
      }
      case "renew" -> {
        o.allow(Set.of("--from", "--to", "--by"));
        String card = card(o.positional(1, "season renew needs one CARD"));
        LocalDate from = o.has("--from") ? date(o, "--from") : null;
        SeasonCard made =
            cards.renew(card, from, date(o, "--to"), o.required("--by"), clock.instant());
        out.println("renewed " + describe(made));
      }
      case "cancel" -> {
        o.allow(Set.of("--by"));
        String card = card(o.positional(1, "season cancel needs one CARD"));
        SeasonCard made = cards.cancel(card, o.required("--by"), clock.instant());
        out.println("cancelled " + describe(made));
      }
      case "import" -> {
        o.allow(Set.of("--by"));
        Path file = Path.of(o.positional(1, "season import needs one FILE"));
        List<SeasonCard> made =
            cards.addAll(SeasonImport.read(file), o.required("--by"), clock.instant());
        made.forEach(c -> out.println("added " + describe(c)));
        out.println("imported " + made.size() + " season cards from " + file);
      }
      case "list" -> {
        o.allow(Set.of());
        o.positional(0, "season list takes no arguments");
        List<SeasonCard> all = cards.list();
        all.forEach(c -> out.println(describe(c)));
        out.println(all.size() + " season cards");
      }
      default -> {
        return usage("unknown season command '" + command + "' (add, renew, cancel, list, import)");
      }
    }
    return 0;
  }

  private int blacklist(String command, Options o, Blacklist list) {
    switch (command) {
      case "add", "remove" -> {
        o.allow(Set.of("--reason", "--by"));
        if (o.positional.size() != 2) {
          throw new IllegalArgumentException(
              "blacklist " + command + " needs card|plate and a VALUE");
        }
        Blacklist.Kind kind =
            switch (o.positional.get(0)) {
              case "card" -> Blacklist.Kind.CARD;
              case "plate" -> Blacklist.Kind.PLATE;
              default ->
                  throw new IllegalArgumentException(
                      "'" + o.positional.get(0) + "' is not card or plate");
            };
        String value = o.positional.get(1);
        if (kind == Blacklist.Kind.CARD) {
          card(value);
        } else if (value.isBlank() || value.length() > 16) {
          throw new IllegalArgumentException("a plate is 1-16 characters, got '" + value + "'");
        }
        String reason = o.required("--reason");
        String by = o.required("--by");
        Blacklist.Entry e =
            command.equals("add")
                ? list.add(kind, value, reason, by, clock.instant())
                : list.remove(kind, value, reason, by, clock.instant());
        out.println(
            (command.equals("add") ? "blacklisted " : "removed from the blacklist: ")
                + e.kind().label()
                + " "
                + e.value()
                + " ("
                + reason
                + ", by "
                + by
                + ")");
      }
      case "list" -> {
        o.allow(Set.of());
        o.positional(0, "blacklist list takes no arguments");
        List<Blacklist.Entry> all = list.list();
        all.forEach(
            e ->
                out.println(
                    e.kind().label()
                        + " "
                        + e.value()
                        + "  "
                        + e.reason()
                        + "  (by "
                        + e.by()
                        + ", "
                        + e.at()
                        + ")"));
        out.println(all.size() + " blacklisted");
      }
      default -> {
        return usage("unknown blacklist command '" + command + "' (add, remove, list)");
      }
    }
    return 0;
  }

  private static String describe(SeasonCard c) {
    return c.card()
        + "  "
        + c.holder()
        + "  "
        + c.vehicleClass()
        + "  "
        + c.validFrom()
        + ".."
        + c.validTo()
        + "  plates "
        + (c.plates().isEmpty() ? "any" : String.join(",", c.plates()))
        + (c.cancelled() ? "  CANCELLED" : "")
        + "  ("
        + c.action()
        + " by "
        + c.issuedBy()
        + ", "
        + c.recordedAt()
        + ")";
  }

  private static String card(String card) {
    if (!card.matches(CARD)) {
      throw new IllegalArgumentException(
          "card number '" + card + "' must be 1-32 letters or digits");
    }
    return card;
  }

  private static LocalDate date(Options o, String key) {
    String text = o.required(key);
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(key + " '" + text + "' is not a date such as 2027-01-31");
    }
  }

  private int usage(String why) {
    err.println("parking: " + why + "; " + USAGE);
    return 2;
  }

  /** Options given once each (--plate may repeat); anything unknown is an error, never ignored. */
  private static final class Options {
    final List<String> positional = new ArrayList<>();
    final Map<String, List<String>> values = new LinkedHashMap<>();

    static Options parse(List<String> args) {
      Options o = new Options();
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        if (!a.startsWith("--")) {
          o.positional.add(a);
          continue;
        }
        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
          throw new IllegalArgumentException(a + " needs a value");
        }
        List<String> v = o.values.computeIfAbsent(a, k -> new ArrayList<>());
        if (!v.isEmpty() && !a.equals("--plate")) {
          throw new IllegalArgumentException(a + " is given twice");
        }
        v.add(args.get(++i));
      }
      return o;
    }

    Path db() {
      return has("--db") ? Path.of(values.get("--db").get(0)) : DEFAULT_DB;
    }

    void allow(Set<String> known) {
      for (String key : values.keySet()) {
        if (!key.equals("--db") && !known.contains(key)) {
          throw new IllegalArgumentException(
              "unknown option '"
                  + key
                  + "' (this command takes "
                  + (known.isEmpty()
                      ? "only --db"
                      : String.join(", ", known.stream().sorted().toList()) + ", --db")
                  + ")");
        }
      }
    }

    boolean has(String key) {
      return values.containsKey(key);
    }

    String required(String key) {
      if (!has(key) || values.get(key).get(0).isBlank()) {
        throw new IllegalArgumentException(key + " is needed");
      }
      return values.get(key).get(0).trim();
    }

    String value(String key, String fallback, String pattern, String what) {
      String v = has(key) ? required(key) : fallback;
      if (!v.matches(pattern)) {
        throw new IllegalArgumentException(key + " '" + v + "' is not " + what);
      }
      return v;
    }

    List<String> all(String key) {
      return values.getOrDefault(key, List.of());
    }

    String positional(int count, String why) {
      if (positional.size() != count) {
        throw new IllegalArgumentException(why);
      }
      return count == 0 ? null : positional.get(0);
    }
  }
}
