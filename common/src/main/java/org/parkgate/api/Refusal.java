package org.parkgate.api;

/** Why the controller refused a command, as a code a console can act on without reading words. */
public enum Refusal {
  /** The console has not authenticated (no hello, or an unknown or disabled console). */
  CONSOLE_UNKNOWN,
  /** No live session: never logged in, logged out, expired, or ended by an account change. */
  NOT_LOGGED_IN,
  /** The person's role may not do this. */
  FORBIDDEN,
  /** A four-eyes rule: the same person may not both act and approve (or reverse their own). */
  SAME_PERSON,
  /** Wrong user name or password. */
  BAD_LOGIN,
  /** Too many wrong passwords from this source: wait before trying again. */
  SLOW_DOWN,
  /** The account is locked or disabled; a supervisor or admin unlocks it. */
  ACCOUNT_LOCKED,
  /** The message is malformed or lacks a field. */
  INVALID,
  /** The request id was used before for a different command. */
  REQUEST_ID_REUSED,
  /** The site's state does not allow it (no such vehicle waiting, shift not open, ...). */
  NOT_NOW,
  /** A fault: nothing was recorded; the same request may be retried. */
  NOT_RECORDED
}
