package org.parkgate.api;

import java.time.Instant;
import java.util.List;
import org.parkgate.money.Money;
import org.parkgate.site.IncidentKind;

/**
 * A closed shift's report as it prints (交接班报表): the takings by tender, the float, drops, the cash
 * expected against the blind count and their variance ({@code countedCash - expectedCash}: positive
 * is cash over, 长款; negative short, 短款), IC cards and receipts expected against counted (null when
 * not counted), the incidents raised during the shift with their resolutions, the incoming cashier
 * at a handover ({@code handedTo}, null for a plain close), and the ledger chain head when it
 * closed. Cash figures are null for shifts closed before drawers were counted.
 */
public record ShiftSheet(
    long shiftNo,
    String cashier,
    Instant openedAt,
    Instant closedAt,
    long payments,
    long reversals,
    String firstReceipt,
    String lastReceipt,
    List<ShiftFigures.TenderTotal> byTender,
    Money cashFloat,
    Money cashDropped,
    Money expectedCash,
    Money countedCash,
    Money variance,
    Long expectedCards,
    Long countedCards,
    Long expectedReceipts,
    Long countedReceipts,
    List<ResolvedIncident> incidents,
    String handedTo,
    long chainLink,
    String chainHead) {
  public ShiftSheet {
    byTender = byTender == null ? List.of() : List.copyOf(byTender);
    incidents = incidents == null ? List.of() : List.copyOf(incidents);
  }

  /** Counted minus expected IC cards, or null when they were not counted. */
  public Long cardVariance() {
    return countedCards == null || expectedCards == null ? null : countedCards - expectedCards;
  }

  /** Counted minus expected receipts, or null when they were not counted. */
  public Long receiptVariance() {
    return countedReceipts == null || expectedReceipts == null
        ? null
        : countedReceipts - expectedReceipts;
  }

  /** An incident raised during the shift and how it was resolved (null note: unresolved). */
  public record ResolvedIncident(
      long incidentNo,
      IncidentKind kind,
      String lane,
      Instant at,
      String detail,
      String note,
      String resolvedBy,
      Instant resolvedAt) {}
}
