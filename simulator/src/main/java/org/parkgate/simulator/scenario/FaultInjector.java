package org.parkgate.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** A scenario's fault steps through the simulator's fault interface. */
final class FaultInjector {
  private final SimControl sim;

  FaultInjector(SimControl sim) {
    this.sim = sim;
  }

  void inject(Step.Fault f) throws Exception {
    String lane = "/lanes/" + f.lane();
    switch (f.device()) {
      case "mechanism" -> sim.call("POST", lane + "/barrier/fault", Map.of("on", f.on()));
      case "power" -> {
        JsonNode state = sim.lane(f.lane());
        for (String device : List.of("barrier", "cardUnit", "display", "camera")) {
          if (state.path(device).isNull() || state.path(device).isMissingNode()) {
            continue;
          }
          if (f.on()) {
            sim.call("POST", lane + "/faults/" + device, Map.of("disconnect", true));
          } else {
            sim.call("DELETE", lane + "/faults/" + device, null);
          }
        }
      }
      default -> {
        if (f.clear()) {
          sim.call("DELETE", lane + "/faults/" + f.device(), null);
        } else {
          sim.call("POST", lane + "/faults/" + f.device(), f.faults());
        }
      }
    }
  }
}
