package org.parkgate.api;

/**
 * A command another person confirms at the console where someone else is logged in: a supervisor at
 * the cashier's booth types their own user name and password ({@code approver}), and the controller
 * checks them exactly as a login from {@code source} (same throttle and lockout) and acts in that
 * person's name and role, not the session's. Null approver: the session's person acts, as for any
 * command.
 */
public interface Countersigned {
  Approver approver();

  String source();
}
