package org.parkgate.site;

/** How a card reader sends card numbers; see docs/protocols.md. */
public enum CardProtocol {
  /** The card number as an ASCII line ended by CR, LF or CRLF. */
  ASCII,
  /** STX, ten hex characters, two hex characters of XOR check, ETX. */
  STX
}
