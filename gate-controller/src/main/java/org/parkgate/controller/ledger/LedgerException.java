package org.parkgate.controller.ledger;

/** The ledger could not do what was asked; the message is fit for a cashier or an operator. */
public final class LedgerException extends RuntimeException {
  public LedgerException(String message) {
    super(message);
  }

  public LedgerException(String message, Throwable cause) {
    super(message, cause);
  }
}
