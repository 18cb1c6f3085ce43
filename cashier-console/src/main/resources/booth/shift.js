// The end of a shift at the booth: handover to the incoming cashier (who types their own user name
// and password here), incidents resolved with a note, and shift reports shown and reprinted.
// Uses what booth.js shares as window.booth. All text from the server goes in through textContent.
"use strict";

// Incident kinds in the booth's words (GLOSSARY.md).
const INCIDENT_KINDS = {
  ARM_LIFTED_WITHOUT_TRANSACTION: ["道闸被抬起", "Barrier lifted without a transaction"],
  TAILGATING: ["跟车", "Tailgating"],
  CLASS_MISMATCH: ["车型不符", "Vehicle class differs"],
  PLATE_MISMATCH: ["车牌不符", "Plate differs"],
  TICKET_SWAP: ["换卡", "Ticket swap"],
  PASSBACK_VIOLATION: ["防潜回违规", "Anti-passback violation"],
  BARRIER_STUCK: ["道闸故障", "Barrier stuck"],
  CARD_NOT_TAKEN: ["卡未取走", "Card not taken"],
  POWER_LOST: ["设备断电", "Power lost"],
  POWER_RESTORED: ["设备恢复供电", "Power restored"],
  BLACKLISTED: ["黑名单", "Blacklisted"],
  LEFT_UNPAID: ["欠费离场", "Left unpaid"],
  LOST_CARD: ["遗失卡", "Lost card"],
  LEDGER_CHECK_FAILED: ["账本校验失败", "Ledger check failed"],
  ENTRY_NOT_PASSED: ["入场未见通过", "Entry never seen passing"],
  OWES_ELSEWHERE: ["他场欠费", "Owes at another car park"]
};

(function () {
  const b = window.booth;
  let handingOver = null;      // {requestId} of a handover sent and not yet answered
  let resolving = null;        // {requestId, incidentNo} not yet answered
  let reprinting = null;       // {requestId} of a shift report copy not yet answered
  const noteDrafts = {};       // incident number -> the note typed so far
  let lastSheet = null;        // the report of the last close or handover answered here

  const $ = (id) => document.getElementById(id);

  function show(id, text, cls) {
    const r = $(id);
    r.className = "result " + cls;
    r.textContent = text;
  }

  function refusal(msg) {
    return b.refusalText(msg);
  }

  // ---- handover ----

  $("hand-over").addEventListener("click", () => {
    const user = b.user();
    if (!user || !user.takesCash || handingOver || !b.linked()) return;
    b.buildPieces("handover-pieces", "handover", "handover-total");
    b.buildPieces("recount-pieces", "recount", "recount-total");
    $("handover-form").reset();
    $("handover-total").textContent = "0.00";
    $("recount-total").textContent = "0.00";
    $("drawer-open").classList.add("hidden");
    $("handover-form").classList.remove("hidden");
  });

  $("handover-cancel").addEventListener("click", () => {
    $("handover-password").value = "";
    $("handover-form").classList.add("hidden");
    b.renderDrawer();
  });

  $("handover-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const user = b.user();
    if (!user || !user.takesCash || handingOver) return;
    const counted = b.pieces("handover-pieces");
    const recounted = b.pieces("recount-pieces");
    if (!counted.ok || !recounted.ok) { show("shift-result", (counted.ok ? recounted : counted).error, "bad"); return; }
    const items = b.itemCounts("handover-cards", "handover-receipts");
    if (!items.ok) { show("shift-result", items.error, "bad"); return; }
    const incoming = $("handover-username").value.trim();
    const password = $("handover-password");
    if (!incoming || !password.value) {
      show("shift-result", "✗ " + b.t("接班人请输入用户名和密码", "The incoming cashier types their user name and password"), "bad");
      return;
    }
    if (incoming === user.username) {
      show("shift-result", "✗ " + b.t("不能交接给自己", "You cannot hand over to yourself"), "bad");
      return;
    }
    handingOver = { requestId: b.newRequestId() };
    b.send({
      type: "hand-over", requestId: handingOver.requestId, pieces: counted.pieces,
      cards: items.cards, receipts: items.receipts, incomingUsername: incoming,
      incomingPassword: password.value, recountPieces: recounted.pieces
    });
    // The password went with the request and is kept nowhere in the page.
    password.value = "";
    $("handover-submit").disabled = true;
    show("shift-result", b.t("正在交接…", "Handing over…"), "wait");
  });

  // ---- incidents ----

  function incidentList() {
    const user = b.user();
    const view = b.view();
    const open = (view && view.incidents) || [];
    const section = $("incident-section");
    section.classList.toggle("hidden", !user || !user.takesCash || !open.length);
    const list = $("incident-list");
    // Drawn again only when what it shows changed: with busy lanes the state changes many times a
    // second, and a note being typed stays as it is.
    const shows = JSON.stringify([open, !!resolving, b.linked()]);
    if (list.dataset.shows === shows) return;
    list.dataset.shows = shows;
    const focused = document.activeElement && document.activeElement.id;
    list.replaceChildren(...open.map(i => {
      const li = b.el("li", "incident");
      li.dataset.incident = i.incidentNo;
      const kind = INCIDENT_KINDS[i.kind];
      li.appendChild(b.el("div", "incident-what",
        "#" + i.incidentNo + " · " + (kind ? b.tl(kind[0], kind[1]) : i.kind) + " · " + i.lane + " · " + i.at
          + (i.detail ? " — " + b.said(i.detail) : "")));
      const form = b.el("form", "incident-form");
      form.autocomplete = "off";
      const note = b.el("input");
      note.id = "incident-note-" + i.incidentNo;
      note.maxLength = 200;
      note.placeholder = b.t("处理说明", "What was done");
      note.setAttribute("aria-label", b.t("处理说明", "What was done about incident") + " #" + i.incidentNo);
      note.value = noteDrafts[i.incidentNo] || "";
      note.addEventListener("input", () => { noteDrafts[i.incidentNo] = note.value; });
      const button = b.el("button", "plain", b.t("处理", "Resolve"));
      button.type = "submit";
      button.id = "incident-resolve-" + i.incidentNo;
      button.disabled = !!resolving || !b.linked();
      form.appendChild(note);
      form.appendChild(button);
      form.addEventListener("submit", (e) => {
        e.preventDefault();
        if (resolving) return;
        const text = note.value.trim();
        if (!text || text.length > 200) {
          show("incident-result", "✗ " + b.t("请填写处理说明（1-200 字）", "Write what was done (1-200 characters)"), "bad");
          return;
        }
        resolving = { requestId: b.newRequestId(), incidentNo: i.incidentNo };
        b.send({ type: "resolve-incident", requestId: resolving.requestId, incidentNo: i.incidentNo, note: text });
        show("incident-result", b.t("正在记录…", "Recording…"), "wait");
      });
      li.appendChild(form);
      return li;
    }));
    if (focused && $(focused)) $(focused).focus();
  }

  // ---- shift reports ----

  function sheetView(s, title) {
    const box = b.el("div", "shift-report shift-sheet");
    box.appendChild(b.el("h3", null, title + " · " + b.tl("班次", "Shift") + " #" + s.shiftNo + " · " + s.cashier
      + (s.handedTo ? " → " + s.handedTo : "")));
    const facts = b.el("dl", "facts");
    if (s.variance) {
      b.fact(facts, b.tl("应有现金", "Cash expected"), s.expectedCash).id = "sheet-expected";
      b.fact(facts, b.tl("清点现金", "Cash counted"), s.countedCash).id = "sheet-counted";
      const v = b.varianceText(s.variance);
      b.fact(facts, b.tl("差额", "Variance"), v[0], v[1]).id = "sheet-variance";
    }
    if (s.countedCards !== null && s.countedCards !== undefined) {
      b.fact(facts, b.tl("IC卡", "IC cards"), b.tl("应收回", "expected") + " " + s.expectedCards + " · "
        + b.tl("清点", "counted") + " " + s.countedCards).id = "sheet-cards";
      b.fact(facts, b.tl("收据", "Receipts"), b.tl("应有", "expected") + " " + s.expectedReceipts + " · "
        + b.tl("清点", "counted") + " " + s.countedReceipts).id = "sheet-receipts";
    }
    b.fact(facts, b.tl("异常事件", "Incidents"), s.incidents.length
      ? s.incidents.map(i => "#" + i.incidentNo + " " + i.kind + ": " + (i.note || b.tl("未处理", "unresolved"))).join(" · ")
      : b.t("无", "None")).id = "sheet-incidents";
    box.appendChild(facts);
    return box;
  }

  function showSheet() {
    const box = $("shift-sheet");
    if (!lastSheet) { box.replaceChildren(); return; }
    box.replaceChildren(sheetView(lastSheet.sheet, lastSheet.title));
  }

  $("report-reprint-form").addEventListener("submit", (e) => {
    e.preventDefault();
    if (reprinting || !b.linked()) return;
    const field = $("report-reprint-shift");
    const v = field.value.trim();
    if (!/^\d{1,9}$/.test(v) || Number(v) <= 0) {
      show("shift-result", "✗ " + b.t("班次号应为正整数", "The shift number is a positive whole number") + ": '" + v + "'", "bad");
      return;
    }
    reprinting = { requestId: b.newRequestId() };
    b.send({ type: "reprint-shift-report", requestId: reprinting.requestId, shiftNo: Number(v) });
    $("report-reprint-button").disabled = true;
    show("shift-result", b.t("正在补打…", "Reprinting…"), "wait");
  });

  // ---- answers ----

  function result(msg) {
    if (handingOver && handingOver.requestId === msg.requestId) {
      handingOver = null;
      $("handover-submit").disabled = false;
      if (msg.ok) {
        const a = msg.answer;
        $("handover-form").classList.add("hidden");
        lastSheet = { sheet: a.closed, title: b.tl("交接班报表", "Handover report") };
        showSheet();
        show("shift-result", "✓ " + b.t("已交接给 " + a.incoming + "，备用金 " + a.incomingFloat + "；请退出，由接班人登录",
          "Handed over to " + a.incoming + " with a float of " + a.incomingFloat + ": log out so they can log in"), "ok");
      } else {
        show("shift-result", "✗ " + b.t("未交接", "Not handed over") + ": " + refusal(msg)
          + (msg.refusal === "BAD_LOGIN" ? " · " + b.t("接班人请重新输入密码", "The incoming cashier types the password again") : ""), "bad");
        $("incident-section").scrollIntoView({ block: "nearest" });
      }
      return true;
    }
    if (resolving && resolving.requestId === msg.requestId) {
      const no = resolving.incidentNo;
      resolving = null;
      if (msg.ok) {
        delete noteDrafts[no];
        show("incident-result", "✓ " + b.t("已处理", "Resolved") + " #" + no + " · " + msg.answer.note, "ok");
      } else {
        show("incident-result", "✗ " + b.t("未处理", "Not resolved") + ": " + refusal(msg), "bad");
      }
      incidentList();
      return true;
    }
    if (reprinting && reprinting.requestId === msg.requestId) {
      reprinting = null;
      $("report-reprint-button").disabled = false;
      if (msg.ok) {
        lastSheet = { sheet: msg.answer.sheet, title: b.tl("副本", "COPY") + " " + msg.answer.copyNo };
        showSheet();
        show("shift-result", "✓ " + b.t("已补打交班报表", "Reprinted shift report") + " #" + msg.answer.sheet.shiftNo
          + " (" + b.tl("副本", "COPY") + " " + msg.answer.copyNo + ")", "ok");
        $("report-reprint-form").reset();
      } else {
        show("shift-result", "✗ " + b.t("未补打", "Not reprinted") + ": " + refusal(msg), "bad");
      }
      return true;
    }
    // A close answered by booth.js: show its report with cards, receipts and incidents too.
    if (msg.ok && msg.answer && msg.answer.kind === "shift-report" && msg.answer.sheet) {
      lastSheet = { sheet: msg.answer.sheet, title: b.tl("交班报表", "Shift report") };
      showSheet();
    }
    return false;
  }

  function render() {
    const user = b.user();
    incidentList();
    $("report-reprint-form").classList.toggle("hidden", !user || !user.takesCash);
    const open = b.drawer() && b.drawer().open;
    $("hand-over").disabled = !open || !!handingOver || !b.linked();
    if (!open) $("handover-form").classList.add("hidden");
    if (!$("handover-form").classList.contains("hidden")) $("drawer-open").classList.add("hidden");
  }

  window.boothShift = { result: result, render: render };
})();
