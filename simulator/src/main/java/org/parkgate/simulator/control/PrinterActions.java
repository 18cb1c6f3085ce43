package org.parkgate.simulator.control;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parkgate.device.escpos.PrinterStatus;
import org.parkgate.simulator.booth.BoothDevices;
import org.parkgate.simulator.booth.ReceiptPrinter;

/** The control interface's view of each booth's receipt printer and cash drawer. */
final class PrinterActions {
  private static final Set<String> FAULTS = Set.of("offline", "paperOut", "coverOpen");

  private final Map<String, BoothDevices> booths = new LinkedHashMap<>();

  PrinterActions(List<BoothDevices> booths) {
    booths.forEach(b -> this.booths.put(b.id(), b));
  }

  List<Object> all() {
    return booths.values().stream().map(b -> (Object) view(b)).toList();
  }

  BoothDevices booth(String id) {
    BoothDevices booth = booths.get(id);
    if (booth == null) {
      throw new ApiError(
          404,
          "no booth '"
              + id
              + "' with a printer (booths: "
              + (booths.isEmpty() ? "none" : String.join(", ", booths.keySet()))
              + ")");
    }
    return booth;
  }

  Map<String, Object> view(BoothDevices booth) {
    ReceiptPrinter p = booth.printer();
    PrinterStatus status = p.status();
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("booth", booth.id());
    v.put("address", booth.link().address());
    v.put("connected", booth.link().controllerConnected());
    v.put("online", !status.offline());
    v.put("offline", p.offlineFault());
    v.put("paperOut", status.paperEnd());
    v.put("coverOpen", status.coverOpen());
    v.put("drawerOpen", p.drawerOpen());
    v.put("drawerKicks", p.drawerKicks());
    v.put("discarded", p.discarded());
    v.put(
        "documents",
        p.documents().stream()
            .map(
                d -> {
                  Map<String, Object> doc = new LinkedHashMap<>();
                  doc.put("no", d.no());
                  doc.put("copy", d.copy());
                  doc.put("cutAt", d.cutAt().toString());
                  doc.put("lines", d.lines().stream().map(PrinterActions::line).toList());
                  doc.put("qrCodes", d.qrCodes());
                  return doc;
                })
            .toList());
    v.put("pendingLines", p.pendingLines().stream().map(l -> l.text()).toList());
    return v;
  }

  private static Map<String, Object> line(org.parkgate.device.escpos.Printed.Line l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("text", l.text());
    m.put("align", l.alignment().name().toLowerCase());
    m.put("bold", l.bold());
    m.put("width", l.width());
    m.put("height", l.height());
    return m;
  }

  /** Sets the faults named in the body; those not named keep their value. */
  Map<String, Object> setFaults(BoothDevices booth, InputStream body) throws IOException {
    RequestBody b = RequestBody.read(body, FAULTS);
    ReceiptPrinter p = booth.printer();
    PrinterStatus now = p.status();
    p.setFaults(
        b.bool("offline").orElse(p.offlineFault()),
        b.bool("paperOut").orElse(now.paperEnd()),
        b.bool("coverOpen").orElse(now.coverOpen()));
    return view(booth);
  }

  Map<String, Object> clearFaults(BoothDevices booth) {
    booth.printer().setFaults(false, false, false);
    return view(booth);
  }

  Map<String, Object> closeDrawer(BoothDevices booth, InputStream body) throws IOException {
    RequestBody.read(body, Set.of());
    booth.printer().closeDrawer();
    return view(booth);
  }

  Map<String, Object> clearDocuments(BoothDevices booth) {
    booth.printer().clearDocuments();
    return view(booth);
  }
}
