package org.parkgate.controller.site;

import java.time.Instant;

/**
 * Answers one kind of lane request. Runs on the ledger thread inside the request's transaction: a
 * handler decides and appends, nothing more.
 */
interface LaneHandler<R extends LaneRequest<A>, A> {
  /** The request type this handler takes. */
  Class<R> type();

  A handle(R request, Instant now);
}
