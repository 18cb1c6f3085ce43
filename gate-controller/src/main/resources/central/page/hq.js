"use strict";
// Head office's finance page: asks its server for a head-office report and draws it as the site
// finance page does (money in major units with its decimals, numbers right-aligned, totals).
(function () {
  const $ = (id) => document.getElementById(id);
  const { fill } = window.ReportCells;

  function header(c) {
    return (c.zh === c.en ? c.zh : c.zh + " · " + c.en) + (c.currency ? " (" + c.currency + ")" : "");
  }

  function query(format) {
    const q = new URLSearchParams({ kind: $("kind").value, from: $("from").value, to: $("to").value, format });
    for (const box of document.querySelectorAll("#sites input:checked")) q.append("site", box.value);
    return "/api/report?" + q.toString();
  }

  function links() {
    $("csv").href = query("csv");
    $("xlsx").href = query("xlsx");
  }

  async function show(e) {
    if (e) e.preventDefault();
    $("problem").textContent = "";
    links();
    const r = await fetch(query("json"));
    if (r.status === 401) { location.href = "/"; return; }
    if (!r.ok) { $("problem").textContent = await r.text(); $("report").classList.add("hidden"); return; }
    const report = await r.json();
    $("title").textContent = report.title;
    $("period").textContent = "期间 · Period " + report.request.from + " – " + report.request.to;
    fill($("table"), report, header);
    $("empty").classList.toggle("hidden", report.rows.length > 0);
    const notes = $("notes");
    notes.replaceChildren();
    for (const n of report.notes) {
      const li = document.createElement("li");
      li.textContent = n;
      notes.appendChild(li);
    }
    $("chain").textContent = "链头 · Chain heads: link " + report.chainLink + " sha256 " + report.chainHash + " · " + report.computedAt;
    $("report").classList.remove("hidden");
  }

  async function sites() {
    const r = await fetch("/api/sites");
    if (!r.ok) { $("problem").textContent = await r.text(); return; }
    for (const s of await r.json()) {
      const label = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.value = s.id;
      box.addEventListener("change", links);
      label.appendChild(box);
      label.appendChild(document.createTextNode(s.name + " (" + s.id + ")"));
      $("sites").appendChild(label);
    }
  }

  const today = new Date();
  const first = new Date(today.getFullYear(), today.getMonth(), 1);
  const iso = (d) => d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  $("from").value = iso(first);
  $("to").value = iso(today);
  $("ask").addEventListener("submit", show);
  for (const id of ["kind", "from", "to"]) $(id).addEventListener("change", links);
  $("print").addEventListener("click", () => window.print());
  sites().then(links);
})();
