package org.parkgate.controller.site;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.parkgate.api.Said;
import org.parkgate.controller.lane.Sighting;
import org.parkgate.controller.ledger.Plates;
import org.parkgate.controller.ledger.Sightings;
import org.parkgate.site.IncidentKind;

/**
 * Compares what the plate camera sees at an exit with what it saw when the card's stay began. The
 * exit goes on whatever is found: the findings become incidents for the cashier and finance.
 */
public final class ExitChecks {
  /** Something that does not add up, as an incident kind and its detail in words. */
  public record Finding(IncidentKind kind, String detail) {}

  private final Duration ticketSwapAfter;

  public ExitChecks(Duration ticketSwapAfter) {
    this.ticketSwapAfter = ticketSwapAfter;
  }

  /**
   * @param enteredAt when the card's stay began
   * @param entry what the camera saw at that entry, if it saw it
   * @param exit what the camera sees now
   * @param plateEntered the exit plate's latest entry on another stay, if any
   */
  public List<Finding> check(
      Instant enteredAt,
      Instant now,
      Optional<Sightings.Seen> entry,
      Sighting exit,
      Optional<Sightings.Seen> plateEntered) {
    List<Finding> findings = new ArrayList<>();
    String exitPlate = plate(exit.plate());
    String entryPlate = entry.map(e -> plate(e.plate())).orElse(null);
    boolean plateDiffers = entryPlate != null && exitPlate != null && !entryPlate.equals(exitPlate);
    if (plateDiffers) {
      findings.add(
          new Finding(
              IncidentKind.PLATE_MISMATCH,
              Said.of(
                  "入场车牌 " + entryPlate + "，出场车牌 " + exitPlate,
                  "entered as " + entryPlate + ", leaving as " + exitPlate)));
    }
    String entryClass = entry.map(e -> word(e.vehicleClass())).orElse(null);
    String exitClass = word(exit.vehicleClass());
    if (entryClass != null && exitClass != null && !entryClass.equals(exitClass)) {
      findings.add(
          new Finding(
              IncidentKind.CLASS_MISMATCH,
              Said.of(
                  "入场车型 " + entryClass + "，出场车型 " + exitClass,
                  "entered as a " + entryClass + ", leaving as a " + exitClass)));
    }
    Duration stayed = Duration.between(enteredAt, now);
    if (exitPlate != null && stayed.compareTo(ticketSwapAfter) > 0) {
      Optional<Sightings.Seen> later =
          plateEntered.filter(
              s -> plate(s.plate()) != null && s.at().isAfter(enteredAt) && !s.at().isAfter(now));
      if (later.isPresent() || plateDiffers) {
        String why =
            later
                .map(
                    s ->
                        Said.of(
                            exitPlate + " 于 " + s.at() + " 以停车记录 " + s.stayId() + " 入场，远晚于此卡",
                            exitPlate
                                + " entered at "
                                + s.at()
                                + " on stay "
                                + s.stayId()
                                + ", long after this card"))
                .orElse(
                    Said.of(
                        "此卡入场车牌为 " + entryPlate + "，不是 " + exitPlate,
                        "the card entered with plate " + entryPlate + ", not " + exitPlate));
        findings.add(
            new Finding(
                IncidentKind.TICKET_SWAP,
                Said.of(
                    "此卡 " + enteredAt + " 入场（" + stayed.toHours() + " 小时前）；" + Said.zh(why),
                    "card's stay began "
                        + enteredAt
                        + " ("
                        + stayed.toHours()
                        + " h ago); "
                        + Said.en(why))));
      }
    }
    return findings;
  }

  /** A plate as compared: upper case without spaces, dots or dashes; null if nothing was read. */
  public static String plate(String read) {
    String p = Plates.normal(read);
    return p == null || p.isEmpty() ? null : p;
  }

  private static String word(String read) {
    return read == null || read.isBlank() ? null : read.trim().toLowerCase(Locale.ROOT);
  }
}
