package org.parkgate.simulator.booth;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.parkgate.device.escpos.Printed;
import org.parkgate.device.escpos.PrinterStatus;
import org.parkgate.device.escpos.StatusKind;

/**
 * A booth's receipt printer with its cash drawer, as the paper and the drawer show what it was
 * sent. Lines collect into a document until a cut; a drawer pulse opens the drawer, which stays
 * open until a tester closes it. Offline, out of paper or with the cover open it prints nothing and
 * ignores drawer pulses (a real printer stops processing its buffer), while still answering status
 * requests, which are real-time. Thread-safe: the link's event loop writes, the control interface
 * reads and injects faults.
 */
public final class ReceiptPrinter {
  /** Printed documents kept, oldest dropped first. */
  public static final int MAX_DOCUMENTS = 200;

  private static final int MAX_LINES = 500;

  /** A cut piece of paper: its lines and QR codes in order, and when the cut came. */
  public record Document(
      int no, List<Printed.Line> lines, List<String> qrCodes, boolean copy, Instant cutAt) {}

  private final String boothId;
  private final Clock clock;
  private final List<Document> documents = new ArrayList<>();
  private List<Printed.Line> lines = new ArrayList<>();
  private List<String> qrCodes = new ArrayList<>();
  private int printedCount;
  private boolean offline;
  private boolean paperOut;
  private boolean coverOpen;
  private boolean drawerOpen;
  private int drawerKicks;
  private long discarded;

  public ReceiptPrinter(String boothId) {
    this(boothId, org.parkgate.time.SharedClock.forMain("simulator"));
  }

  public ReceiptPrinter(String boothId, Clock clock) {
    this.boothId = boothId;
    this.clock = clock;
  }

  public String boothId() {
    return boothId;
  }

  /** Takes what the commands printed; answers nothing (see {@link #reply}). */
  public synchronized void accept(Printed printed) {
    if (printed instanceof Printed.StatusAsked) {
      return;
    }
    if (!status().canPrint()) {
      discarded++;
      return;
    }
    if (printed instanceof Printed.Line line) {
      if (lines.size() < MAX_LINES) {
        lines.add(line);
      }
    } else if (printed instanceof Printed.QrCode qr) {
      qrCodes.add(qr.payload());
    } else if (printed instanceof Printed.Cut) {
      printedCount++;
      boolean copy =
          lines.stream().anyMatch(l -> l.text().contains("副本") || l.text().contains("COPY"));
      documents.add(
          new Document(
              printedCount, List.copyOf(lines), List.copyOf(qrCodes), copy, clock.instant()));
      if (documents.size() > MAX_DOCUMENTS) {
        documents.remove(0);
      }
      lines = new ArrayList<>();
      qrCodes = new ArrayList<>();
    } else if (printed instanceof Printed.DrawerPulse) {
      drawerKicks++;
      drawerOpen = true;
    }
  }

  /** The byte answering a status request, from the state now. */
  public synchronized int reply(StatusKind kind) {
    return status().reply(kind);
  }

  public synchronized PrinterStatus status() {
    return new PrinterStatus(
        offline || paperOut || coverOpen, coverOpen, paperOut, false, false, drawerOpen);
  }

  public synchronized void setFaults(boolean offline, boolean paperOut, boolean coverOpen) {
    this.offline = offline;
    this.paperOut = paperOut;
    this.coverOpen = coverOpen;
  }

  public synchronized boolean offlineFault() {
    return offline;
  }

  public synchronized void closeDrawer() {
    drawerOpen = false;
  }

  public synchronized List<Document> documents() {
    return List.copyOf(documents);
  }

  /** Forgets the documents printed so far (their numbers go on). */
  public synchronized void clearDocuments() {
    documents.clear();
  }

  public synchronized int drawerKicks() {
    return drawerKicks;
  }

  public synchronized boolean drawerOpen() {
    return drawerOpen;
  }

  /** Lines, codes, cuts and pulses dropped because the printer could not print. */
  public synchronized long discarded() {
    return discarded;
  }

  /** Lines printed since the last cut, not yet a document. */
  public synchronized List<Printed.Line> pendingLines() {
    return List.copyOf(lines);
  }
}
