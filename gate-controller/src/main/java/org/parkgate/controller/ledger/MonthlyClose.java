package org.parkgate.controller.ledger;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import org.parkgate.money.Money;

/**
 * A monthly close (月结): the month's Z-reports totalled, numbered consecutively on consecutive
 * months, with the chain head at closing so a printed copy pins the ledger as it was.
 */
public record MonthlyClose(
    long closeNo,
    YearMonth month,
    ZoneId zone,
    long firstZ,
    long lastZ,
    long days,
    long payments,
    Money gross,
    long reversals,
    Money reversed,
    Money net,
    String closedBy,
    long chainLink,
    String chainHead,
    Instant closedAt) {}
