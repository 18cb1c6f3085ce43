// The finance page: a report chosen by kind, days and filters, computed by the controller and
// drawn here as a table (money right-aligned, the totals row, the ledger chain head under it) and,
// where a column is marked for it (AXIS / SERIES), as a chart; exported as CSV or XLSX by the
// console and printed by the browser (finance.css @media print). Every word in both languages
// through text.js.
"use strict";

(function () {
  const { t, said } = window.BoothText;
  const $ = (id) => document.getElementById(id);
  const { digits, cellText, fill } = window.ReportCells;
  let meta = null;
  let shown = null;
  const charts = [];

  // ---- the form ----

  // The console's answer as JSON; null when there is none to show (signed out: to the sign-in page;
  // refused: the reason shown).
  async function fetchJson(url) {
    const r = await fetch(url, { credentials: "same-origin" });
    if (r.status === 401) {
      location.href = "/login";
      return null;
    }
    if (!r.ok) {
      fail(await errorOf(r));
      return null;
    }
    return r.json();
  }

  async function start() {
    document.title = t("财务报表", "Finance");
    window.BoothText.localize(document.body);
    window.BoothText.languageSwitch();
    meta = await fetchJson("/api/finance/meta");
    if (!meta) return;
    $("site-name").textContent = t("财务报表", "Finance") + " · " + meta.site;
    $("user-name").textContent = meta.displayName || meta.username;
    $("user-role").textContent = t(meta.roleZh, meta.roleEn);
    for (const k of meta.kinds) {
      const o = document.createElement("option");
      o.value = k.code;
      o.textContent = t(k.zh, k.en);
      $("kind").appendChild(o);
    }
    for (const lane of meta.lanes) {
      const o = document.createElement("option");
      o.value = lane;
      o.textContent = lane;
      $("lane").appendChild(o);
    }
    for (const tender of meta.tenders) {
      const o = document.createElement("option");
      o.value = tender.code;
      o.textContent = t(tender.zh, tender.en);
      $("tender").appendChild(o);
    }
    // This month so far, in the site's zone (the console's today there, not the browser's).
    const params = new URLSearchParams(location.search);
    $("from").value = params.get("from") || meta.today.slice(0, 8) + "01";
    $("to").value = params.get("to") || meta.today;
    if (params.get("kind")) $("kind").value = params.get("kind");
    $("kind").addEventListener("change", filtersForKind);
    filtersForKind();
    $("report-form").addEventListener("submit", (e) => {
      e.preventDefault();
      show();
    });
    $("print").addEventListener("click", () => window.print());
    window.addEventListener("resize", () => shown && drawCharts(shown));
    if (params.get("kind")) show();
    else $("kind").focus();
  }

  function kind() {
    return meta.kinds.find((k) => k.code === $("kind").value);
  }

  // Only the filters the chosen kind takes are shown and sent; the controller refuses any other.
  function filtersForKind() {
    const k = kind();
    for (const f of document.querySelectorAll(".filter")) {
      f.classList.toggle("hidden", !k || !k.filters.includes(f.dataset.filter));
    }
  }

  function query(kindCode) {
    const q = new URLSearchParams();
    q.set("kind", kindCode || $("kind").value);
    q.set("from", $("from").value);
    q.set("to", $("to").value);
    const k = meta.kinds.find((x) => x.code === q.get("kind"));
    for (const f of ["lane", "cashier", "tender", "class"]) {
      const v = $(f).value.trim();
      if (v && k && k.filters.includes(f)) q.set(f, v);
    }
    return q;
  }

  async function show() {
    $("error").classList.add("hidden");
    if (!$("from").value || !$("to").value) {
      fail(t("请填写开始和结束日期", "Fill in both days"));
      return;
    }
    const q = query();
    $("loading").classList.remove("hidden");
    try {
      const report = await fetchJson("/api/finance/report?" + q);
      if (!report) return;
      shown = report;
      history.replaceState(null, "", "/finance?" + q);
      render(shown);
      exports(q);
    } catch (e) {
      fail(t("控制台无应答", "The console did not answer") + ": " + e.message);
    } finally {
      $("loading").classList.add("hidden");
    }
  }

  function exports(q) {
    const link = (id, format, charset, kindCode) => {
      const x = new URLSearchParams(q);
      if (kindCode) {
        x.set("kind", kindCode);
        for (const f of ["lane", "cashier", "tender", "class"]) x.delete(f);
      }
      x.set("format", format);
      if (charset) x.set("charset", charset);
      $(id).href = "/api/finance/export?" + x;
    };
    link("export-csv", "csv", "utf-8");
    link("export-gb18030", "csv", "gb18030");
    link("export-xlsx", "xlsx");
    const journal = meta.kinds.some((k) => k.code === "journal");
    $("export-journal").classList.toggle("hidden", !journal);
    $("export-journal-xlsx").classList.toggle("hidden", !journal);
    if (journal) {
      link("export-journal", "csv", "utf-8", "journal");
      link("export-journal-xlsx", "xlsx", null, "journal");
    }
    $("actions").classList.remove("hidden");
  }

  async function errorOf(r) {
    try {
      const body = await r.json();
      return said(body.error) || r.statusText;
    } catch (e) {
      return r.status + " " + r.statusText;
    }
  }

  function fail(text) {
    $("error").textContent = text;
    $("error").classList.remove("hidden");
  }

  // ---- the report ----

  function header(c) {
    if (c.zh === c.en) return c.zh;
    return t(c.zh, c.en) + (c.currency ? " (" + c.currency + ")" : "");
  }

  function render(report) {
    const kindOf = meta.kinds.find((k) => k.code === report.request.kind.toLowerCase().replace(/_/g, "-"));
    const title = kindOf ? t(kindOf.zh, kindOf.en) : said(report.title);
    $("report-title").textContent = title;
    document.title = title + " " + report.request.from + " – " + report.request.to;
    const filters = ["lane", "cashier", "tender", "vehicleClass"]
      .filter((f) => report.request[f])
      .map((f) => f + " " + report.request[f]);
    $("report-period").textContent =
      t("期间", "Period") + " " + report.request.from + " – " + report.request.to +
      " (" + report.zone + ")" + (filters.length ? " · " + filters.join(", ") : "");
    fill($("report-table"), report, header);
    $("report-empty").classList.toggle("hidden", report.rows.length > 0);
    const notes = $("report-notes");
    notes.replaceChildren();
    for (const n of report.notes) {
      const li = document.createElement("li");
      li.textContent = said(n);
      notes.appendChild(li);
    }
    const chain =
      t("账本链头", "Ledger chain head") + ": link " + report.chainLink + " sha256 " + report.chainHash;
    $("chain-head").textContent = chain;
    $("computed-at").textContent = t("生成于", "Computed at") + " " + report.computedAt;
    $("print-footer").textContent =
      title + " · " + report.request.from + " – " + report.request.to + " · " + chain;
    $("report").classList.remove("hidden");
    drawCharts(report);
  }

  // ---- charts (uPlot, from the console's own jar) ----

  function drawCharts(report) {
    while (charts.length) charts.pop().destroy();
    const box = $("charts");
    box.replaceChildren();
    const axisAt = report.columns.findIndex((c) => c.chart === "AXIS");
    const series = report.columns.map((c, i) => [c, i]).filter(([c]) => c.chart === "SERIES");
    if (axisAt < 0 || !series.length || !report.rows.length || !window.uPlot) return;
    const axis = report.columns[axisAt];
    const timed = axis.type === "DATE" || axis.type === "TIME";
    const xs = report.rows.map((r, i) => x(axis, r.cells[axisAt], i));
    const labels = report.rows.map((r) => cellText(axis, r.cells[axisAt]));
    const width = Math.max(320, Math.min(box.clientWidth || 900, 1200) - 20);
    for (const [c, i] of series) {
      const scale = c.type === "MONEY" ? 10 ** digits(c.currency) : 1;
      const ys = report.rows.map((r) => (r.cells[i].value == null ? null : r.cells[i].value / scale));
      const div = document.createElement("div");
      div.className = "chart";
      div.setAttribute("role", "img");
      div.setAttribute("aria-label", header(c) + " / " + header(axis));
      box.appendChild(div);
      const bars = !timed || axis.type === "DATE";
      const opts = {
        title: header(c) + " · " + header(axis),
        width,
        height: 260,
        tzDate: (ts) => window.uPlot.tzDate(new Date(ts * 1000), axis.type === "DATE" ? "UTC" : report.zone),
        scales: { x: { time: timed, range: (u, min, max) => [min - pad(xs), max + pad(xs)] } },
        legend: { show: true },
        series: [
          { label: header(axis), value: (u, v, si, idx) => (idx == null ? "" : labels[idx]) },
          {
            label: header(c),
            stroke: "#1d4ed8",
            fill: "rgba(29, 78, 216, 0.25)",
            width: 1,
            paths: bars ? window.uPlot.paths.bars({ size: [0.7, 60] }) : undefined,
            points: { show: false },
            value: (u, v) => (v == null ? "" : format(c, v, scale))
          }
        ],
        axes: [
          axis.type === "DATE"
            ? {
                // Whole days only: ticks a day or a week apart, labelled as the table writes them.
                incrs: [86400, 2 * 86400, 7 * 86400, 14 * 86400, 28 * 86400],
                values: (u, splits) => splits.map((s) => new Date(s * 1000).toISOString().slice(5, 10))
              }
            : timed
            ? {}
            : {
                splits: () => xs.filter((_, k) => k % Math.ceil(xs.length / 12) === 0),
                values: (u, splits) => splits.map((s) => labels[s] || "")
              },
          { size: 70, values: (u, splits) => splits.map((s) => format(c, s, scale)) }
        ]
      };
      charts.push(new window.uPlot(opts, [xs, ys], div));
    }
  }

  function pad(xs) {
    return xs.length > 1 ? (xs[1] - xs[0]) / 2 : 1;
  }

  // Where a row sits along the axis: a day at its UTC midnight (drawn in UTC, so no zone moves
  // it), a time at its instant (drawn in the site's zone), anything else at its index.
  function x(axis, cell, i) {
    if (axis.type === "DATE" && cell.text) return Date.parse(cell.text + "T00:00:00Z") / 1000;
    if (axis.type === "TIME" && cell.text) return Date.parse(cell.text) / 1000;
    return i;
  }

  function format(c, v, scale) {
    if (c.type === "MONEY") return v.toLocaleString("en", { maximumFractionDigits: Math.log10(scale) });
    if (c.type === "DURATION") return Math.round(v / 60) + " min";
    return v.toLocaleString("en");
  }


  start();
})();
