package org.parkgate.controller.ledger;

import org.parkgate.api.Tender;
import org.parkgate.money.Money;

/**
 * How one payment was paid: its tender, what the driver handed over, the change given back (zero
 * but for cash) and the card terminal's or payment app's reference (null for cash).
 */
public record Tendering(Tender tender, Money tendered, Money change, String reference) {}
