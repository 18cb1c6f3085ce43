// The lost-card register at the booth: the registration form (停车卡遗失登记表) a cashier fills in
// with the driver, the approval a supervisor or finance gives from their own page, and the
// register they read. The page only presents: the console and the controller check every field
// and rule again, and their words (Chinese · English) are shown as they come.
"use strict";

window.LostCardPage = (function () {
  const { LANG, t, tl } = window.BoothText;
  const FIELDS = [
    ["driverName", "驾驶人姓名", "Driver's name", 40],
    ["phone", "联系电话", "Phone", 20],
    ["idNumber", "身份证号码", "ID number", 18],
    ["plate", "车牌", "Plate", 16],
    ["vehicleClass", "车型", "Vehicle class", 20],
    ["colour", "车身颜色", "Colour", 20],
    ["circumstances", "遗失经过", "How the card was lost", 200]
  ];
  const APPROVERS = ["Supervisor", "Finance"];

  let hooks = null;       // from booth.js: user(), view(), send(msg), linked(), newRequestId(), refusalText(msg)
  let target = null;      // {lane, stayId, card, entryPlate}: the vehicle the form is for
  let registering = null; // the report-lost-card message sent and not yet answered
  let deciding = null;    // the decide-lost-card message sent and not yet answered
  let listing = null;     // the list-lost-cards message sent and not yet answered
  let refreshTimer = null;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function show(id, text, cls) {
    const r = document.getElementById(id);
    if (!r) return;
    r.className = "result " + cls;
    r.textContent = text;
  }

  function approver() {
    const u = hooks && hooks.user();
    return !!u && APPROVERS.includes(u.role);
  }

  // ---- the form, for cashiers and supervisors at the booth ----

  function buildForm() {
    const box = document.getElementById("lost-card");
    if (!box || document.getElementById("lost-card-form")) return;
    const form = el("form", "supervise lost-card-form hidden");
    form.id = "lost-card-form";
    form.autocomplete = "off";
    const title = el("h3", null, LANG === "en" ? "" : "停车卡遗失登记表 ");
    if (LANG !== "zh") title.appendChild(el("span", "en", "Lost-card registration form"));
    form.appendChild(title);
    const plates = el("div", "lost-card-plates");
    plates.id = "lost-card-plates";
    form.appendChild(plates);
    for (const [name, zh, en, max] of FIELDS) {
      const label = el("label", null, LANG === "en" ? "" : zh + " ");
      if (LANG !== "zh") label.appendChild(el("span", "en", en));
      const input = el(name === "circumstances" ? "textarea" : "input");
      input.id = "lc-" + name;
      input.name = name;
      input.maxLength = max;
      label.appendChild(input);
      form.appendChild(label);
    }
    const send = el("button", "plain", t("登记遗失卡", "Register lost card"));
    send.type = "submit";
    send.id = "lost-card-submit";
    const cancel = el("button", "plain", t("取消", "Cancel"));
    cancel.type = "button";
    cancel.id = "lost-card-cancel";
    cancel.addEventListener("click", close);
    form.appendChild(send);
    form.appendChild(cancel);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      submit();
    });
    box.appendChild(form);
    const none = el("div", "lost-card-none");
    none.id = "lost-card-none";
    box.appendChild(none);
  }

  // One key per exit lane for a driver whose vehicle matches no entry: the tariff's rule prices it.
  function renderNoMatchKeys() {
    const box = document.getElementById("lost-card-none");
    const u = hooks && hooks.user();
    const view = hooks && hooks.view();
    if (!box || !u || !u.takesCash || !view) return;
    const exits = view.lanes.filter(l => l.kind === "EXIT").map(l => l.id);
    if (box.dataset.lanes === exits.join(",")) return;
    box.dataset.lanes = exits.join(",");
    box.replaceChildren();
    for (const lane of exits) {
      const b = el("button", "plain lost-card-none",
        t("无匹配入场记录，在 " + lane + " 登记遗失卡", "No matching entry: register a lost card at " + lane));
      b.type = "button";
      b.id = "lost-none-" + lane;
      b.addEventListener("click", () => open({ lane: lane, stayId: 0 }));
      box.appendChild(b);
    }
  }

  /** Opens the form for the vehicle at {lane}: a found stay ({stayId, card, plate, ...}) or none (stayId 0). */
  function open(v) {
    buildForm();
    target = v;
    const form = document.getElementById("lost-card-form");
    form.reset();
    form.classList.remove("hidden");
    if (v.plate) document.getElementById("lc-plate").value = v.plate;
    if (v.vehicleClass) document.getElementById("lc-vehicleClass").value = v.vehicleClass;
    if (v.colour) document.getElementById("lc-colour").value = v.colour;
    const plates = document.getElementById("lost-card-plates");
    // The exit camera's plate beside the entry's: the cashier matches the car at the window.
    plates.textContent = (v.stayId
      ? tl("停车记录", "Stay") + " #" + v.stayId + " · " + tl("卡号", "Card") + " " + v.card + " · "
        + platesText({ entryPlate: v.plate, exitPlate: v.exitPlate })
      : t("无匹配入场记录：按收费标准的遗失卡规则收费", "No matching entry: the tariff's lost-card rule applies"))
      + " · " + tl("出场车道", "Exit lane") + " " + v.lane;
    show("lost-result", t("请与驾驶人填写登记表", "Fill in the form with the driver"), "wait");
    document.getElementById("lc-driverName").focus();
  }

  function close() {
    const form = document.getElementById("lost-card-form");
    if (form) form.classList.add("hidden");
    target = null;
  }

  function submit() {
    if (!target || registering || !hooks.linked()) return;
    const form = {};
    for (const [name] of FIELDS) form[name] = document.getElementById("lc-" + name).value;
    registering = { type: "report-lost-card", requestId: hooks.newRequestId(), lane: target.lane, stayId: target.stayId, form: form };
    document.getElementById("lost-card-submit").disabled = true;
    show("lost-result", t("正在登记遗失卡…", "Registering the lost card…"), "wait");
    hooks.send(registering);
  }

  function platesText(a) {
    const entry = a.entryPlate || t("未识别", "not read");
    const exit = a.exitPlate || t("未识别", "not read");
    const same = a.entryPlate && a.exitPlate && a.entryPlate === a.exitPlate;
    const differ = a.entryPlate && a.exitPlate && a.entryPlate !== a.exitPlate;
    return tl("入场车牌", "Entry plate") + " " + entry + " | " + tl("出场车牌", "Exit camera") + " " + exit
      + (same ? " ✓ " + t("一致", "match") : differ ? " ⚠ " + t("不一致", "differ") : "");
  }

  function registered(msg) {
    const req = registering;
    registering = null;
    document.getElementById("lost-card-submit").disabled = false;
    if (!msg.ok) {
      show("lost-result", "✗ " + t("未登记", "Not registered:") + " " + hooks.refusalText(msg), "bad");
      return;
    }
    const a = msg.answer;
    close();
    const fee = tl("遗失卡", "Lost card") + " #" + a.lostCardNo + " · " + tl("停车费", "Parking") + " " + a.parkingFee
      + " + " + tl("工本费", "Card") + " " + a.replacementFee + " = " + tl("应收", "Due") + " " + a.due + " " + a.currency
      + " · " + platesText(a);
    if (a.status === "AWAITING_APPROVAL") {
      show("lost-result", t("已登记，待批准", "Registered, awaiting approval") + " — " + fee, "wait");
    } else {
      show("lost-result", "✓ " + t("已登记遗失卡", "Lost card registered") + " — " + fee
        + " · " + t("请在 " + req.lane + " 收款", "Take the fee at " + req.lane), "ok");
      // The fee now waits at that lane: Enter or F1 takes it there.
      hooks.selectLane(req.lane);
    }
  }

  // ---- approval and the register, for supervisors and finance ----

  function buildRegister() {
    if (document.getElementById("lost-card-register-section")) return;
    const side = document.querySelector("aside.side");
    if (!side) return;
    const section = el("section", "hidden");
    section.id = "lost-card-register-section";
    const h = el("h2", null, LANG === "en" ? "" : "遗失卡登记");
    if (LANG !== "zh") h.appendChild(el("span", "en", "Lost-card register"));
    section.appendChild(h);
    const pending = el("ul", "lost-cards-pending");
    pending.id = "lost-card-pending";
    section.appendChild(pending);
    const result = el("div", "result hidden");
    result.id = "lost-card-decide-result";
    section.appendChild(result);
    const range = el("form", "supervise lost-card-range");
    range.id = "lost-card-range";
    range.autocomplete = "off";
    for (const [id, zh, en] of [["lost-card-from", "从", "From"], ["lost-card-to", "到", "To"]]) {
      const label = el("label", null, LANG === "en" ? "" : zh + " ");
      if (LANG !== "zh") label.appendChild(el("span", "en", en));
      const input = el("input");
      input.type = "date";
      input.id = id;
      label.appendChild(input);
      range.appendChild(label);
    }
    const go = el("button", "plain", t("查看登记", "Show register"));
    go.type = "submit";
    go.id = "lost-card-show";
    range.appendChild(go);
    range.addEventListener("submit", (e) => {
      e.preventDefault();
      refresh();
    });
    section.appendChild(range);
    const table = el("ul", "lost-cards");
    table.id = "lost-card-register";
    section.appendChild(table);
    side.insertBefore(section, side.firstChild ? side.firstChild.nextSibling : null);
  }

  function refresh() {
    if (!approver() || listing || !hooks.linked()) return;
    // Today unless days are chosen; the pending list comes from the same answer.
    const from = document.getElementById("lost-card-from");
    const to = document.getElementById("lost-card-to");
    listing = { type: "list-lost-cards", requestId: hooks.newRequestId(),
      from: from && from.value ? from.value : null, to: to && to.value ? to.value : null };
    hooks.send(listing);
  }

  function refreshSoon() {
    if (!approver() || refreshTimer) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      refresh();
    }, 300);
  }

  function listed(msg) {
    listing = null;
    if (!msg.ok) {
      show("lost-card-decide-result", "✗ " + hooks.refusalText(msg), "bad");
      return;
    }
    const entries = msg.answer.entries || [];
    const pending = document.getElementById("lost-card-pending");
    const all = document.getElementById("lost-card-register");
    pending.replaceChildren();
    all.replaceChildren();
    for (const e of entries) {
      const line = el("li", "lost-card-line");
      line.id = "lost-card-" + e.lostCardNo;
      line.textContent = "#" + e.lostCardNo + " · " + e.registeredAt + " · " + e.lane + " · " + e.plate
        + " · " + e.vehicleClass + " " + e.colour + " · " + e.driverName + " · " + tl("应收", "Due") + " " + e.due + " " + e.currency
        + " · " + tl(e.statusZh, e.statusEn) + (e.decidedBy ? " · " + e.decidedBy : "")
        + (e.receiptNo ? " · " + tl("收据", "Receipt") + " " + e.receiptNo : "");
      all.appendChild(line);
      if (e.status === "AWAITING_APPROVAL") pending.appendChild(pendingItem(e));
    }
    if (!entries.length) {
      all.appendChild(el("li", "muted", t("无遗失卡登记", "No lost cards registered") + " " + msg.answer.from
        + (msg.answer.to !== msg.answer.from ? " .. " + msg.answer.to : "")));
    }
  }

  function pendingItem(e) {
    const li = el("li", "lost-card-pending");
    li.id = "lost-card-pending-" + e.lostCardNo;
    li.appendChild(el("div", "lost-card-title",
      t("待批准", "Awaiting approval:") + " " + tl("遗失卡", "Lost card") + " #" + e.lostCardNo + " · " + e.lane
        + " · " + e.registeredBy));
    li.appendChild(el("div", "lost-card-plates", platesText(e) + " · " + tl("登记车牌", "Form plate") + " " + e.plate));
    li.appendChild(el("div", null, tl("驾驶人", "Driver") + " " + e.driverName + " · " + tl("电话", "Phone") + " " + e.phone
      + " · " + tl("身份证", "ID") + " " + e.idNumber + " · " + e.vehicleClass + " " + e.colour));
    li.appendChild(el("div", null, tl("遗失经过", "Circumstances:") + " " + e.circumstances));
    li.appendChild(el("div", "fee", tl("应收", "Due") + " " + e.due + " " + e.currency
      + (e.matched ? " · " + tl("停车记录", "Stay") + " #" + e.stayId : " · " + t("无匹配入场记录", "no matching entry"))));
    const note = el("input");
    note.id = "lost-card-note-" + e.lostCardNo;
    note.maxLength = 200;
    note.placeholder = t("备注（拒绝时必填）", "Note (required to refuse)");
    li.appendChild(note);
    const yes = el("button", "plain", t("批准", "Approve"));
    yes.type = "button";
    yes.id = "lost-card-approve-" + e.lostCardNo;
    yes.addEventListener("click", () => decide(e.lostCardNo, true, note.value));
    const no = el("button", "plain", t("拒绝", "Refuse"));
    no.type = "button";
    no.id = "lost-card-refuse-" + e.lostCardNo;
    no.addEventListener("click", () => decide(e.lostCardNo, false, note.value));
    li.appendChild(yes);
    li.appendChild(no);
    return li;
  }

  function decide(no, approve, note) {
    if (deciding || !hooks.linked()) return;
    if (!approve && !note.trim()) {
      show("lost-card-decide-result", "✗ " + t("拒绝须填写备注", "Enter a note to refuse"), "bad");
      return;
    }
    deciding = { type: "decide-lost-card", requestId: hooks.newRequestId(), lostCardNo: no, approve: approve, note: note };
    show("lost-card-decide-result", t("正在提交…", "Sending the decision…"), "wait");
    hooks.send(deciding);
  }

  function decided(msg) {
    deciding = null;
    if (msg.ok) {
      const a = msg.answer;
      show("lost-card-decide-result", (a.approved
        ? "✓ " + t("已批准遗失卡", "Lost card approved") + " #" + a.lostCardNo + " · " + tl("应收", "Due") + " " + a.due
          + " " + a.currency + " · " + a.lane
        : "✓ " + t("已拒绝遗失卡", "Lost card refused") + " #" + a.lostCardNo) + (a.note ? " · " + a.note : ""), "ok");
    } else {
      show("lost-card-decide-result", "✗ " + t("未处理", "Not decided:") + " " + hooks.refusalText(msg), "bad");
    }
    refresh();
  }

  // ---- wiring: booth.js hands over what it knows and the messages meant for this part ----

  return {
    attach(h) {
      hooks = h;
    },
    /** Whether a registration is on its way: the lost-card keys wait for its answer. */
    busy() {
      return !!registering;
    },
    open: open,
    onHello() {
      buildForm();
      buildRegister();
      const section = document.getElementById("lost-card-register-section");
      if (section) section.classList.toggle("hidden", !approver());
      refreshSoon();
    },
    onState() {
      renderNoMatchKeys();
      refreshSoon();
    },
    /** The same requests again after a reconnect, with the same ids. */
    resend() {
      for (const m of [registering, deciding, listing]) if (m) hooks.send(m);
    },
    /** Takes a result meant for this part; false for any other. */
    onResult(msg) {
      if (registering && registering.requestId === msg.requestId) registered(msg);
      else if (deciding && deciding.requestId === msg.requestId) decided(msg);
      else if (listing && listing.requestId === msg.requestId) listed(msg);
      else return false;
      return true;
    }
  };
})();
