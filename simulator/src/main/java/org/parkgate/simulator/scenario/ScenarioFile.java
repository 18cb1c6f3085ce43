package org.parkgate.simulator.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.parkgate.time.SharedClock;

/**
 * Reads a scenario file and checks every key and value before anything runs: the first problem is
 * one line naming the file, the line and the key ({@code rush.yaml:14: steps[3].pay: 'chash' is not
 * one of cash, card, mobile, owing, none}). The format is documented in docs/simulator.md,
 * "Scenarios".
 */
final class ScenarioFile {
  static final Path DEMO_SITE = Path.of("config/sites/demo.yaml");

  private static final Set<String> TOP =
      Set.of("name", "site", "tariff", "time", "start", "rate", "pace", "steps", "traffic");

  private final Path file;
  private final String shown;
  private final Fields fields;

  private ScenarioFile(Path file) {
    this.file = file;
    this.shown = file.toString();
    this.fields = new Fields(shown);
  }

  /**
   * Reads {@code file}; {@code siteOverride} (the command line's {@code --site}) wins over the
   * file's {@code site}, which is relative to the scenario file; the demo site is the default.
   */
  static Scenario read(Path file, Path siteOverride) throws ScenarioException {
    return new ScenarioFile(file).parse(siteOverride, null);
  }

  /**
   * As {@link #read(Path, Path)}, with {@code tariffOverride} in place of the file's {@code
   * tariff}: a recording's copies, where the file's own paths no longer lead anywhere.
   */
  static Scenario read(Path file, Path siteOverride, Path tariffOverride) throws ScenarioException {
    return new ScenarioFile(file).parse(siteOverride, tariffOverride);
  }

  private Scenario parse(Path siteOverride, Path tariffOverride) throws ScenarioException {
    Located root;
    try {
      root = Located.read(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new ScenarioException(shown + ": no such file");
    } catch (Located.DuplicateKey e) {
      throw new ScenarioException(shown + ":" + e.line + ": " + e.key + ": written twice");
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().get();
      throw new ScenarioException(shown + ": not valid YAML: " + why);
    }
    if (!(root instanceof Located.Mapping top)) {
      throw fields.fail(root.line(), "(top level)", "expected keys name, site, tariff and steps");
    }
    fields.only(top, "", TOP);
    String name = top.entries().containsKey("name") ? fields.text(top, "", "name") : fileName();
    Path site;
    if (siteOverride != null) {
      site = siteOverride;
    } else if (top.entries().containsKey("site")) {
      site = relative(fields.text(top, "", "site"));
    } else {
      site = DEMO_SITE;
    }
    if (!Files.isRegularFile(site)) {
      if (siteOverride != null) {
        throw new ScenarioException("--site " + site + ": no such file");
      }
      throw fields.fail(Fields.keyLine(top, "site"), "site", "no site file " + site);
    }
    ScenarioSite facts = ScenarioSite.read(site, fields);
    StepParser stepParser = new StepParser(fields, facts);
    TrafficParser trafficParser = new TrafficParser(fields, facts);
    Path tariff = tariffOverride;
    if (tariff == null && top.entries().containsKey("tariff")) {
      tariff = relative(fields.text(top, "", "tariff"));
      if (!Files.isRegularFile(tariff)) {
        throw fields.fail(Fields.keyLine(top, "tariff"), "tariff", "no tariff file " + tariff);
      }
    }
    ScenarioTime time = time(top);
    ScenarioPace pace = pace(top);
    List<Step> parsed = new ArrayList<>();
    Located steps = top.entries().get("steps");
    Located traffic = top.entries().get("traffic");
    if (steps != null || traffic == null) {
      if (!(steps instanceof Located.Sequence seq) || seq.items().isEmpty()) {
        throw fields.fail(
            steps == null ? top.line() : steps.line(),
            "steps",
            "a list of one or more steps needed");
      }
      for (int i = 0; i < seq.items().size(); i++) {
        parsed.add(stepParser.step(seq.items().get(i), "steps[" + i + "]"));
      }
    }
    if (traffic != null) {
      if (!(traffic instanceof Located.Sequence blocks) || blocks.items().isEmpty()) {
        throw fields.fail(traffic.line(), "traffic", "a list of one or more traffic blocks needed");
      }
      for (int i = 0; i < blocks.items().size(); i++) {
        parsed.addAll(
            trafficParser.traffic(blocks.items().get(i), "traffic[" + i + "]", i + 1).steps());
      }
    }
    new VehicleChecks(fields).check(parsed);
    List<Step> ordered = new ArrayList<>(parsed);
    ordered.sort(Comparator.comparing(Step::at)); // stable: same offset keeps file order
    return new Scenario(file, name, site, tariff, facts.currency(), ordered, time, pace);
  }

  /** {@code pace: {barrierTravel, dwell}}: how fast the simulated arms and vehicles move. */
  private ScenarioPace pace(Located.Mapping top) throws ScenarioException {
    Located p = top.entries().get("pace");
    if (p == null) {
      return ScenarioPace.SITE;
    }
    if (!(p instanceof Located.Mapping m)) {
      throw fields.fail(p.line(), "pace", "expected keys barrierTravel and dwell");
    }
    fields.only(m, "pace", Set.of("barrierTravel", "dwell"));
    return new ScenarioPace(
        m.entries().containsKey("barrierTravel")
            ? fields.duration(
                m, "pace", "barrierTravel", Duration.ofMillis(100), Duration.ofSeconds(10))
            : null,
        m.entries().containsKey("dwell")
            ? fields.duration(m, "pace", "dwell", Duration.ofMillis(50), Duration.ofSeconds(10))
            : null);
  }

  /** {@code time: real} (the default) or {@code stepped}, and a stepped run's {@code start}. */
  private ScenarioTime time(Located.Mapping top) throws ScenarioException {
    boolean stepped = false;
    if (top.entries().containsKey("time")) {
      String t = fields.text(top, "", "time");
      switch (t) {
        case "real" -> stepped = false;
        case "stepped" -> stepped = true;
        default ->
            throw fields.fail(
                Fields.keyLine(top, "time"), "time", "'" + t + "' is not one of real, stepped");
      }
    }
    int rate = 1;
    if (top.entries().containsKey("rate")) {
      String r = fields.text(top, "", "rate");
      int rateLine = Fields.keyLine(top, "rate");
      if (!stepped) {
        throw fields.fail(
            rateLine, "rate", "a rate needs time: stepped (a real-time run is real time)");
      }
      if (!r.matches("[0-9]{1,4}")
          || Integer.parseInt(r) < 1
          || Integer.parseInt(r) > SharedClock.MAX_RATE) {
        throw fields.fail(
            rateLine,
            "rate",
            "'" + r + "' is not a whole number from 1 to " + SharedClock.MAX_RATE);
      }
      rate = Integer.parseInt(r);
    }
    if (!top.entries().containsKey("start")) {
      return new ScenarioTime(stepped, null, rate);
    }
    String t = fields.text(top, "", "start");
    int line = Fields.keyLine(top, "start");
    if (!stepped) {
      throw fields.fail(
          line, "start", "a start time needs time: stepped (a real-time run starts now)");
    }
    try {
      return new ScenarioTime(true, java.time.OffsetDateTime.parse(t).toInstant(), rate);
    } catch (java.time.format.DateTimeParseException e) {
      throw fields.fail(
          line,
          "start",
          "'" + t + "' is not a date and time with its offset, e.g. 2026-10-24T22:00:00+02:00");
    }
  }

  private String fileName() {
    String n = file.getFileName().toString();
    return n.endsWith(".yaml") ? n.substring(0, n.length() - 5) : n;
  }

  private Path relative(String path) {
    Path p = Path.of(path);
    Path dir = file.toAbsolutePath().getParent();
    return p.isAbsolute() || dir == null ? p : dir.resolve(p).normalize();
  }
}
