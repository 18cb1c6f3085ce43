package org.parkgate.simulator.scenario;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code ./parking scenario replay DIR}: a recorded run played again and compared. */
final class ScenarioReplay {
  private ScenarioReplay() {}

  static int replay(Path dir, Path root, boolean keep, PrintStream out, PrintStream err) {
    Recording recording;
    Scenario scenario;
    try {
      recording = Recording.read(dir);
      Recording.Manifest m = recording.manifest();
      scenario =
          ScenarioFile.read(
              dir.resolve(m.scenarioFile()),
              dir.resolve(m.siteFile()),
              dir.resolve(m.tariffFile()));
    } catch (BadRecording | ScenarioException e) {
      err.println("scenario: replay: " + e.getMessage());
      return 2;
    }
    out.printf(
        "scenario: replaying %s recorded %s by %s: %d actions, %d device frames%n",
        recording.manifest().scenario(),
        recording.manifest().startedAt(),
        recording.manifest().product(),
        recording.actions().size(),
        recording.frames());
    ScenarioMain.Outcome o =
        ScenarioMain.execute(
            scenario,
            root,
            keep,
            new ScenarioMain.Tape(null, recording, recording.manifest().cardSeed()),
            out,
            err);
    if (o.replayer != null) {
      for (String d : o.replayer.divergences()) {
        out.println("  note: " + d);
      }
      long renumbered = o.replayer.cardsRenumbered();
      if (renumbered > 0) {
        out.println(
            "  note: "
                + renumbered
                + " entry cards were issued with other numbers than recorded (another issuing"
                + " order); each was presented at the exit as the number issued");
      }
    }
    if (o.totals == null) {
      ScenarioMain.keepOrDelete(o.dir, true, out);
      out.println("replay did not finish: no ledger totals to compare with the recording");
      return 1;
    }
    List<String> differences = LedgerTotals.differences(recording.totals(), o.totals);
    // The replay's own actions, device traffic and totals stay beside its ledger to compare.
    ScenarioMain.keepOrDelete(o.dir, keep || !differences.isEmpty() || o.code != 0, out);
    if (differences.isEmpty()) {
      out.println("replay matches the recording");
      return 0;
    }
    out.println("replay differs from the recording:");
    for (String d : differences) {
      out.println("  " + d);
    }
    return 1;
  }
}
