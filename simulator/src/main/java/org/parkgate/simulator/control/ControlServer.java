package org.parkgate.simulator.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.parkgate.simulator.StartupException;
import org.parkgate.simulator.device.LaneDevices;
import org.parkgate.simulator.lane.EventLog;
import org.parkgate.simulator.lane.LaneConflict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control interface: HTTP with JSON on loopback, for people and tests (docs/simulator.md).
 * Every refusal is a JSON {@code {"error": ...}} with a 4xx status and changes nothing.
 */
public final class ControlServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ControlServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;
  private final LaneActions actions;
  private final PrinterActions printers;
  private final EventLog events;
  private final PageAssets page = new PageAssets();

  private ControlServer(
      HttpServer server,
      ExecutorService executor,
      LaneActions actions,
      PrinterActions printers,
      EventLog events) {
    this.server = server;
    this.executor = executor;
    this.actions = actions;
    this.printers = printers;
    this.events = events;
  }

  public static ControlServer start(
      String host,
      int port,
      List<LaneDevices> lanes,
      List<org.parkgate.simulator.booth.BoothDevices> booths,
      Duration dwell,
      EventLog events)
      throws StartupException {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 16);
    } catch (BindException e) {
      throw new StartupException(
          "port "
              + port
              + " is already in use: the control interface "
              + "(simulator.controlPort) wanted "
              + host
              + ":"
              + port,
          e);
    } catch (IOException e) {
      throw new StartupException(
          "cannot serve the control interface on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    // Several threads, because POST .../vehicle/drive waits for the vehicle to clear the loops.
    ExecutorService executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "control-http");
              t.setDaemon(true);
              return t;
            });
    ControlServer control =
        new ControlServer(
            server, executor, new LaneActions(lanes, dwell), new PrinterActions(booths), events);
    server.createContext("/", control::handle);
    server.setExecutor(executor);
    server.start();
    return control;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) {
    var asset = page.get(exchange.getRequestURI().getPath());
    if (asset.isPresent() && exchange.getRequestMethod().equals("GET")) {
      serve(exchange, asset.get());
      return;
    }
    int status;
    Object body;
    try {
      status = 200;
      body = route(exchange);
    } catch (ApiError e) {
      status = e.status;
      body = error(e.getMessage());
    } catch (LaneConflict e) {
      status = 409;
      body = error(e.getMessage());
    } catch (Exception e) {
      log.warn("control: {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      status = 500;
      body = error("internal error: " + e);
    }
    try {
      byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      log.debug("control: could not answer {}: {}", exchange.getRequestURI(), e.toString());
    } finally {
      exchange.close();
    }
  }

  /** A file of the lane page, as it is. */
  private static void serve(HttpExchange exchange, PageAssets.Asset asset) {
    try {
      exchange.getResponseHeaders().set("Content-Type", asset.contentType());
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      exchange.sendResponseHeaders(200, asset.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(asset.body());
      }
    } catch (IOException e) {
      log.debug("control: could not answer {}: {}", exchange.getRequestURI(), e.toString());
    } finally {
      exchange.close();
    }
  }

  private Object route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String[] parts = path.replaceAll("^/+|/+$", "").split("/+");
    String method = exchange.getRequestMethod();
    if (page.get(path).isPresent()) {
      requireMethod(exchange, "GET");
    }
    if (parts.length >= 1 && parts[0].equals("booths")) {
      return booths(exchange, parts);
    }
    if (parts.length == 1 && parts[0].equals("events")) {
      requireMethod(exchange, "GET");
      return EventsQuery.answer(events, exchange.getRequestURI().getRawQuery());
    }
    if (parts.length == 1 && parts[0].equals("lanes")) {
      requireMethod(exchange, "GET");
      return Map.of("lanes", actions.all());
    }
    if (parts.length == 2 && parts[0].equals("lanes")) {
      requireMethod(exchange, "GET");
      return actions.view(parts[1]);
    }
    if (parts.length == 3 && parts[0].equals("lanes") && parts[2].equals("faults")) {
      LaneDevices lane = actions.lane(parts[1]);
      requireMethod(exchange, "GET");
      return FaultActions.all(lane);
    }
    if (parts.length == 4 && parts[0].equals("lanes") && parts[2].equals("faults")) {
      LaneDevices lane = actions.lane(parts[1]);
      FaultActions.device(lane, parts[3]);
      requireMethod(exchange, "GET", "POST", "DELETE");
      return switch (method) {
        case "POST" -> FaultActions.set(lane, parts[3], exchange.getRequestBody(), events);
        case "DELETE" -> FaultActions.clear(lane, parts[3], events);
        default -> FaultActions.view(lane, parts[3]);
      };
    }
    if (parts.length == 4 && parts[0].equals("lanes")) {
      String action = parts[2] + "/" + parts[3];
      if (!LaneActions.NAMES.contains(action)) {
        throw new ApiError(
            404,
            "no such action '"
                + action
                + "' (actions: "
                + String.join(", ", LaneActions.NAMES)
                + ")");
      }
      requireMethod(exchange, "POST");
      return actions.perform(
          parts[1], action, exchange.getRequestURI().getRawQuery(), exchange.getRequestBody());
    }
    throw new ApiError(
        404,
        "no such resource '"
            + path
            + "' (try GET /lanes, or / for the lane page; see docs/simulator.md)");
  }

  /**
   * {@code /booths}, {@code /booths/{id}/printer}, {@code .../printer/faults}, {@code
   * .../printer/drawer/close}, {@code .../printer/documents}.
   */
  private Object booths(HttpExchange exchange, String[] parts) throws IOException {
    String method = exchange.getRequestMethod();
    if (parts.length == 1) {
      requireMethod(exchange, "GET");
      return Map.of("booths", printers.all());
    }
    if (parts.length >= 3 && parts[2].equals("printer")) {
      var booth = printers.booth(parts[1]);
      String rest = String.join("/", List.of(parts).subList(3, parts.length));
      switch (rest) {
        case "" -> {
          requireMethod(exchange, "GET");
          return printers.view(booth);
        }
        case "faults" -> {
          requireMethod(exchange, "POST", "DELETE");
          return method.equals("POST")
              ? printers.setFaults(booth, exchange.getRequestBody())
              : printers.clearFaults(booth);
        }
        case "drawer/close" -> {
          requireMethod(exchange, "POST");
          return printers.closeDrawer(booth, exchange.getRequestBody());
        }
        case "documents" -> {
          requireMethod(exchange, "GET", "DELETE");
          return method.equals("DELETE")
              ? printers.clearDocuments(booth)
              : printers.view(booth).get("documents");
        }
        default -> {
          // falls through to the 404 below
        }
      }
    }
    throw new ApiError(
        404,
        "no such resource '"
            + exchange.getRequestURI().getPath()
            + "' (try GET /booths; see docs/simulator.md)");
  }

  private static void requireMethod(HttpExchange exchange, String... allowed) {
    if (!List.of(allowed).contains(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
      throw new ApiError(
          405,
          "method "
              + exchange.getRequestMethod()
              + " is not allowed on "
              + exchange.getRequestURI().getPath()
              + " (use "
              + String.join(" or ", allowed)
              + ")");
    }
  }

  private static Map<String, Object> error(String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    return body;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
