package org.parkgate.console.printer;

import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the booth's receipts and drawer kicks go: the booth printer, or nowhere when the booth has
 * none (and says so). Called only once the controller has recorded what is printed.
 */
public interface ReceiptOutput {
  void receipt(ReceiptPrint receipt);

  /** Opens the cash drawer ("no sale", recorded as {@code openingNo}). */
  void kickDrawer(long openingNo);

  /** Prints a closed shift's report; {@code copyNo} 0 for the original, 1, 2... for copies. */
  void shiftReport(String siteName, org.parkgate.api.ShiftSheet sheet, int copyNo);

  /** A booth without a printer: nothing prints, and the log says what would have. */
  ReceiptOutput NONE =
      new ReceiptOutput() {
        private final Logger log = LoggerFactory.getLogger(ReceiptOutput.class);

        @Override
        public void receipt(ReceiptPrint receipt) {
          log.info("booth: no printer, receipt {} not printed", receipt.receiptNo());
        }

        @Override
        public void kickDrawer(long openingNo) {
          log.info("booth: no printer, drawer opening {} not kicked", openingNo);
        }

        @Override
        public void shiftReport(String siteName, org.parkgate.api.ShiftSheet sheet, int copyNo) {
          log.info("booth: no printer, report of shift {} not printed", sheet.shiftNo());
        }
      };

  /** Receipts laid out for {@code printer}, times in {@code zone}. */
  static ReceiptOutput to(BoothPrinter printer, ZoneId zone) {
    return new ReceiptOutput() {
      @Override
      public void receipt(ReceiptPrint r) {
        printer.print(
            "receipt " + r.receiptNo() + (r.copy() ? " (copy)" : ""),
            ReceiptLayout.render(r, zone));
      }

      @Override
      public void kickDrawer(long openingNo) {
        printer.print("drawer opening " + openingNo, ReceiptLayout.drawerKick());
      }

      @Override
      public void shiftReport(String siteName, org.parkgate.api.ShiftSheet sheet, int copyNo) {
        printer.print(
            "shift report " + sheet.shiftNo() + (copyNo > 0 ? " (copy " + copyNo + ")" : ""),
            ShiftReportLayout.render(siteName, sheet, zone, copyNo));
      }
    };
  }
}
