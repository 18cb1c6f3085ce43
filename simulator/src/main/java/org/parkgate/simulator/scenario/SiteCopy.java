package org.parkgate.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.parkgate.simulator.LocalPorts;

/**
 * The scenario's site written into a fresh folder on free loopback ports: every device, the
 * controller's console port, the booth and the simulator's control port move, the ledger lives in
 * the folder, the tariff is the scenario's when it names one, and so is the arms' travel time. A
 * run never touches the demo's data or ports, so it can run beside {@code ./parking demo}.
 */
record SiteCopy(
    Path file,
    Path ledger,
    String siteId,
    java.time.ZoneId zone,
    int controlPort,
    int consolePort,
    int httpPort) {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** The booth console ./parking enrols for this site, as it names it. */
  String boothId() {
    return "booth-" + httpPort;
  }

  static SiteCopy write(Path site, Path tariff, java.time.Duration barrierTravel, Path dir)
      throws IOException {
    ObjectNode root = (ObjectNode) YAML.readTree(site.toFile());
    ObjectNode siteNode = (ObjectNode) root.path("site");
    siteNode.put("tariff", tariffOf(site, tariff).toString());
    LocalPorts ports = new LocalPorts();
    try {
      for (JsonNode lane : root.path("lanes")) {
        for (String device : List.of("barrier", "cardReader", "display", "camera")) {
          if (lane.path(device) instanceof ObjectNode d && d.has("address")) {
            if (!d.path("address").asText().startsWith("tcp:")) {
              throw new IOException(
                  "lane "
                      + lane.path("id").asText()
                      + " "
                      + device
                      + " is at "
                      + d.path("address").asText()
                      + ": a scenario runs every device in the simulator over tcp");
            }
            d.put("address", "tcp://127.0.0.1:" + ports.next());
          }
        }
      }
      int consolePort = ports.next();
      int httpPort = ports.next();
      int controlPort = ports.next();
      ObjectNode controller = object(root, "controller");
      controller.put("bind", "127.0.0.1");
      controller.put("consolePort", consolePort);
      controller.put("dataDir", "data");
      ObjectNode console = object(root, "console");
      console.put("bind", "127.0.0.1");
      console.put("httpPort", httpPort);
      console.put("controllerUrl", "ws://127.0.0.1:" + consolePort + "/console");
      ObjectNode simulator = object(root, "simulator");
      simulator.put("bind", "127.0.0.1");
      simulator.put("controlPort", controlPort);
      if (barrierTravel != null) {
        simulator.put("barrierTravel", barrierTravel.toMillis() + "ms");
      }
      boolean first = true;
      for (JsonNode booth : root.path("booths")) {
        if (booth instanceof ObjectNode b) {
          // The first booth is the console's, which ./parking names booth-<httpPort>.
          if (first) {
            b.put("id", "booth-" + httpPort);
            first = false;
          }
          if (b.path("printer") instanceof ObjectNode p && p.has("address")) {
            p.put("address", "tcp://127.0.0.1:" + ports.next());
          }
        }
      }
      Files.createDirectories(dir.resolve("data"));
      Path file = dir.resolve("site.yaml");
      YAML.writeValue(file.toFile(), root);
      return new SiteCopy(
          file,
          dir.resolve("data/ledger.db"),
          siteNode.path("id").asText(),
          java.time.ZoneId.of(siteNode.path("zone").asText("UTC")),
          controlPort,
          consolePort,
          httpPort);
    } finally {
      ports.close();
    }
  }

  /** The tariff a run uses: the scenario's if it names one, else the site file's. */
  static Path tariffOf(Path site, Path tariff) throws IOException {
    if (tariff != null) {
      return tariff.toAbsolutePath().normalize();
    }
    String named = YAML.readTree(site.toFile()).path("site").path("tariff").asText();
    return site.toAbsolutePath().getParent().resolve(named).normalize();
  }

  private static ObjectNode object(ObjectNode root, String key) {
    return root.path(key) instanceof ObjectNode o ? o : root.putObject(key);
  }
}
