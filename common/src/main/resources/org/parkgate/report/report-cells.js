"use strict";
// A report's cells as the finance pages show them, the same text the text report and CSV write
// (org.parkgate.report.CellText): money in major units with its currency's decimals, durations
// H:MM:SS, shares as 12.50%, times without the "T". Shared by the site's finance page (the
// cashier-console) and head office's (./parking central serve).
window.ReportCells = (function () {
  const NUMERIC = new Set(["COUNT", "MONEY", "DURATION", "PERCENT"]);

  /** How many decimals the currency's minor unit has (2 when the browser does not know it). */
  function digits(currency) {
    try {
      return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
        .maximumFractionDigits;
    } catch (e) {
      return 2;
    }
  }

  function cellText(c, cell) {
    if (!cell || (cell.value == null && cell.text == null)) return "";
    if (cell.value == null) return c.type === "TIME" ? cell.text.replace("T", " ") : cell.text;
    const v = cell.value;
    const a = Math.abs(v);
    const sign = v < 0 ? "-" : "";
    switch (c.type) {
      case "MONEY": {
        const d = digits(c.currency);
        const major = Math.floor(a / 10 ** d).toLocaleString("en");
        return d === 0 ? sign + major : sign + major + "." + String(a % 10 ** d).padStart(d, "0");
      }
      case "DURATION":
        return sign + Math.floor(a / 3600) + ":" + String(Math.floor(a / 60) % 60).padStart(2, "0") + ":" + String(a % 60).padStart(2, "0");
      case "PERCENT":
        return sign + Math.floor(a / 100) + "." + String(a % 100).padStart(2, "0") + "%";
      default:
        return String(v);
    }
  }

  /** A body row of cells for {@code columns}, numbers right-aligned ("num"). */
  function row(columns, cells, cellTag) {
    const tr = document.createElement("tr");
    columns.forEach((c, i) => {
      const td = document.createElement(cellTag || "td");
      td.textContent = cellText(c, cells[i]);
      if (NUMERIC.has(c.type)) td.className = "num";
      tr.appendChild(td);
    });
    return tr;
  }

  /**
   * Draws {@code report} into the table element {@code table}: a header row ({@code header} words
   * each column), a row per report row and the totals row, if any, as the footer.
   */
  function fill(table, report, header) {
    table.replaceChildren();
    const thead = document.createElement("thead");
    const htr = document.createElement("tr");
    for (const c of report.columns) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = header(c);
      if (NUMERIC.has(c.type)) th.className = "num";
      htr.appendChild(th);
    }
    thead.appendChild(htr);
    table.appendChild(thead);
    const tbody = document.createElement("tbody");
    for (const r of report.rows) tbody.appendChild(row(report.columns, r.cells));
    table.appendChild(tbody);
    if (report.totals) {
      const tfoot = document.createElement("tfoot");
      tfoot.appendChild(row(report.columns, report.totals.cells));
      table.appendChild(tfoot);
    }
  }

  return { NUMERIC, digits, cellText, row, fill };
})();
