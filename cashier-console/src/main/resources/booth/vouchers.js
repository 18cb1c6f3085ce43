// The registers finance keeps and supervisors read, at the booth: the voucher register (batches,
// a batch issued with its codes to download, a code looked up, a code voided) and the exemption
// register (free passes and barriers lifted by hand) for the days chosen. The page only presents:
// the console and the controller check every field and role again, and their words (Chinese ·
// English) are shown as they come. Uses what booth.js shares as window.booth.
"use strict";

window.boothRegisters = (function () {
  const { LANG, t, tl } = window.BoothText;
  const b = window.booth;
  const READERS = ["Finance", "Supervisor"];
  const MAX_BATCH = 1000;
  const MAX_TEXT = 200;

  const pending = {};      // what -> the message sent and not yet answered (one of each at a time)
  let built = false;
  let shownFor = null;     // the signed-in person the sections were last shown or hidden for
  let loaded = false;      // both registers read once since the page opened
  let kinds = [];
  let found = null;        // the code last looked up, as the controller answered it
  let issued = null;       // the batch last issued here, with its codes

  const $ = (id) => document.getElementById(id);

  function user() {
    return b.user();
  }

  function reader() {
    const u = user();
    return !!u && READERS.includes(u.role);
  }

  function finance() {
    const u = user();
    return !!u && u.role === "Finance";
  }

  function show(id, text, cls) {
    const r = $(id);
    r.className = "result " + cls;
    r.textContent = text;
  }

  function heading(tag, zh, en) {
    const h = b.el(tag, null, LANG === "en" ? "" : zh + (tag === "h2" ? "" : " "));
    if (LANG !== "zh") h.appendChild(b.el("span", "en", en));
    return h;
  }

  function field(label, input) {
    const l = b.el("label", null, LANG === "en" ? "" : label[0] + " ");
    if (LANG !== "zh") l.appendChild(b.el("span", "en", label[1]));
    l.appendChild(input);
    return l;
  }

  function input(id, type, max) {
    const i = b.el("input");
    i.id = id;
    i.type = type || "text";
    if (max) i.maxLength = max;
    return i;
  }

  function button(id, zh, en, type) {
    const k = b.el("button", "plain", t(zh, en));
    k.id = id;
    k.type = type || "submit";
    return k;
  }

  function form(id, cls, children, onSubmit) {
    const f = b.el("form", "supervise " + cls);
    f.id = id;
    f.autocomplete = "off";
    f.noValidate = true;
    children.forEach(c => f.appendChild(c));
    f.addEventListener("submit", (e) => {
      e.preventDefault();
      onSubmit();
    });
    return f;
  }

  function result(id) {
    const r = b.el("div", "result hidden");
    r.id = id;
    r.setAttribute("aria-live", "polite");
    return r;
  }

  /** The site's today as 2027-01-09, in its own zone. */
  function today() {
    const view = b.view();
    const zone = view && view.site && view.site.zone;
    return new Date().toLocaleDateString("sv-SE", zone ? { timeZone: zone } : {});
  }

  function send(what, message) {
    if (pending[what] || !b.linked()) return false;
    pending[what] = Object.assign({ requestId: b.newRequestId() }, message);
    b.send(pending[what]);
    return true;
  }

  // ---- building the two sections ----

  function build() {
    if (built) return;
    const side = document.querySelector("aside.side");
    if (!side) return;
    built = true;
    const vouchers = b.el("section", "register hidden");
    vouchers.id = "voucher-register-section";
    vouchers.appendChild(heading("h2", "优惠券登记", "Voucher register"));

    const table = b.el("table", "items voucher-batches");
    table.id = "voucher-batches";
    vouchers.appendChild(table);
    const more = b.el("div", "muted");
    more.id = "voucher-batches-more";
    vouchers.appendChild(more);
    vouchers.appendChild(form("voucher-refresh-form", "register-refresh",
      [button("voucher-refresh", "刷新", "Refresh")], listBatches));

    const kind = b.el("select");
    kind.id = "voucher-kind";
    const count = input("voucher-count", "number");
    count.min = 1;
    count.max = MAX_BATCH;
    count.step = 1;
    const issueForm = form("voucher-issue-form", "voucher-issue hidden", [
      heading("h3", "发放优惠券", "Issue a batch"),
      field(["券种", "Kind"], kind),
      field(["发券单位", "Issuer (merchant)"], input("voucher-issuer", "text", MAX_TEXT)),
      field(["张数", "Count"], count),
      field(["有效期起", "Valid from"], input("voucher-from", "date")),
      field(["有效期止", "Valid to"], input("voucher-to", "date")),
      field(["备注", "Note"], input("voucher-note", "text", MAX_TEXT)),
      button("voucher-issue", "发放", "Issue vouchers")
    ], issue);
    vouchers.appendChild(issueForm);
    const issuedBox = b.el("div", "voucher-issued hidden");
    issuedBox.id = "voucher-issued";
    vouchers.appendChild(issuedBox);

    vouchers.appendChild(form("voucher-show-form", "voucher-show", [
      heading("h3", "查询券码", "Look up a code"),
      field(["券码", "Code"], input("voucher-code", "text", 64)),
      button("voucher-show", "查询", "Look up")
    ], lookUp));
    const foundBox = b.el("div", "voucher-found");
    foundBox.id = "voucher-found";
    vouchers.appendChild(foundBox);
    vouchers.appendChild(result("voucher-result"));

    const exemptions = b.el("section", "register hidden");
    exemptions.id = "exemption-register-section";
    exemptions.appendChild(heading("h2", "免费放行与手动抬杆登记", "Exemption register"));
    exemptions.appendChild(form("exemption-range", "register-range", [
      field(["从", "From"], input("exemption-from", "date")),
      field(["到", "To"], input("exemption-to", "date")),
      button("exemption-show", "查看登记", "Show register")
    ], listExemptions));
    exemptions.appendChild(result("exemption-result"));
    exemptions.appendChild(heading("h3", "免费放行", "Free passes"));
    const passes = b.el("ul", "register-lines");
    passes.id = "exemption-passes";
    exemptions.appendChild(passes);
    exemptions.appendChild(heading("h3", "手动抬杆", "Barrier lifted by hand"));
    const lifts = b.el("ul", "register-lines");
    lifts.id = "exemption-lifts";
    exemptions.appendChild(lifts);

    for (const s of [vouchers, exemptions]) {
      // Enter in these forms submits them; it never takes cash at the selected lane.
      s.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === "F1") {
          if (e.key === "F1") e.preventDefault();
          e.stopPropagation();
        }
      });
    }
    // Below the booth's own work (approvals waiting, lanes, shift), above the event log: reading
    // a register never hides a vehicle waiting for a decision.
    const log = $("event-log");
    const before = log ? log.closest("section") : null;
    side.insertBefore(vouchers, before);
    side.insertBefore(exemptions, before);
  }

  // ---- the voucher register ----

  function listBatches() {
    send("batches", { type: "list-voucher-batches" });
  }

  function renderBatches(a) {
    kinds = a.kinds || [];
    const select = $("voucher-kind");
    const chosen = select.value;
    select.replaceChildren(b.el("option", null, t("请选择", "Choose…")));
    select.firstChild.value = "";
    for (const k of kinds) {
      const o = b.el("option", null, k);
      o.value = k;
      select.appendChild(o);
    }
    select.value = kinds.includes(chosen) ? chosen : "";
    const table = $("voucher-batches");
    const head = b.el("tr");
    for (const [zh, en, num] of [["批次", "Batch", 1], ["发券单位", "Issuer"], ["券种", "Kind"], ["张数", "Count", 1],
      ["已用", "Used", 1], ["作废", "Voided", 1], ["剩余", "Left", 1], ["有效期", "Valid"], ["发放", "Issued by, at"]]) {
      head.appendChild(b.el("th", num ? "num" : null, tl(zh, en)));
    }
    const rows = a.batches.map(x => {
      const tr = b.el("tr");
      tr.id = "voucher-batch-" + x.batchNo;
      for (const [text, num] of [["#" + x.batchNo, 1], [x.issuer], [x.kind], [x.count, 1], [x.used, 1], [x.voided, 1],
        [x.left, 1], [x.validFrom + " – " + x.validTo], [x.issuedBy + " · " + x.issuedAt]]) {
        tr.appendChild(b.el("td", num ? "num" : null, String(text)));
      }
      if (x.note) tr.title = x.note;
      return tr;
    });
    if (!rows.length) {
      const tr = b.el("tr");
      const td = b.el("td", "muted", t("尚未发放优惠券", "No vouchers issued yet"));
      td.colSpan = 9;
      tr.appendChild(td);
      rows.push(tr);
    }
    table.replaceChildren(head, ...rows);
    $("voucher-batches-more").textContent = a.total > a.batches.length
      ? t("显示最新 " + a.batches.length + " 批，共 " + a.total + " 批；其余用 ./parking vouchers list 查看",
        "The newest " + a.batches.length + " of " + a.total + " batches; ./parking vouchers list shows them all")
      : "";
  }

  function issue() {
    if (!finance() || pending.issue) return;
    const kind = $("voucher-kind").value;
    const issuer = $("voucher-issuer").value.trim();
    const countText = $("voucher-count").value.trim();
    const from = $("voucher-from").value;
    const to = $("voucher-to").value;
    const note = $("voucher-note").value.trim();
    const wrong = !kind ? t("请选择券种", "Choose the voucher kind")
      : !issuer || issuer.length > MAX_TEXT ? t("请填写发券单位（1-200 字）", "Enter the issuer (1-200 characters)")
      : !/^\d{1,4}$/.test(countText) || Number(countText) < 1 || Number(countText) > MAX_BATCH
        ? t("张数应为 1-" + MAX_BATCH + " 的整数", "The count is a whole number from 1 to " + MAX_BATCH) + ": '" + countText + "'"
      : !from || !to ? t("请填写有效期起止日期", "Enter the first and last valid days")
      : to < from ? t("有效期截止日早于起始日", "Valid to is before valid from") + ": " + to + " < " + from
      : to < today() ? t("有效期已过", "Valid to has passed") + ": " + to
      : null;
    if (wrong) {
      show("voucher-result", "✗ " + wrong, "bad");
      return;
    }
    if (send("issue", { type: "issue-vouchers", kind: kind, issuer: issuer, count: Number(countText),
      validFrom: from, validTo: to, note: note })) {
      $("voucher-issue").disabled = true;
      show("voucher-result", t("正在发放…", "Issuing…"), "wait");
    }
  }

  function renderIssued() {
    const box = $("voucher-issued");
    box.classList.toggle("hidden", !issued);
    if (!issued) return;
    const x = issued.batch;
    const title = b.el("div", "voucher-issued-title", "✓ " + t("已发放", "Issued") + " " + tl("批次", "batch") + " #" + x.batchNo
      + " · " + x.count + " × " + x.kind + " · " + x.issuer + " · " + tl("有效期", "valid") + " " + x.validFrom + " – " + x.validTo);
    const codes = b.el("ol", "voucher-codes");
    codes.id = "voucher-issued-codes";
    for (const c of issued.codes) codes.appendChild(b.el("li", null, c));
    const download = button("voucher-download", "下载 CSV", "Download CSV", "button");
    download.addEventListener("click", downloadCsv);
    box.replaceChildren(title, download, codes);
  }

  function csvField(s) {
    return /[",\n]/.test(s) ? "\"" + s.replace(/"/g, "\"\"") + "\"" : s;
  }

  // The batch's codes as the print shop takes them, the same columns as ./parking vouchers issue --out.
  function downloadCsv() {
    if (!issued) return;
    const x = issued.batch;
    const lines = ["code,batch,kind,issuer,valid_from,valid_to"]
      .concat(issued.codes.map(c => [c, x.batchNo, x.kind, csvField(x.issuer), x.validFrom, x.validTo].join(",")));
    const url = URL.createObjectURL(new Blob([lines.join("\n") + "\n"], { type: "text/csv;charset=utf-8" }));
    const a = b.el("a");
    a.href = url;
    a.download = "vouchers-batch-" + x.batchNo + ".csv";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function lookUp() {
    if (!reader() || pending.show) return;
    const code = $("voucher-code").value.trim();
    if (!code) {
      show("voucher-result", "✗ " + t("请输入券码", "Type the voucher code"), "bad");
      return;
    }
    if (send("show", { type: "show-voucher", code: code })) show("voucher-result", t("正在查询…", "Looking up…"), "wait");
  }

  function renderFound() {
    const box = $("voucher-found");
    if (!found) { box.replaceChildren(); return; }
    const v = found;
    const facts = b.el("dl", "facts");
    b.fact(facts, tl("券码", "Code"), v.code);
    b.fact(facts, tl("状态", "Status"), tl(v.statusZh, v.statusEn), "voucher-status-" + v.status.toLowerCase()).id = "voucher-status";
    b.fact(facts, tl("批次", "Batch"), "#" + v.batchNo + " · " + v.kind + " · " + v.issuer);
    b.fact(facts, tl("有效期", "Valid"), v.validFrom + " – " + v.validTo);
    if (v.status === "USED") {
      b.fact(facts, tl("使用", "Used"), v.lane + " · " + tl("停车记录", "stay") + " #" + v.stayId + " · " + v.usedBy + " · " + v.usedAt);
      b.fact(facts, tl("应收", "Due"), v.dueBefore + " → " + v.dueAfter + " " + (v.currency || ""));
      b.fact(facts, tl("收据", "Receipt"), v.receiptNo || t("无需付款", "nothing left to pay")).id = "voucher-receipt";
    }
    if (v.status === "VOIDED") {
      b.fact(facts, tl("作废", "Voided"), v.voidedBy + " · " + v.voidedAt + " · " + v.voidReason);
    }
    const children = [facts];
    if (finance() && (v.status === "UNUSED" || v.status === "EXPIRED")) {
      children.push(form("voucher-void-form", "voucher-void", [
        field(["作废原因", "Reason to void"], input("voucher-void-reason", "text", MAX_TEXT)),
        button("voucher-void", "作废", "Void this code")
      ], () => voidCode(v.code)));
    }
    box.replaceChildren(...children);
  }

  function voidCode(code) {
    if (!finance() || pending.void) return;
    const reason = $("voucher-void-reason").value.trim();
    if (!reason || reason.length > MAX_TEXT) {
      show("voucher-result", "✗ " + t("请填写作废原因（1-200 字）", "Enter the reason for voiding it (1-200 characters)"), "bad");
      return;
    }
    if (!window.confirm(t("作废后任何出口都不再接受此券：", "No exit accepts a voided code: void ") + code + "?")) return;
    if (send("void", { type: "void-voucher", code: code, reason: reason })) {
      $("voucher-void").disabled = true;
      show("voucher-result", t("正在作废…", "Voiding…"), "wait");
    }
  }

  // ---- the exemption register ----

  function listExemptions() {
    if (!reader()) return;
    const from = $("exemption-from").value;
    const to = $("exemption-to").value;
    if (from && to && to < from) {
      show("exemption-result", "✗ " + t("截止日期早于起始日期", "The last day is before the first") + ": " + to + " < " + from, "bad");
      return;
    }
    if (send("exemptions", { type: "list-exemptions", from: from || null, to: to || null })) {
      show("exemption-result", t("正在读取…", "Reading…"), "wait");
    }
  }

  const PASS_STATUS = {
    WAITING: ["待批", "Waiting"], APPROVED: ["已批准", "Approved"], REFUSED: ["已拒绝", "Refused"]
  };

  function renderExemptions(a) {
    const days = a.from + (a.to !== a.from ? " – " + a.to : "");
    show("exemption-result", tl("日期", "Days") + " " + days + " · " + tl("免费放行", "Free passes") + " " + a.freePassesTotal
      + " · " + tl("手动抬杆", "Manual lifts") + " " + a.liftsTotal, "ok");
    const passes = a.freePasses.map(p => {
      const li = b.el("li", "register-line");
      li.id = "exemption-pass-" + p.passNo;
      const s = PASS_STATUS[p.status] || [p.status, p.status];
      li.appendChild(b.el("div", "register-line-title", tl("免费放行", "Free pass") + " #" + p.passNo + " · " + p.askedAt + " · " + p.lane
        + " · " + (p.plate || t("车牌未识别", "plate not read")) + " · " + tl(s[0], s[1])));
      li.appendChild(b.el("div", null, tl("停车记录", "Stay") + " #" + p.stayId + (p.card ? " · " + tl("卡号", "Card") + " " + p.card : "")
        + (p.enteredAt ? " · " + tl("入场", "entered") + " " + p.enteredAt : "") + " · "
        + (p.status === "APPROVED" ? tl("免收", "Fee waived") : tl("费用", "Fee")) + " " + p.fee + " " + p.currency));
      li.appendChild(b.el("div", null, tl("申请", "Asked by") + " " + p.askedBy + ": " + p.reason));
      if (p.decidedBy) {
        li.appendChild(b.el("div", null, tl(s[0], s[1]) + " · " + p.decidedBy + " · " + p.decidedAt + (p.note ? " · " + p.note : "")));
      }
      return li;
    });
    const lifts = a.lifts.map(l => {
      const li = b.el("li", "register-line");
      li.id = "exemption-lift-" + l.liftNo;
      li.appendChild(b.el("div", "register-line-title", tl("手动抬杆", "Lift") + " #" + l.liftNo + " · " + l.at + " · " + l.lane + " · " + l.by));
      li.appendChild(b.el("div", null, tl("原因", "Reason") + ": " + l.reason
        + (l.stayId ? " · " + tl("停车记录", "Stay") + " #" + l.stayId : "") + (l.due ? " · " + tl("欠费", "Owed") + " " + l.due + " " + l.currency : "")));
      return li;
    });
    const none = () => b.el("li", "muted", t("无", "None"));
    const cut = (shown, total) => total > shown
      ? [b.el("li", "muted", t("仅显示前 " + shown + " 条，共 " + total + " 条：请缩短日期范围",
        "The first " + shown + " of " + total + ": choose fewer days"))] : [];
    $("exemption-passes").replaceChildren(...(passes.length ? passes : [none()]), ...cut(passes.length, a.freePassesTotal));
    $("exemption-lifts").replaceChildren(...(lifts.length ? lifts : [none()]), ...cut(lifts.length, a.liftsTotal));
  }

  // ---- answers ----

  function answered(what, msg) {
    const req = pending[what];
    delete pending[what];
    switch (what) {
      case "batches":
        if (msg.ok) renderBatches(msg.answer);
        else show("voucher-result", "✗ " + b.refusalText(msg), "bad");
        break;
      case "issue":
        $("voucher-issue").disabled = false;
        if (msg.ok) {
          issued = msg.answer;
          renderIssued();
          show("voucher-result", "✓ " + t("已发放优惠券", "Vouchers issued") + " · " + tl("批次", "batch") + " #" + issued.batch.batchNo
            + " · " + issued.codes.length + " × " + issued.batch.kind, "ok");
          $("voucher-issue-form").reset();
          $("voucher-from").value = today();
          listBatches();
        } else {
          show("voucher-result", "✗ " + t("未发放", "Not issued:") + " " + b.refusalText(msg), "bad");
        }
        break;
      case "show":
        if (msg.ok) {
          found = msg.answer.voucher;
          renderFound();
          show("voucher-result", "✓ " + found.code + " · " + tl(found.statusZh, found.statusEn), "ok");
        } else {
          found = null;
          renderFound();
          show("voucher-result", "✗ " + t("未找到", "Not found:") + " " + b.refusalText(msg), "bad");
        }
        break;
      case "void":
        if (msg.ok) {
          found = msg.answer.voucher;
          renderFound();
          show("voucher-result", "✓ " + t("已作废", "Voided") + " " + found.code + " · " + found.voidReason, "ok");
          listBatches();
        } else {
          if ($("voucher-void")) $("voucher-void").disabled = false;
          show("voucher-result", "✗ " + t("未作废", "Not voided:") + " " + b.refusalText(msg), "bad");
        }
        break;
      case "exemptions":
        if (msg.ok) renderExemptions(msg.answer);
        else show("exemption-result", "✗ " + b.refusalText(msg), "bad");
        break;
    }
    return req;
  }

  function hello() {
    build();
    shownFor = user();
    $("voucher-register-section").classList.toggle("hidden", !reader());
    $("exemption-register-section").classList.toggle("hidden", !reader());
    $("voucher-issue-form").classList.toggle("hidden", !finance());
    if (!reader()) return;
    if (!$("voucher-from").value) $("voucher-from").value = today();
  }

  // Built hidden at once, so the page has its sections whatever the order of its first messages.
  build();

  return {
    /** Every message the page receives, after booth.js has taken it. */
    onMessage(msg) {
      // A hello that came before this script ran is made up for at the next state.
      const state = msg.type === "state" || msg.type === "change";
      if (msg.type === "hello" || (state && user() && shownFor !== user())) {
        hello();
      }
      if (state && reader() && !loaded && b.linked()) {
        // The first state with the controller reachable: read both registers once.
        loaded = true;
        listBatches();
        listExemptions();
      } else if (msg.type === "result") {
        for (const what of Object.keys(pending)) {
          if (pending[what].requestId === msg.requestId) {
            answered(what, msg);
            return;
          }
        }
      }
    },
    /** The same requests again after a reconnect, with the same ids. */
    resend() {
      for (const what of Object.keys(pending)) b.send(pending[what]);
    }
  };
})();
