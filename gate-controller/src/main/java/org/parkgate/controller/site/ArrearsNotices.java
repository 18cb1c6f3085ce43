package org.parkgate.controller.site;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.parkgate.api.Said;
import org.parkgate.controller.ledger.Incidents;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.site.IncidentKind;

/**
 * The exit's notice of what a plate owes at the operator's other car parks: an {@code
 * OWES_ELSEWHERE} incident per site owed, once per stay, inside the quote's transaction; never
 * added to this site's fee.
 */
final class ArrearsNotices {
  private final Incidents incidents;
  private final ZoneId zone;
  private volatile ArrearsElsewhere elsewhere = ArrearsElsewhere.NONE;

  ArrearsNotices(Incidents incidents, ZoneId zone) {
    this.incidents = incidents;
    this.zone = zone;
  }

  /** From now on, what {@code arrears} says plates owe is flagged. */
  void showFrom(ArrearsElsewhere arrears) {
    this.elsewhere = arrears;
  }

  /** Flags, once per stay, what the plate at {@code lane}'s exit owes elsewhere. */
  void flag(String lane, Stay stay, String plate, Instant exit) {
    if (plate == null) {
      return;
    }
    List<ArrearsElsewhere.Owed> owed = elsewhere.of(plate);
    if (owed.isEmpty()
        || incidents.recorded(IncidentKind.OWES_ELSEWHERE, stay.card(), stay.enteredAt())) {
      return;
    }
    for (ArrearsElsewhere.Owed o : owed) {
      LocalDate since = LocalDate.ofInstant(o.since(), zone);
      incidents.record(
          lane,
          IncidentKind.OWES_ELSEWHERE,
          stay.card(),
          plate,
          Said.of(
              "车牌 "
                  + plate
                  + " 在 "
                  + o.siteName()
                  + "（"
                  + o.site()
                  + "）欠费 "
                  + o.amount()
                  + "，自 "
                  + since
                  + " 起",
              "plate "
                  + plate
                  + " owes "
                  + o.amount()
                  + " at "
                  + o.siteName()
                  + " ("
                  + o.site()
                  + ") since "
                  + since),
          exit);
    }
  }
}
