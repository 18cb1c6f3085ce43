package org.parkgate.controller.site;

import org.parkgate.controller.lane.DriverNotice;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.fee.FeeQuote;
import org.parkgate.money.Money;

/**
 * What an exit lane may do with a card: refused with a reason for the cashier, or the stay and what
 * is still due on it ({@code quote} is null when nothing was charged: a valid season card, soft
 * anti-passback).
 */
public record ExitDecision(
    Stay stay, FeeQuote quote, Money due, String refusal, DriverNotice notice) {
  ExitDecision(Stay stay, FeeQuote quote, Money due) {
    this(stay, quote, due, null, null);
  }

  static ExitDecision refused(String reason, DriverNotice notice) {
    return new ExitDecision(null, null, null, reason, notice);
  }

  public boolean refused() {
    return refusal != null;
  }
}
