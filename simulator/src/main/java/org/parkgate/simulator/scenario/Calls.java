package org.parkgate.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every call the runner makes to the simulator's control interface and to the controller's console
 * API passes through here: a recording writes each one down, a replay puts the recorded values into
 * the calls it re-issues.
 */
interface Calls {
  /** Where a call goes. */
  String SIMULATOR = "simulator";

  String CONTROLLER = "controller";

  /**
   * One call: to the simulator a method and path with a JSON body (null for none); to the
   * controller the command's type as method, {@code /console} as path and the command as body.
   */
  record Call(String to, String method, String path, JsonNode body) {
    /** A call that changes something, as opposed to a look at a lane. */
    boolean changes() {
      return !method.equals("GET");
    }
  }

  /** The body to send for {@code call}: its own, or the recorded one a replay puts in its place. */
  JsonNode sending(Call call) throws InterruptedException;

  /**
   * What came of {@code call} as sent: the simulator's HTTP status (null for the controller or no
   * answer), the refusal in words (null when done) and the answer (null for none).
   */
  void answered(Call call, Integer status, String refused, JsonNode answer);

  /** Neither recorded nor replayed. */
  Calls NONE =
      new Calls() {
        @Override
        public JsonNode sending(Call call) {
          return call.body();
        }

        @Override
        public void answered(Call call, Integer status, String refused, JsonNode answer) {}
      };
}
