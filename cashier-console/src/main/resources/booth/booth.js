// The booth page: draws what the console pushes over /ws and sends "cash received".
// Plain script, no build step. All text from the server goes in through textContent.
"use strict";

(function () {
  const { LANG, t, tl, tn, said } = window.BoothText;

  // The controller's words, as the console passes them on: lane kind ENTRY or EXIT; barrier
  // open, closed or moving (null before the controller has said); the lane states below.
  const BARRIER = {
    open: ["抬杆", "Open", "barrier-open"],
    closed: ["落杆", "Closed", "barrier-closed"],
    moving: ["动作中", "Moving", "barrier-moving"],
    unknown: ["未知", "Unknown", "barrier-moving"]
  };
  const STATE = {
    STARTING: t("启动中", "Starting"), IDLE: t("空闲", "Idle"), WAITING_CARD: t("等待读卡", "Waiting for card"),
    CHECKING: t("核验中", "Checking"), AWAITING_PAYMENT: t("等待缴费", "Awaiting payment"),
    OPENING: t("抬杆中", "Opening"), PASSING: t("放行中", "Passing"), CLOSING: t("落杆中", "Closing"),
    HELD_OPEN: t("道闸常开", "Held open")
  };

  // Lane modes in the booth's words; a mode the page does not know is shown as sent.
  const MODE = {
    NORMAL: ["正常", "Normal"], HELD_OPEN: ["道闸常开", "Held open"],
    CLOSED: ["车道关闭", "Closed"], FREE_EXIT: ["免费放行", "Free exit"]
  };
  // Modes that let cars out unpaid or keep the arm up: asked twice.
  const CONFIRM = {
    HELD_OPEN: tn("道闸常开：道闸一直抬起，车辆不经收费通过。", "Held open: the barrier stays up and cars pass without paying."),
    FREE_EXIT: tn("免费放行：车辆出场不收停车费。", "Free exit: cars leave without paying the parking fee.")
  };

  let socket = null;
  let signedOut = false;        // the session ended: no reconnecting, the login page is next
  let retryMs = 1000;
  let user = null;
  let view = null;
  let selectedLane = null;
  const inflight = new Map();   // stayId -> {requestId, lane, stayId, dueMinor}
  const results = new Map();    // lane -> {cls, text, stayId}
  const logItems = [];
  let reversing = null;         // {requestId, receiptNo, reason} sent but not yet answered
  let closingShift = null;      // request id of a shift closing sent but not yet answered
  let settingMode = null;       // {type: "lane-mode", requestId, lane, mode, reason} not yet answered
  let resettingCard = null;     // {type: "reset-passback", requestId, card, reason} not yet answered
  let finding = null;           // {type: "find-stay", requestId, plate | card} not yet answered
  let drawer = null;            // the signed-in person's shift as the controller said: {open, ...}
  let counting = null;          // the site's notes and coins: {currency, faces[{faceMinor, label}]}
  let openingShift = null;      // {type: "open-shift", requestId, pieces} not yet answered
  let otherTender = null;       // "card" or "mobile": waiting for its reference
  let dropping = null;          // {type: "cash-drop", requestId, amountMinor} not yet answered
  let laneAction = null;        // {type: "apply-voucher" | "ask-free-pass" | "lift-barrier", requestId, lane, stayId, ...} not yet answered
  let deciding = null;          // {type: "decide-free-pass", requestId, passNo, approve, note} not yet answered
  const actionDrafts = {};      // what is typed in a lane's voucher and reason fields, by field id
  const actionResults = new Map();  // lane -> {stayId, text, cls}: the last voucher, free pass or lift answer there

  // ---- the link to the controller: keys that send a command work only while it is up ----

  const LINK_DOWN = t("与控制器断开", "Link to the controller is down");

  // Up only while this page reaches the console and the console reaches the controller.
  function linked() {
    return !!(socket && socket.readyState === WebSocket.OPEN && view && view.link.online);
  }

  function commandKeys() {
    const down = !linked();
    const keys = [["reverse-button", reversing], ["lane-mode-button", settingMode],
      ["passback-button", resettingCard], ["find-button", finding], ["close-shift", closingShift]];
    const buttons = keys.map(([id, busy]) => [document.getElementById(id), busy])
      .concat(Array.from(document.querySelectorAll("button.lost-card"), b => [b, window.LostCardPage.busy()]));
    for (const [b, busy] of buttons) {
      if (!b) continue;
      b.disabled = down || !!busy;
      b.title = down ? LINK_DOWN : "";
    }
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  // A label of two lines, Chinese over English, or the one the cashier chose.
  function bi(zh, en) {
    if (LANG !== "both") return el("span", null, LANG === "zh" ? zh : en);
    const span = el("span", null, zh);
    span.appendChild(el("span", "en", en));
    return span;
  }

  function newRequestId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const b = new Uint8Array(16);
    crypto.getRandomValues(b);
    return Array.from(b, x => x.toString(16).padStart(2, "0")).join("");
  }

  window.LostCardPage.attach({
    user: () => user, view: () => view, send: (m) => sendMessage(m), linked: () => linked(),
    newRequestId: () => newRequestId(), refusalText: (m) => refusalText(m),
    selectLane: (id) => {
      selectedLane = id;
      if (document.activeElement) document.activeElement.blur();
      render();
    }
  });

  // ---- link to the console ----

  function connect() {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + "/ws");
    socket.onopen = () => {
      retryMs = 1000;
      banner(null);
      // Anything pressed but not yet answered goes again with the same id: never charged twice.
      for (const req of inflight.values()) send(req);
      if (reversing) sendReverse(reversing);
      if (closingShift) sendMessage(closingShift);
      if (openingShift) sendMessage(openingShift);
      if (dropping) sendMessage(dropping);
      if (settingMode) sendMessage(settingMode);
      if (resettingCard) sendMessage(resettingCard);
      if (finding) sendMessage(finding);
      if (laneAction) sendMessage(laneAction);
      if (deciding) sendMessage(deciding);
      window.LostCardPage.resend();
      if (window.boothRegisters) window.boothRegisters.resend();
    };
    socket.onmessage = (m) => {
      let msg;
      try { msg = JSON.parse(m.data); } catch (e) { return; }
      if (msg.type === "hello") { hello(msg); window.LostCardPage.onHello(); }
      else if (msg.type === "state") { view = msg; render(); window.LostCardPage.onState(); }
      else if (msg.type === "change" && view) { merge(msg); render(); window.LostCardPage.onState(); }
      else if (msg.type === "log") addLog(msg.entries);
      else if (msg.type === "result") { if (!window.LostCardPage.onResult(msg)) result(msg); }
      else if (msg.type === "drawer") { drawer = msg; renderDrawer(); render(); }
      else if (msg.type === "error") banner(t("错误", "Error:") + " " + msg.error, 4000);
      if (window.boothRegisters) window.boothRegisters.onMessage(msg);
    };
    socket.onclose = () => {
      socket = null;
      if (signedOut) return;
      banner(t("与收费台服务断开，正在重连", "Lost the console, reconnecting…"));
      setStatus(false, t("收费台离线", "Console offline"));
      if (view) render();   // every key that sends a command goes off with the link
      // A refused upgrade looks the same as a dead server: ask whether the session is still valid.
      fetch("/api/state", { credentials: "same-origin" }).then(r => {
        if (r.status === 401) location.href = "/login";
      }).catch(() => {});
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  }

  function send(req) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ type: "cash", requestId: req.requestId, lane: req.lane, stayId: req.stayId, dueMinor: req.dueMinor,
        tender: req.tender, tenderedMinor: req.tenderedMinor, reference: req.reference }));
    }
  }

  function sendReverse(req) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ type: "reverse", requestId: req.requestId, receiptNo: req.receiptNo, reason: req.reason }));
    }
  }

  function sendMessage(message) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  }

  function hello(msg) {
    // The site's language is the page's until the cashier picks one here; a change of it at the
    // site shows on the next load, or at once for a page that follows it.
    if (msg.language) {
      try {
        const before = localStorage.getItem("booth.siteLang");
        localStorage.setItem("booth.siteLang", msg.language);
        if (before !== msg.language && !localStorage.getItem("booth.lang") && msg.language !== LANG) {
          location.reload();
          return;
        }
      } catch (e) { /* no storage: both languages */ }
    }
    user = msg.user;
    counting = msg.counting || null;
    document.getElementById("pay-section").classList.toggle("hidden", !user.takesCash);
    buildPieces("float-pieces", "float", "float-total");
    buildPieces("count-pieces", "count", "count-total");
    renderDrawer();
    document.getElementById("reverse-section").classList.toggle("hidden", !user.reverses);
    document.getElementById("lane-mode-section").classList.toggle("hidden", !user.controlsLanes);
    document.getElementById("passback-section").classList.toggle("hidden", !user.controlsLanes);
    document.getElementById("find-section").classList.toggle("hidden", !user.findsStays);
    document.getElementById("drawer-section").classList.toggle("hidden", !user.takesCash);
    document.getElementById("free-pass-section").classList.toggle("hidden", !user.reverses);
    document.getElementById("user-role").textContent = tl(user.roleZh, user.role) + " ·";
    document.getElementById("user-name").textContent = user.name + " (" + user.username + ")";
    logItems.length = 0;
  }

  // ---- cash received ----

  // The fee taken at the lane: exact cash (one key), cash with the amount tendered (change
  // shown large), or a bank card or mobile payment with its reference. Checked here first;
  // the console and the controller check again and have the last word.
  function cashReceived(laneId, how) {
    if (!view || !user || !user.takesCash) return false;
    const lane = view.lanes.find(l => l.id === laneId);
    if (!lane || !lane.pending || !linked()) {
      payNote(t("没有待缴费车辆", "No vehicle waiting to pay"), "bad");
      return false;
    }
    if (drawer && !drawer.open) {
      payNote("✗ " + t("未开班，不能收款", "No shift open: count the float and open a shift first"), "bad");
      return false;
    }
    const p = lane.pending;
    if (inflight.has(p.stayId)) return false;   // already pressed: the first press is still on its way
    const tender = (how && how.tender) || "cash";
    if (tender === "cash" && drawer && drawer.overLimit) {
      payNote("✗ " + t("现金超限，请先缴款", "Over the cash limit: record a cash drop before taking more cash"), "bad");
      return false;
    }
    const req = { requestId: newRequestId(), lane: lane.id, stayId: p.stayId, dueMinor: p.dueMinor,
      tender: tender, tenderedMinor: how ? how.tenderedMinor : null, reference: how ? how.reference : null };
    payNote(null);
    document.getElementById("change-box").classList.add("hidden");
    inflight.set(p.stayId, req);
    results.set(lane.id, { cls: "wait", text: t("正在记录…", "Recording…"), stayId: p.stayId });
    send(req);
    render();
    return true;
  }

  function payNote(text, cls) {
    const n = document.getElementById("pay-note");
    n.classList.toggle("hidden", !text);
    n.className = "result " + (cls || "") + (text ? "" : " hidden");
    n.textContent = text || "";
  }

  // "20", "20.5", "20.00": minor units, or null when it is not an amount.
  function minorOf(text) {
    const t = text.trim();
    if (!/^\d{1,6}(\.\d{1,2})?$/.test(t)) return null;
    const [whole, frac] = t.split(".");
    return Number(whole) * 100 + Number(((frac || "") + "00").slice(0, 2));
  }

  function laneToPay() {
    if (!view || !selectedLane) return null;
    return view.lanes.find(l => l.id === selectedLane) || null;
  }

  document.getElementById("tender-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const lane = laneToPay();
    const field = document.getElementById("tendered");
    if (!lane || !lane.pending) { payNote(t("没有待缴费车辆", "No vehicle waiting to pay"), "bad"); return; }
    if (field.value.trim() === "") { cashReceived(lane.id); return; }
    const tendered = minorOf(field.value);
    const due = lane.pending.dueMinor;
    if (tendered === null) {
      payNote("✗ " + t("实收金额无效：'" + field.value.trim() + "'", "Type the amount tendered, e.g. 20 or 20.50, not '" + field.value.trim() + "'"), "bad");
      return;
    }
    if (tendered < due) {
      payNote("✗ " + t("实收 " + (tendered / 100).toFixed(2) + " 少于应收 " + lane.pending.due, "Tendered " + (tendered / 100).toFixed(2) + " is less than the " + lane.pending.due + " due"), "bad");
      return;
    }
    const largest = counting && counting.faces.length ? counting.faces[0].faceMinor : 10000;
    if (tendered - due >= largest) {
      payNote("✗ " + t("找零 " + ((tendered - due) / 100).toFixed(2) + " 过大，请核对实收", "Change of " + ((tendered - due) / 100).toFixed(2) + " is a largest note or more: check the amount typed"), "bad");
      return;
    }
    if (cashReceived(lane.id, { tender: "cash", tenderedMinor: tendered })) field.value = "";
  });

  const REFERENCE = {
    card: [tl("银行卡 · 终端参考号", "Card terminal reference (6-12 digits)"), /^\d{6,12}$/,
      "✗ " + t("终端参考号为 6-12 位数字", "A card terminal reference is 6-12 digits")],
    mobile: [tl("扫码支付 · 交易单号", "Transaction number (16-64 letters or digits)"), /^[A-Za-z0-9]{16,64}$/,
      "✗ " + t("交易单号为 16-64 位字母或数字", "A transaction number is 16-64 letters or digits")]
  };

  function chooseTender(tender) {
    const lane = laneToPay();
    if (!lane || !lane.pending) { payNote(t("没有待缴费车辆", "No vehicle waiting to pay"), "bad"); return; }
    otherTender = tender;
    document.getElementById("reference-label").textContent = REFERENCE[tender][0] + " " + tl("· 应收", "Due") + " " + lane.pending.due;
    document.getElementById("reference-form").classList.remove("hidden");
    document.getElementById("reference").value = "";
    document.getElementById("reference").focus();
  }
  document.getElementById("tender-card").addEventListener("click", () => chooseTender("card"));
  document.getElementById("tender-mobile").addEventListener("click", () => chooseTender("mobile"));
  document.getElementById("reference-cancel").addEventListener("click", () => {
    otherTender = null;
    document.getElementById("reference-form").classList.add("hidden");
  });
  document.getElementById("reference-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const lane = laneToPay();
    if (!otherTender || !lane) return;
    const ref = document.getElementById("reference").value.trim();
    if (!REFERENCE[otherTender][1].test(ref)) { payNote(REFERENCE[otherTender][2], "bad"); return; }
    if (cashReceived(lane.id, { tender: otherTender, reference: ref })) {
      otherTender = null;
      document.getElementById("reference-form").classList.add("hidden");
    }
  });

  // ---- reversal (supervisors only) ----

  function reverseResult(text, cls) {
    const r = document.getElementById("reverse-result");
    r.className = "result " + cls;
    r.textContent = text;
  }

  document.getElementById("reverse-form").addEventListener("submit", (e) => {
    e.preventDefault();
    if (!user || !user.reverses || reversing || !linked()) return;
    const receiptNo = document.getElementById("reverse-receipt").value.trim();
    const reason = document.getElementById("reverse-reason").value.trim();
    if (!receiptNo || !reason) {
      reverseResult("✗ " + t("请填写收据号和原因", "Enter the receipt number and a reason"), "bad");
      return;
    }
    reversing = { requestId: newRequestId(), receiptNo: receiptNo, reason: reason };
    document.getElementById("reverse-button").disabled = true;
    reverseResult(t("正在冲正…", "Reversing…"), "wait");
    sendReverse(reversing);
  });

  // ---- no sale and receipt copies (cashiers and supervisors) ----

  let drawerAction = null;

  function drawerButtons(disabled) {
    document.getElementById("drawer-button").disabled = disabled;
    document.getElementById("reprint-button").disabled = disabled;
  }

  document.getElementById("drawer-form").addEventListener("submit", (e) => {
    e.preventDefault();
    if (!user || !user.takesCash || drawerAction) return;
    const reason = document.getElementById("drawer-reason").value.trim();
    if (!reason) {
      showResult("drawer-result", "✗ " + t("请填写开钱箱原因", "Enter the reason for opening the drawer"), "bad");
      return;
    }
    drawerAction = { type: "open-drawer", requestId: newRequestId(), reason: reason };
    drawerButtons(true);
    showResult("drawer-result", t("正在记录…", "Recording…"), "wait");
    sendMessage(drawerAction);
  });

  document.getElementById("reprint-form").addEventListener("submit", (e) => {
    e.preventDefault();
    if (!user || !user.takesCash || drawerAction) return;
    const receiptNo = document.getElementById("reprint-receipt").value.trim();
    if (!receiptNo) {
      showResult("drawer-result", "✗ " + t("请填写收据号", "Enter the receipt number"), "bad");
      return;
    }
    drawerAction = { type: "reprint", requestId: newRequestId(), receiptNo: receiptNo };
    drawerButtons(true);
    showResult("drawer-result", t("正在记录…", "Recording…"), "wait");
    sendMessage(drawerAction);
  });

  // ---- lane modes and anti-passback resets (supervisors only) ----

  function showResult(id, text, cls) {
    const r = document.getElementById(id);
    r.className = "result " + cls;
    r.textContent = text;
  }

  function modeText(mode) {
    const m = MODE[mode];
    return m ? tl(m[0], m[1]) : (mode || "—");
  }

  document.getElementById("lane-mode-form").addEventListener("submit", (e) => {
    e.preventDefault();
    if (!user || !user.controlsLanes || settingMode || !linked()) return;
    const lane = document.getElementById("lane-mode-lane").value;
    const mode = document.getElementById("lane-mode-mode").value;
    const reason = document.getElementById("lane-mode-reason").value.trim();
    if (!lane || !reason) {
      showResult("lane-mode-result", "✗ " + t("请选择车道并填写原因", "Choose a lane and enter a reason"), "bad");
      return;
    }
    if (CONFIRM[mode] && !window.confirm(CONFIRM[mode] + "\n\n" + lane + " → " + modeText(mode) + "?")) {
      showResult("lane-mode-result", t("已取消，未发送", "Cancelled, nothing sent"), "bad");
      return;
    }
    settingMode = { type: "lane-mode", requestId: newRequestId(), lane: lane, mode: mode, reason: reason };
    document.getElementById("lane-mode-button").disabled = true;
    showResult("lane-mode-result", t("正在设置…", "Setting…"), "wait");
    sendMessage(settingMode);
  });

  document.getElementById("passback-form").addEventListener("submit", (e) => {
    e.preventDefault();
    if (!user || !user.controlsLanes || resettingCard || !linked()) return;
    const card = document.getElementById("passback-card").value.trim();
    const reason = document.getElementById("passback-reason").value.trim();
    if (!card || !reason) {
      showResult("passback-result", "✗ " + t("请填写卡号和原因", "Enter the card number and a reason"), "bad");
      return;
    }
    resettingCard = { type: "reset-passback", requestId: newRequestId(), card: card, reason: reason };
    document.getElementById("passback-button").disabled = true;
    showResult("passback-result", t("正在重置…", "Resetting…"), "wait");
    sendMessage(resettingCard);
  });

  // The lane picker follows the lanes the booth shows; a choice already made is kept.
  function laneOptions() {
    const select = document.getElementById("lane-mode-lane");
    const ids = view.lanes.map(l => l.id).join(",");
    if (select.dataset.lanes === ids) return;
    const chosen = select.value;
    select.replaceChildren(...view.lanes.map(l => {
      const o = el("option", null, (l.kind === "EXIT" ? tl("出场", "Exit") + " · " : tl("入场", "Entry") + " · ") + l.name + " (" + l.id + ")");
      o.value = l.id;
      return o;
    }));
    if (view.lanes.some(l => l.id === chosen)) select.value = chosen;
    select.dataset.lanes = ids;
  }

  // "Set mode" on a lane card: that lane in the form, the mode and reason next.
  function chooseLane(lane) {
    document.getElementById("lane-mode-lane").value = lane.id;
    const mode = document.getElementById("lane-mode-mode");
    mode.scrollIntoView({ block: "center" });
    mode.focus();
  }

  // ---- finding a vehicle's stay (lost card) ----

  const FIND_PLACEHOLDER = { plate: "粤B12345", card: "3F09A1C27E" };

  function findBy() {
    return document.getElementById("find-by-card").checked ? "card" : "plate";
  }

  for (const id of ["find-by-plate", "find-by-card"]) {
    document.getElementById(id).addEventListener("change", () => {
      const query = document.getElementById("find-query");
      query.placeholder = FIND_PLACEHOLDER[findBy()];
      query.focus();
    });
  }

  // Reads only: the console and the controller check the plate or card; the page only stops a blank one.
  document.getElementById("find-form").addEventListener("submit", (e) => {
    e.preventDefault();
    if (!user || !user.findsStays || finding || !linked()) return;
    const query = document.getElementById("find-query").value.trim();
    if (!query) {
      showResult("find-result", "✗ " + t("请填写车牌或卡号", "Enter a plate or a card number"), "bad");
      return;
    }
    finding = { type: "find-stay", requestId: newRequestId() };
    finding[findBy()] = query;
    document.getElementById("find-button").disabled = true;
    showResult("find-result", t("正在查找…", "Searching…"), "wait");
    if (!window.LostCardPage.busy()) document.getElementById("lost-result").className = "result hidden";
    sendMessage(finding);
  });

  // The controller's answer as fields: each open stay found, newest first.
  function foundStays(answer) {
    const stays = (answer && answer.stays) || [];
    const box = document.getElementById("find-result");
    box.className = "result ok";
    box.replaceChildren(el("div", "find-head", "✓ " + t("在场车辆 " + stays.length, stays.length
      + (stays.length === 1 ? " open stay" : " open stays")) + (stays.length > 1 ? " · " + tl("最新在前", "newest first") : "")));
    const list = el("ol", "stays");
    list.id = "find-stays";
    for (const stay of stays) {
      const li = el("li", "stay");
      li.dataset.stay = String(stay.stayId);
      const facts = el("dl", "facts");
      fact(facts, tl("停车记录", "Stay"), "#" + stay.stayId);
      fact(facts, tl("卡号", "Card"), stay.card, "card");
      fact(facts, tl("入场车道", "Entry lane"), stay.entryLane);
      fact(facts, tl("入场时间", "Entered"), stay.enteredAt + (view ? " (" + view.site.zone + ")" : ""));
      fact(facts, tl("车牌", "Plate"), stay.plate || t("未识别", "not read"));
      fact(facts, tl("车型", "Class"), stay.vehicleClass);
      fact(facts, tl("车身颜色", "Colour"), stay.colour);
      li.appendChild(facts);
      const fee = el("strong", "fee");
      fee.appendChild(el("span", "fee-label", tl("遗失卡", "Lost card")));
      fee.appendChild(document.createTextNode(stay.lostCardFee === null || stay.lostCardFee === undefined
        ? " " + t("月卡免收", "season card covers it")
        : " " + stay.lostCardFee + " " + stay.currency + " " + t("应收", "due if it leaves now")));
      li.appendChild(fee);
      if (user && user.takesCash) li.appendChild(lostCardButtons(stay, (answer && answer.exitPlates) || {}));
      list.appendChild(li);
    }
    box.appendChild(list);
  }

  // ---- what the controller answered, in the booth's words, from its fields ----

  const REFUSAL = {
    FORBIDDEN: t("无权限", "Not allowed for your role"),
    SAME_PERSON: t("须由另一人操作", "Someone else must do this"),
    NOT_NOW: t("现在不能操作", "Not possible now"),
    INVALID: t("请求无效", "Invalid request"),
    REQUEST_ID_REUSED: t("请求编号重复", "Request id reused"),
    NOT_RECORDED: t("未记录，可重试", "Nothing recorded, try again"),
    CONSOLE_UNKNOWN: t("收费台未登记", "Console not enrolled"),
    BAD_LOGIN: t("用户名或密码错误", "Wrong user name or password"),
    SLOW_DOWN: t("密码错误过多，请稍候", "Too many wrong passwords: wait"),
    ACCOUNT_LOCKED: t("账户已锁定", "Account locked")
  };

  // The refusal's code in words, then the reason given.
  function refusalText(msg) {
    const words = REFUSAL[msg.refusal];
    const error = said(msg.error || "");
    if (words && error) return words + " — " + error;
    return words || error || "?";
  }

  function money(amount, currency) {
    return amount + (currency ? " " + currency : "");
  }

  // The change to hand back, large, with what was tendered against what was due.
  function showChange(a) {
    const box = document.getElementById("change-box");
    if (!a || a.kind !== "receipt" || !a.change || (a.tender && a.tender !== "cash")) {
      box.classList.add("hidden");
      return;
    }
    box.classList.remove("hidden");
    document.getElementById("change-amount").textContent = (view ? view.site.symbol : "") + a.change;
    document.getElementById("change-detail").textContent = tl("实收", "Tendered") + " " + a.tendered + " " + tl("· 应收", "Due") + " " + a.amount
      + " · " + tl(a.tenderZh, a.tenderEn) + (a.reference ? " " + tl("· 参考号", "Ref") + " " + a.reference : "") + " " + tl("· 收据", "Receipt") + " " + a.receiptNo;
  }

  function answerText(a) {
    if (!a) return "";
    switch (a.kind) {
      case "receipt":
        return tl("收据", "Receipt") + " " + a.receiptNo + " · " + money(a.amount, a.currency)
          + (a.change && a.change !== "0.00" ? " " + tl("· 找零", "Change") + " " + a.change : "")
          + (a.reference ? " " + tl("· 参考号", "Ref") + " " + a.reference : "")
          + (a.verificationCode ? " " + tl("· 验证码", "Check code") + " " + a.verificationCode : "");
      case "reversed":
        return tl("收据", "Receipt") + " " + a.receiptNo + " " + tl("· 冲正金额", "Reversed") + " " + money(a.amount, a.currency);
      case "mode-set":
        return a.lane + " → " + modeText(a.mode) + " · " + a.by;
      case "passback-cleared":
        return tl("卡号", "Card") + " " + a.card + " · " + (a.closedStayId
          ? t("停车记录 #" + a.closedStayId + " 已结束", "stay #" + a.closedStayId + " closed")
          : t("不在场", "it was not inside"));
      case "shift-report":
        return tl("班次", "Shift #") + a.shiftNo + " · " + a.cashier + " " + tl("· 收款", "Payments") + " " + a.payments
          + " " + tl("· 冲正", "Reversals") + " " + a.reversals
          + (a.payments ? " " + tl("· 收据", "Receipts") + " " + a.firstReceipt + " .. " + a.lastReceipt : "")
          + (a.variance ? " " + tl("· 应有", "Expected") + " " + a.expectedCash + " " + tl("· 清点", "Counted") + " " + a.countedCash
            + " · " + varianceText(a.variance)[0] : "");
      case "drawer-opened":
        return tl("开钱箱", "No sale #") + a.openingNo + " · " + a.by + " · " + a.reason;
      case "receipt-copy":
        return tl("收据", "Receipt") + " " + a.receiptNo + " " + tl("副本", "copy") + " " + a.copyNo + " · " + money(a.amount, a.currency)
          + (a.reversed ? " " + tl("· 已冲正", "reversed") : "");
      case "cash-dropped":
        return money(a.amount, a.currency) + " · " + a.by + " · " + a.at;
      case "shift-open":
        return tl("班次", "Shift #") + a.shiftNo + (a.cashFloat ? " " + tl("· 备用金", "Float") + " " + a.cashFloat : "");
      case "voucher-applied":
        return tl("券码", "Code") + " " + a.code + " · " + a.voucher + " " + tl("· 应收", "Due") + " " + money(a.dueBefore, a.currency)
          + " → " + money(a.dueNow, a.currency) + (a.dueNow === "0.00" ? " " + tl("· 抬杆", "barrier lifts") : "");
      case "free-pass-asked":
        return tl("免费放行", "Free pass #") + a.passNo + " " + tl("· 费用", "Fee") + " " + money(a.fee, a.currency) + " · " + a.reason;
      case "free-pass-decided":
        return tl("免费放行", "Free pass #") + a.passNo + " · " + (a.approved ? tl("批准", "approved") : tl("拒绝", "refused"))
          + " · " + a.decidedBy + (a.note ? " · " + a.note : "");
      case "barrier-lifted":
        return tl("手动抬杆", "Lift #") + a.liftNo + " · " + a.lane + (a.due ? " " + tl("· 未收", "Unpaid") + " " + money(a.due, a.currency) : "")
          + " · " + a.reason;
      case "lost-card-asked":
        return tl("停车记录", "Stay #") + a.stayId + " " + tl("· 卡号", "Card") + " " + a.card + " " + tl("· 应收", "Due") + " " + money(a.due, a.currency);
      default:
        return "";
    }
  }

  function withAnswer(text, msg) {
    const more = answerText(msg.answer);
    return more ? text + " — " + more : text;
  }

  // ---- charging a lost card at the exit where the driver waits ----

  // One button per exit lane: the cashier presses the lane the car is at, confirms, and the
  // controller asks the lost-card fee there; it is then taken with "cash received" like any fee.
  function lostCardButtons(stay, exitPlates) {
    const actions = el("div", "lost-actions");
    const exits = view ? view.lanes.filter(l => l.kind === "EXIT") : [];
    for (const lane of exits) {
      const b = el("button", "plain lost-card", t("在 " + lane.id + " 登记遗失卡", "Register lost card at " + lane.id));
      b.type = "button";
      b.id = "lost-" + stay.stayId + "-" + lane.id;
      b.disabled = window.LostCardPage.busy();
      b.addEventListener("click", () => reportLostCard(lane.id, stay, exitPlates[lane.id]));
      actions.appendChild(b);
    }
    return actions;
  }

  // The registration form (lostcard.js) sends the report once the driver's details are in.
  function reportLostCard(lane, stay, exitPlate) {
    if (!user || !user.takesCash || window.LostCardPage.busy() || !linked()) return;
    window.LostCardPage.open({ lane: lane, stayId: stay.stayId, card: stay.card, plate: stay.plate,
      vehicleClass: stay.vehicleClass, colour: stay.colour, exitPlate: exitPlate || null });
  }

  // ---- vouchers, free passes and the barrier lifted by hand, at an exit with a vehicle waiting ----

  // Under the vehicle: a voucher field (typed or scanned, Enter applies it), a free pass asked
  // with a reason, and the barrier lifted by hand with a reason and a confirmation. Each sends the
  // stay shown; the console and the controller check it and every rule again.
  function exitActions(lane, p) {
    const box = el("div", "exit-actions");
    box.id = "actions-" + lane.id;
    box.addEventListener("click", (e) => e.stopPropagation());
    if (!user || !user.takesCash) return box;
    const busy = !!laneAction || !linked();
    box.appendChild(actionForm(lane, p, "voucher", tl("优惠券", "Voucher"), t("扫描或输入券码", "Scan or type the code"),
      t("使用优惠券", "Apply voucher"), busy, (text) => laneActionSend({ type: "apply-voucher", lane: lane.id, stayId: p.stayId, code: text },
        t("正在使用优惠券…", "Applying the voucher…"))));
    box.appendChild(actionForm(lane, p, "free-reason", tl("免费放行原因", "Reason"), t("例如：救护车", "e.g. ambulance"),
      t("申请免费放行", "Ask for a free pass"), busy, (text) => laneActionSend({ type: "ask-free-pass", lane: lane.id, stayId: p.stayId, reason: text },
        t("正在申请免费放行…", "Asking for a free pass…"))));
    box.appendChild(actionForm(lane, p, "lift-reason", tl("抬杆原因", "Reason"), t("例如：读卡器故障", "e.g. reader fault"),
      t("手动抬杆", "Lift the barrier"), busy, (text) => {
        const question = tn("手动抬杆：" + lane.id + " 的道闸将打开，停车记录 #" + p.stayId + " 未收的 " + p.due + " 仍记为欠费。",
          "Lift the barrier at " + lane.id + ": stay #" + p.stayId + " leaves, its " + p.due + " stays owed.");
        if (!window.confirm(question)) {
          laneActionShow(lane.id, p.stayId, t("已取消，未发送", "Cancelled, nothing sent"), "bad");
          render();
          return;
        }
        laneActionSend({ type: "lift-barrier", lane: lane.id, stayId: p.stayId, reason: text }, t("正在抬杆…", "Lifting the barrier…"));
      }));
    const pass = (view.freePasses || []).find(f => f.lane === lane.id && f.stayId === p.stayId);
    if (pass) box.appendChild(approveHere(lane, p, pass));
    const r = actionResults.get(lane.id);
    if (r && r.stayId === p.stayId) {
      const shown = el("div", "result " + r.cls, r.text);
      shown.id = "action-result-" + lane.id;
      box.appendChild(shown);
    }
    return box;
  }

  function actionForm(lane, p, name, label, placeholder, key, busy, go) {
    const form = el("form", "exit-action");
    form.autocomplete = "off";
    const id = name + "-" + lane.id;
    const input = el("input");
    input.id = id;
    input.maxLength = name === "voucher" ? 64 : 200;
    input.placeholder = placeholder;
    input.setAttribute("aria-label", label);
    input.value = actionDrafts[id] || "";
    input.addEventListener("input", () => { actionDrafts[id] = input.value; });
    const b = el("button", "plain", key);
    b.type = "submit";
    b.id = name + "-button-" + lane.id;
    b.disabled = busy;
    if (!linked()) b.title = LINK_DOWN;
    form.appendChild(input);
    form.appendChild(b);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      if (laneAction || !linked()) return;
      const text = input.value.trim();
      if (!text) {
        laneActionShow(lane.id, p.stayId, name === "voucher" ? "✗ " + t("请输入或扫描优惠券码", "Type or scan the voucher code")
          : "✗ " + t("请填写原因", "Enter the reason"), "bad");
        render();
        return;
      }
      go(text);
    });
    return form;
  }

  function laneActionShow(lane, stayId, text, cls) {
    actionResults.set(lane, { stayId: stayId, text: text, cls: cls });
  }

  function laneActionSend(message, waiting) {
    message.requestId = newRequestId();
    laneAction = message;
    laneActionShow(message.lane, message.stayId, waiting, "wait");
    render();
    sendMessage(laneAction);
  }

  function laneActionResult(msg) {
    if (!laneAction || laneAction.requestId !== msg.requestId) return false;
    const sent = laneAction;
    laneAction = null;
    const done = {
      "apply-voucher": ["✓ " + t("优惠券已使用", "Voucher applied"), "✗ " + t("优惠券未使用", "Voucher not applied"), "voucher"],
      "ask-free-pass": ["✓ " + t("已申请，等待主管批准", "Asked, waiting for a supervisor"), "✗ " + t("未申请", "Not asked"), "free-reason"],
      "lift-barrier": ["✓ " + t("已抬杆", "Barrier lifted"), "✗ " + t("未抬杆", "Not lifted"), "lift-reason"]
    }[sent.type];
    if (msg.ok) {
      delete actionDrafts[done[2] + "-" + sent.lane];
      laneActionShow(sent.lane, sent.stayId, withAnswer(done[0], msg), "ok");
    } else {
      laneActionShow(sent.lane, sent.stayId, done[1] + ": " + refusalText(msg), "bad");
    }
    render();
    return true;
  }

  // A free pass asked for this vehicle, approved or refused here by a supervisor who types their
  // own user name and password at the cashier's booth: the controller checks them as a login and
  // decides in the supervisor's name. The password stays in this field only until it is sent.
  let approverPassword = "";
  let decidingHere = null;      // {requestId, lane, stayId}: the decision sent from this booth's lane card
  function approveHere(lane, p, pass) {
    const form = el("form", "exit-action approve-here");
    form.autocomplete = "off";
    form.appendChild(el("div", "approve-title", t("主管在此批准免费放行", "A supervisor approves here") + " #" + pass.passNo));
    const who = el("input");
    who.id = "approver-user-" + lane.id;
    who.placeholder = tl("主管用户名", "Supervisor user name");
    who.maxLength = 64;
    who.value = actionDrafts[who.id] || "";
    who.addEventListener("input", () => { actionDrafts[who.id] = who.value; });
    const secret = el("input");
    secret.id = "approver-password-" + lane.id;
    secret.type = "password";
    secret.placeholder = tl("密码", "Password");
    secret.maxLength = 256;
    secret.value = approverPassword;
    secret.addEventListener("input", () => { approverPassword = secret.value; });
    const note = el("input");
    note.id = "approver-note-" + lane.id;
    note.placeholder = tl("备注（拒绝时必填）", "Note (required to refuse)");
    note.maxLength = 200;
    note.value = actionDrafts[note.id] || "";
    note.addEventListener("input", () => { actionDrafts[note.id] = note.value; });
    const yes = el("button", "plain", t("批准", "Approve"));
    yes.type = "submit";
    yes.id = "approver-approve-" + lane.id;
    const no = el("button", "plain", t("拒绝", "Refuse"));
    no.type = "button";
    no.id = "approver-refuse-" + lane.id;
    for (const b of [yes, no]) b.disabled = !!deciding || !linked();
    const go = (approve) => {
      if (deciding || !linked()) return;
      if (!who.value.trim() || !secret.value) {
        laneActionShow(lane.id, p.stayId, "✗ " + t("请主管输入用户名和密码", "The supervisor types their user name and password"), "bad");
        render();
        return;
      }
      if (!approve && !note.value.trim()) {
        laneActionShow(lane.id, p.stayId, "✗ " + t("拒绝须填写备注", "Enter a note to refuse"), "bad");
        render();
        return;
      }
      deciding = { type: "decide-free-pass", requestId: newRequestId(), passNo: pass.passNo, approve: approve,
        note: note.value.trim(), approverUsername: who.value.trim(), approverPassword: secret.value };
      decidingHere = { requestId: deciding.requestId, lane: lane.id, stayId: p.stayId };
      approverPassword = "";
      laneActionShow(lane.id, p.stayId, t("正在提交…", "Sending the decision…"), "wait");
      sendMessage(deciding);
      render();
    };
    form.addEventListener("submit", (e) => { e.preventDefault(); go(true); });
    no.addEventListener("click", () => go(false));
    for (const e of [who, secret, note, yes, no]) form.appendChild(e);
    return form;
  }

  function refocus(id) {
    if (!id || !actionDrafts.hasOwnProperty(id) && !/^(voucher|free-reason|lift-reason|approver-\w+)-/.test(id)) return;
    const again = document.getElementById(id);
    if (again && document.activeElement !== again) again.focus();
  }

  // Free passes waiting for a decision, on every supervisor's console. The controller refuses the
  // person who asked (and anyone not a supervisor): its refusal is shown as it comes.
  function freePassList() {
    const section = document.getElementById("free-pass-section");
    if (!section || !user || !user.reverses) return;
    const list = document.getElementById("free-pass-list");
    const passes = view.freePasses || [];
    const shown = passes.map(f => f.passNo).join(",");
    const typing = document.activeElement && document.activeElement.tagName === "INPUT" && list.contains(document.activeElement);
    // Typing a note: the same passes are not drawn again under the cursor.
    if (typing && list.dataset.passes === shown) return;
    list.dataset.passes = shown;
    const shows = JSON.stringify([passes, !!deciding, linked()]);
    if (list.dataset.shows === shows) return;
    list.dataset.shows = shows;
    const items = passes.map(f => {
      const li = el("li", "free-pass");
      li.id = "pass-" + f.passNo;
      li.appendChild(el("div", null, "#" + f.passNo + " · " + f.lane + " " + tl("· 车牌", "Plate") + " " + (f.plate || "—")
        + " " + tl("· 停车记录", "Stay #") + f.stayId + " " + tl("· 费用", "Fee") + " " + money(f.fee, view.site.currency)));
      li.appendChild(el("div", null, tl("原因", "Reason:") + " " + f.reason + " " + tl("· 申请人", "Asked by") + " " + f.askedBy + " · " + f.askedAt));
      const note = el("input");
      note.id = "pass-note-" + f.passNo;
      note.maxLength = 200;
      note.placeholder = tl("备注（拒绝时必填）·", "Note (required to refuse)");
      note.value = actionDrafts[note.id] || "";
      note.addEventListener("input", () => { actionDrafts[note.id] = note.value; });
      li.appendChild(note);
      const yes = el("button", "plain", t("批准", "Approve"));
      yes.type = "button";
      yes.id = "pass-approve-" + f.passNo;
      const no = el("button", "plain", t("拒绝", "Refuse"));
      no.type = "button";
      no.id = "pass-refuse-" + f.passNo;
      for (const b of [yes, no]) {
        b.disabled = !!deciding || !linked();
        b.addEventListener("click", () => decide(f.passNo, b === yes, note.value.trim()));
        li.appendChild(b);
      }
      return li;
    });
    replace("free-pass-list", items);
  }

  function decide(passNo, approve, note) {
    if (deciding || !linked()) return;
    if (!approve && !note) {
      showResult("free-pass-result", "✗ " + t("拒绝须填写备注", "Enter a note to refuse"), "bad");
      return;
    }
    deciding = { type: "decide-free-pass", requestId: newRequestId(), passNo: passNo, approve: approve, note: note };
    showResult("free-pass-result", t("正在提交…", "Sending the decision…"), "wait");
    render();
    sendMessage(deciding);
  }

  function decisionResult(msg) {
    if (!deciding || deciding.requestId !== msg.requestId) return false;
    const sent = deciding;
    deciding = null;
    const here = decidingHere && decidingHere.requestId === sent.requestId ? decidingHere : null;
    decidingHere = null;
    if (here) {
      // The password goes with the answer: a retry needs it typed again.
      const words = msg.ok
        ? withAnswer(msg.answer && msg.answer.approved ? "✓ " + t("已批准免费放行", "Free pass approved") : "✓ " + t("已拒绝免费放行", "Free pass refused"), msg)
        : "✗ " + t("未处理", "Not decided:") + " " + refusalText(msg);
      if (msg.ok) {
        delete actionDrafts["approver-user-" + here.lane];
        delete actionDrafts["approver-note-" + here.lane];
      }
      laneActionShow(here.lane, here.stayId, words, msg.ok ? "ok" : "bad");
      render();
      return true;
    }
    if (msg.ok) {
      delete actionDrafts["pass-note-" + sent.passNo];
      const approved = msg.answer && msg.answer.approved;
      showResult("free-pass-result", withAnswer(approved ? "✓ " + t("已批准免费放行", "Free pass approved") : "✓ " + t("已拒绝免费放行", "Free pass refused"), msg), "ok");
    } else {
      showResult("free-pass-result", "✗ " + t("未处理", "Not decided:") + " " + refusalText(msg), "bad");
    }
    render();
    return true;
  }

  // ---- shift handover ----

  function shiftResult(text, cls) {
    const r = document.getElementById("shift-result");
    r.className = "result " + cls;
    r.textContent = text;
  }

  // One number field per note and coin of the site's currency; the total is shown as typed.
  function buildPieces(boxId, prefix, totalId) {
    const box = document.getElementById(boxId);
    const faces = counting ? counting.faces : [];
    box.replaceChildren(...faces.map(f => {
      const label = el("label", null, f.label);
      const input = el("input");
      input.type = "number"; input.min = "0"; input.max = "10000"; input.step = "1";
      input.id = prefix + "-" + f.faceMinor;
      input.dataset.face = f.faceMinor;
      input.addEventListener("input", () => { const c = pieces(boxId); document.getElementById(totalId).textContent = c.ok ? (c.total / 100).toFixed(2) : "?"; });
      label.appendChild(input);
      return label;
    }));
  }

  // The pieces typed in a count form: {ok, pieces[{faceMinor, count}], total, error}.
  function pieces(boxId) {
    const out = [];
    let total = 0;
    for (const input of document.querySelectorAll("#" + boxId + " input")) {
      const v = input.value.trim();
      if (v === "") continue;
      if (!/^\d{1,5}$/.test(v) || Number(v) > 10000) {
        return { ok: false, error: "✗ " + t("张数应为 0-10000 的整数", "Each count is a whole number 0-10000, not '") + v + "'" };
      }
      out.push({ faceMinor: Number(input.dataset.face), count: Number(v) });
      total += Number(input.dataset.face) * Number(v);
    }
    return { ok: true, pieces: out, total: total };
  }

  // The IC cards and receipts counted with the drawer: {ok, cards, receipts} or {ok: false, error}.
  function itemCounts(cardsId, receiptsId) {
    const cards = document.getElementById(cardsId).value.trim();
    const receipts = document.getElementById(receiptsId).value.trim();
    if (!/^\d{1,6}$/.test(cards) || !/^\d{1,6}$/.test(receipts)) {
      return { ok: false, error: "✗ " + t("请清点 IC 卡和收据张数（没有则填 0）", "Count the IC cards and the receipts (0 when none)") };
    }
    return { ok: true, cards: Number(cards), receipts: Number(receipts) };
  }

  document.getElementById("float-form").addEventListener("submit", (e) => {
    e.preventDefault();
    if (!user || !user.takesCash || openingShift) return;
    const c = pieces("float-pieces");
    if (!c.ok) { shiftResult(c.error, "bad"); return; }
    openingShift = { type: "open-shift", requestId: newRequestId(), pieces: c.pieces };
    document.getElementById("open-shift").disabled = true;
    shiftResult(t("正在开班…", "Opening the shift…"), "wait");
    sendMessage(openingShift);
  });

  document.getElementById("drop-form").addEventListener("submit", (e) => {
    e.preventDefault();
    if (!user || !user.takesCash || dropping || !drawer || !drawer.open) return;
    const field = document.getElementById("drop-amount");
    const amount = minorOf(field.value);
    if (amount === null || amount <= 0) {
      shiftResult("✗ " + t("缴款金额无效：'" + field.value.trim() + "'", "Type the amount dropped, e.g. 1000, not '" + field.value.trim() + "'"), "bad");
      return;
    }
    dropping = { type: "cash-drop", requestId: newRequestId(), amountMinor: amount };
    document.getElementById("drop-button").disabled = true;
    shiftResult(t("正在记录缴款…", "Recording the cash drop…"), "wait");
    sendMessage(dropping);
  });

  // Blind count: the expected cash is hidden while the drawer is counted.
  document.getElementById("close-shift").addEventListener("click", () => {
    if (!user || !user.takesCash || closingShift || !linked()) return;
    document.getElementById("drawer-open").classList.add("hidden");
    document.getElementById("count-form").classList.remove("hidden");
    document.getElementById("count-form").reset();
    document.getElementById("count-total").textContent = "0.00";
  });
  document.getElementById("count-cancel").addEventListener("click", () => {
    document.getElementById("count-form").classList.add("hidden");
    renderDrawer();
  });
  document.getElementById("count-form").addEventListener("submit", (e) => {
    e.preventDefault();
    if (!user || !user.takesCash || closingShift) return;
    const c = pieces("count-pieces");
    if (!c.ok) { shiftResult(c.error, "bad"); return; }
    const items = itemCounts("count-cards", "count-receipts");
    if (!items.ok) { shiftResult(items.error, "bad"); return; }
    closingShift = { type: "close-shift", requestId: newRequestId(), pieces: c.pieces, cards: items.cards, receipts: items.receipts };
    document.getElementById("count-submit").disabled = true;
    shiftResult(t("正在交接班…", "Closing the shift…"), "wait");
    sendMessage(closingShift);
  });

  function renderDrawer() {
    const takes = user && user.takesCash;
    const countingNow = !document.getElementById("count-form").classList.contains("hidden");
    const open = takes && drawer && drawer.open;
    document.getElementById("drawer-closed").classList.toggle("hidden", !takes || !drawer || drawer.open);
    document.getElementById("drawer-open").classList.toggle("hidden", !open || countingNow);
    if (!takes || !drawer) return;
    if (!drawer.open) {
      document.getElementById("drawer-reason").textContent = drawer.reason;
      document.getElementById("count-form").classList.add("hidden");
      return;
    }
    const box = el("div", "drawer");
    box.appendChild(el("h3", null, tl("班次", "Shift #") + drawer.shiftNo + " " + tl("· 当班合计", "Running totals")));
    const facts = el("dl", "facts");
    fact(facts, tl("备用金", "Float"), drawer.cashFloat);
    fact(facts, tl("现金实收", "Cash tendered"), drawer.cashTendered);
    fact(facts, tl("找零", "Change given"), drawer.changeGiven);
    if (drawer.cashReversed !== "0.00") fact(facts, tl("冲正退款", "Cash reversed"), drawer.cashReversed);
    if (drawer.cashDropped !== "0.00") fact(facts, tl("已缴款", "Cash dropped"), drawer.cashDropped).id = "cash-dropped";
    if (drawer.drawerLimit) fact(facts, tl("现金限额", "Cash limit"), drawer.drawerLimit);
    fact(facts, tl("钱箱应有现金", "Cash expected in drawer"), drawer.expectedCash, "expected-cash").id = "expected-cash";
    box.appendChild(facts);
    box.appendChild(tenderTable(drawer.byTender, "drawer-tenders"));
    document.getElementById("drawer-figures").replaceChildren(box);
    const note = document.getElementById("limit-note");
    note.classList.toggle("hidden", !drawer.overLimit);
    note.textContent = drawer.overLimit
      ? t("现金超限（限额 " + drawer.drawerLimit + "），请先缴款", "Over the " + drawer.drawerLimit
        + " cash limit: record a cash drop before taking more cash")
      : "";
    document.getElementById("drop-form").classList.toggle("insist", !!drawer.overLimit);
  }

  function tenderTable(lines, id) {
    const table = el("table", "items tender-totals");
    if (id) table.id = id;
    const head = el("tr");
    [tl("收款方式", "Tender"), tl("笔数", "Payments"), tl("金额", "Taken")].forEach((h, i) => head.appendChild(el("th", i >= 1 ? "num" : null, h)));
    table.appendChild(head);
    for (const line of lines || []) {
      const row = el("tr");
      row.dataset.tender = line.tender;
      row.appendChild(el("td", null, tl(line.tenderZh, line.tenderEn)));
      row.appendChild(el("td", "num", String(line.payments)));
      row.appendChild(el("td", "num", line.taken));
      table.appendChild(row);
    }
    if (!lines || !lines.length) {
      const row = el("tr");
      row.appendChild(el("td", "empty", t("尚无收款", "No payments yet")));
      table.appendChild(row);
    }
    return table;
  }

  function varianceText(v) {
    if (!v) return ["—", ""];
    if (v.startsWith("-")) return [tl("短款", "Short") + " " + v, "variance-short"];
    if (/^0(\.0+)?$/.test(v)) return [tl("无差额", "Even") + " " + v, "variance-even"];
    return [tl("长款", "Over") + " +" + v, "variance-over"];
  }

  // The newest report of the signed-in cashier; managers see the newest of anyone's.
  function shiftReport() {
    const box = document.getElementById("shift-report");
    const mine = (view.shifts || []).find(s => !user || !user.takesCash || s.cashier === user.username);
    // Drawn again only when the report changed: every lane event brings the whole state.
    const shows = JSON.stringify(mine || null);
    if (box.dataset.shows === shows) return;
    box.dataset.shows = shows;
    if (!mine) {
      box.replaceChildren(el("p", "empty", t("尚无交班报表", "No shift report yet")));
      return;
    }
    const report = el("div", "shift-report");
    report.appendChild(el("h3", null, t("班次报表", "Shift report #") + mine.shiftNo + " · " + mine.cashier));
    const facts = el("dl", "facts");
    fact(facts, tl("开班", "Opened"), mine.openedAt);
    fact(facts, tl("交班", "Closed"), mine.closedAt);
    fact(facts, tl("收款笔数", "Payments"), String(mine.payments));
    fact(facts, tl("冲正笔数", "Reversals"), String(mine.reversals));
    fact(facts, tl("收据号", "Receipts"), mine.receipts || t("无", "None"), "receipts");
    if (mine.variance) {
      fact(facts, tl("备用金", "Float"), mine.cashFloat);
      fact(facts, tl("应有现金", "Cash expected"), mine.expectedCash).id = "report-expected";
      fact(facts, tl("清点现金", "Cash counted"), mine.countedCash).id = "report-counted";
      const v = varianceText(mine.variance);
      fact(facts, tl("差额", "Variance"), v[0], v[1]).id = "report-variance";
    }
    report.appendChild(facts);
    if (mine.variance) report.appendChild(tenderTable(mine.byTender, "report-tenders"));
    const table = el("table", "items shift-totals");
    const head = el("tr");
    [tl("币种", "Currency"), tl("实收", "Taken"), tl("冲正", "Reversed"), tl("净额", "Net")].forEach((h, i) => head.appendChild(el("th", i >= 1 ? "num" : null, h)));
    table.appendChild(head);
    for (const total of mine.totals) {
      const row = el("tr");
      row.appendChild(el("td", null, total.currency));
      row.appendChild(el("td", "num", total.paid + " (" + total.payments + ")"));
      row.appendChild(el("td", "num", total.reversed + " (" + total.reversals + ")"));
      row.appendChild(el("td", "num net", total.net));
      table.appendChild(row);
    }
    report.appendChild(table);
    const chain = el("div", "chain-head", tl("账本链头", "Ledger chain head: link") + " " + mine.chainLink + " sha256 " + mine.chainHead);
    report.appendChild(chain);
    box.replaceChildren(report);
  }

  function result(msg) {
    if (msg.refusal === "NOT_LOGGED_IN") {
      // The controller ended the session (expired, password changed, account disabled).
      signedOut = true;
      location.href = "/login?ended";
      return;
    }
    if (laneActionResult(msg) || decisionResult(msg)) return;
    if (window.boothShift && window.boothShift.result(msg)) return;
    if (settingMode && settingMode.requestId === msg.requestId) {
      settingMode = null;
      document.getElementById("lane-mode-button").disabled = false;
      if (msg.ok) {
        showResult("lane-mode-result", withAnswer("✓ " + t("已设置", "Lane mode set"), msg), "ok");
        document.getElementById("lane-mode-reason").value = "";
      } else {
        showResult("lane-mode-result", "✗ " + t("未设置", "Not set:") + " " + refusalText(msg), "bad");
      }
      return;
    }
    if (resettingCard && resettingCard.requestId === msg.requestId) {
      resettingCard = null;
      document.getElementById("passback-button").disabled = false;
      if (msg.ok) {
        showResult("passback-result", withAnswer("✓ " + t("已重置", "Card reset"), msg), "ok");
        document.getElementById("passback-form").reset();
      } else {
        showResult("passback-result", "✗ " + t("未重置", "Not reset:") + " " + refusalText(msg), "bad");
      }
      return;
    }
    if (finding && finding.requestId === msg.requestId) {
      finding = null;
      document.getElementById("find-button").disabled = false;
      if (msg.ok) foundStays(msg.answer);
      else showResult("find-result", "✗ " + t("未找到", "Not found:") + " " + refusalText(msg), "bad");
      return;
    }
    if (drawerAction && drawerAction.requestId === msg.requestId) {
      const reprint = drawerAction.type === "reprint";
      drawerAction = null;
      drawerButtons(false);
      if (msg.ok) {
        const printer = view && view.printer;
        const waits = printer && printer.state !== "READY" && printer.state !== "DRAWER_OPEN";
        showResult("drawer-result", withAnswer(reprint ? "✓ " + t("已补打", "Reprinted") : "✓ " + t("钱箱已开", "Drawer opened"), msg)
          + (waits ? " · " + printer.text : ""), "ok");
        document.getElementById(reprint ? "reprint-form" : "drawer-form").reset();
      } else {
        showResult("drawer-result", "✗ " + t("未记录", "Not recorded:") + " " + refusalText(msg), "bad");
      }
      return;
    }
    if (closingShift && closingShift.requestId === msg.requestId) {
      closingShift = null;
      document.getElementById("count-submit").disabled = false;
      if (msg.ok) {
        document.getElementById("count-form").classList.add("hidden");
        shiftResult(withAnswer("✓ " + t("已交班", "Shift closed"), msg), "ok");
      } else {
        shiftResult("✗ " + t("未交班", "Shift not closed:") + " " + refusalText(msg), "bad");
      }
      return;
    }
    if (dropping && dropping.requestId === msg.requestId) {
      dropping = null;
      document.getElementById("drop-button").disabled = false;
      if (msg.ok) {
        document.getElementById("drop-amount").value = "";
        shiftResult(withAnswer("✓ " + t("已缴款", "Cash drop recorded"), msg), "ok");
      } else {
        shiftResult("✗ " + t("未缴款", "Cash drop not recorded:") + " " + refusalText(msg), "bad");
      }
      return;
    }
    if (openingShift && openingShift.requestId === msg.requestId) {
      openingShift = null;
      document.getElementById("open-shift").disabled = false;
      if (msg.ok) {
        document.getElementById("float-form").reset();
        document.getElementById("float-total").textContent = "0.00";
        shiftResult(withAnswer("✓ " + t("已开班", "Shift open"), msg), "ok");
      } else {
        shiftResult("✗ " + t("未开班", "Shift not opened:") + " " + refusalText(msg), "bad");
      }
      return;
    }
    if (reversing && reversing.requestId === msg.requestId) {
      reversing = null;
      document.getElementById("reverse-button").disabled = false;
      if (msg.ok) {
        reverseResult(withAnswer("✓ " + t("已冲正", "Reversed"), msg), "ok");
        document.getElementById("reverse-form").reset();
      } else {
        reverseResult("✗ " + t("未冲正", "Not reversed:") + " " + refusalText(msg), "bad");
      }
      return;
    }
    let req = null;
    for (const r of inflight.values()) if (r.requestId === msg.requestId) req = r;
    if (!req) return;
    inflight.delete(req.stayId);
    if (msg.ok) {
      const a = msg.answer || {};
      const words = a.tender && a.tender !== "cash" ? "✓ " + t(a.tenderZh + "收讫", a.tenderEn + " received") : "✓ " + t("现金收讫", "Cash received");
      results.set(req.lane, { cls: "ok", text: withAnswer(words, msg), stayId: req.stayId });
      showChange(a);
    } else {
      results.set(req.lane, { cls: "bad", text: "✗ " + t("未记录", "Not recorded:") + " " + refusalText(msg), stayId: req.stayId });
    }
    render();
  }

  // ---- drawing ----

  function setStatus(online, text) {
    const s = document.getElementById("link-status");
    s.className = "status " + (online ? "online" : "offline");
    setText(s, text);
  }

  // Text set only when it differs: the same text set again is still a change the page lays out.
  function setText(e, text) {
    if (e.textContent !== text) e.textContent = text;
  }

  let bannerTimer = null;
  function banner(text, clearAfterMs) {
    const b = document.getElementById("banner");
    clearTimeout(bannerTimer);
    b.textContent = text || "";
    b.classList.toggle("hidden", !text);
    if (text && clearAfterMs) bannerTimer = setTimeout(() => banner(null), clearAfterMs);
  }

  // A change carries the lanes whose view changed and each other part only when it changed.
  function merge(change) {
    const lanes = new Map(change.lanes.map(l => [l.id, l]));
    if (lanes.size) view.lanes = view.lanes.map(l => lanes.get(l.id) || l);
    for (const part of ["link", "printer", "shifts", "freePasses", "incidents"]) {
      if (change[part] != null) view[part] = change[part];
    }
  }

  function render() {
    if (!view) return;
    setText(document.getElementById("site-name"), tl("收费亭", "Booth") + " · " + view.site.name);
    const title = tl("收费亭", "Booth ·") + " " + view.site.name;
    if (document.title !== title) document.title = title;
    setStatus(view.link.online, view.link.online ? t("控制器在线", "Controller online") : t("控制器离线", "Controller offline"));
    // What is on screen may be out of date while the controller is away: fade it.
    document.body.classList.toggle("stale", !view.link.online);
    const printer = view.printer;
    if (printer) {
      const p = document.getElementById("printer-status");
      p.className = "status " + (printer.state === "NONE" ? "none" : printer.alarm ? "offline" : "online");
      setText(p, said(printer.text));
    }
    if (socket && !view.link.online) banner(view.link.detail);
    else if (socket) banner(null);

    window.BoothAlarm.update(view);
    const focused = document.activeElement && document.activeElement.id;
    const exits = view.lanes.filter(l => l.kind === "EXIT");
    const entries = view.lanes.filter(l => l.kind !== "EXIT");
    if (!exits.some(l => l.id === selectedLane)) selectedLane = null;
    const waiting = exits.find(l => l.pending);
    if (!selectedLane || (waiting && !exits.find(l => l.id === selectedLane).pending)) {
      selectedLane = waiting ? waiting.id : (exits[0] && exits[0].id);
    }
    const shared = JSON.stringify([user, linked(), drawer ? [drawer.open, drawer.overLimit] : null, !!laneAction, !!deciding,
      view.site.symbol, view.site.zone]);
    replaceLanes("exit-lanes", exits, l => shared + exitShows(l), exitLane);
    replaceLanes("entry-lanes", entries, l => shared + JSON.stringify(l), l => laneCard(l));
    laneOptions();
    shiftReport();
    commandKeys();
    freePassList();
    if (window.boothShift) window.boothShift.render();
    refocus(focused);
  }

  function replace(id, children) {
    const box = document.getElementById(id);
    box.replaceChildren(...children);
    if (children.length === 0) box.appendChild(el("p", "empty", t("无", "None")));
  }

  // A lane's card is built again only when something on it changed: with ten busy exits a new fee
  // redraws its own lane, not all ten, and a field typed in on another lane is left as it is.
  const drawnLanes = new Map();   // box id -> Map(lane id -> {shows, card})

  function replaceLanes(id, lanes, shows, draw) {
    const before = drawnLanes.get(id) || new Map();
    const now = new Map();
    const cards = lanes.map(l => {
      const key = shows(l);
      const had = before.get(l.id);
      const card = had && had.shows === key ? had.card : draw(l);
      now.set(l.id, { shows: key, card: card });
      return card;
    });
    drawnLanes.set(id, now);
    const box = document.getElementById(id);
    const onPage = box.children;
    if (cards.length === 0 && onPage.length === 1 && onPage[0].matches("p.empty")) return;
    if (cards.length === 0 || onPage.length !== cards.length || lanes.some((l, i) => onPage[i].dataset.lane !== l.id)) {
      replace(id, cards);
      return;
    }
    cards.forEach((card, i) => { if (onPage[i] !== card) onPage[i].replaceWith(card); });
  }

  // Everything an exit's card shows besides what all cards share (see render).
  function exitShows(lane) {
    const p = lane.pending;
    return JSON.stringify([lane, lane.id === selectedLane, results.get(lane.id) || null,
      actionResults.get(lane.id) || null, !!(p && inflight.has(p.stayId)),
      p ? (view.freePasses || []).filter(f => f.lane === lane.id) : null]);
  }

  function laneCard(lane) {
    const card = el("article", "lane");
    card.dataset.lane = lane.id;
    const head = el("div", "lane-head");
    const title = el("div", "lane-title", (lane.kind === "EXIT" ? tl("出场", "Exit") + " · " : tl("入场", "Entry") + " · ") + lane.name);
    title.appendChild(el("small", null, lane.id));
    head.appendChild(title);
    head.appendChild(el("div", "lane-state", stateText(lane.state)));
    card.appendChild(head);

    const facts = el("dl", "facts");
    const b = BARRIER[lane.barrier || "unknown"] || [lane.barrier, "", "barrier-moving"];
    fact(facts, tl("道闸", "Barrier"), tl(b[0], b[1]), b[2]);
    fact(facts, tl("地感线圈", "Loop"), lane.vehiclePresent ? t("有车", "Vehicle present") : t("无车", "Clear"));
    const mode = fact(facts, tl("车道模式", "Lane mode"), modeText(lane.mode), "mode-" + (lane.mode || "unknown").toLowerCase());
    mode.id = "mode-" + lane.id;
    card.appendChild(facts);
    if (user && user.controlsLanes) {
      const set = el("button", "plain set-mode", t("设置模式", "Set mode"));
      set.type = "button";
      set.id = "set-mode-" + lane.id;
      set.addEventListener("click", (e) => { e.stopPropagation(); chooseLane(lane); });
      card.appendChild(set);
    }

    card.appendChild(el("div", "display-label", tl("显示屏", "Lane display")));
    card.appendChild(el("div", "display", (lane.display || []).join("\n")));
    if (lane.offlineDevices && lane.offlineDevices.length) {
      card.appendChild(el("div", "device-alarm", tl("设备离线", "Device offline:") + " " + lane.offlineDevices.map(said).join(", ")));
    }
    if (lane.notice) card.appendChild(el("div", "notice", said(lane.notice)));
    return card;
  }

  function exitLane(lane) {
    const card = laneCard(lane);
    if (lane.id === selectedLane) card.classList.add("selected");
    card.addEventListener("click", () => { selectedLane = lane.id; render(); });
    const p = lane.pending;
    if (p) {
      card.appendChild(vehicle(lane, p));
      card.appendChild(exitActions(lane, p));
    } else if (!lane.paid) {
      card.appendChild(el("p", "empty", t("无待缴费车辆", "No vehicle waiting to pay")));
    }
    const r = results.get(lane.id);
    // A result belongs to one stay: shown while that stay is waiting or just paid.
    const showResult = r && (p ? r.stayId === p.stayId : (lane.paid ? lane.paid.stayId === r.stayId : r.cls === "bad"));
    if (showResult) {
      const box = el("div", "result " + r.cls, r.text);
      box.id = "result-" + lane.id;
      card.appendChild(box);
    }
    if (lane.paid) {
      const paid = el("div", "paid");
      paid.id = "paid-" + lane.id;
      paid.appendChild(bi("已收款 · 收据号", "Paid · Receipt No."));
      const receipt = el("div", "receipt", lane.paid.receiptNo);
      receipt.id = "receipt-" + lane.id;
      paid.appendChild(receipt);
      paid.appendChild(el("div", null, "¥ " + lane.paid.amount + " " + tl("· 卡号", "Card") + " " + lane.paid.card
        + " · " + lane.paid.cashier + " · " + lane.paid.time));
      card.appendChild(paid);
    }
    return card;
  }

  function vehicle(lane, p) {
    const box = el("div", "vehicle");
    const left = el("div");
    left.appendChild(el("h3", null, t("待缴费车辆", "Vehicle waiting")));
    const facts = el("dl", "facts");
    fact(facts, tl("卡号", "Card"), p.card, "card");
    fact(facts, tl("入场时间", "Entry time"), p.entryTime);
    fact(facts, tl("停车时长", "Duration"), said(p.duration));
    fact(facts, tl("停车记录", "Stay"), "#" + p.stayId);
    if (p.tariff) {
      fact(facts, tl("收费标准", "Tariff"), p.tariff, "tariff");
      facts.lastChild.lastChild.id = "tariff-" + lane.id;
    }
    left.appendChild(facts);
    box.appendChild(left);

    const right = el("div", "due-box");
    right.appendChild(bi("应收 停车费", "Amount due · Parking fee"));
    const due = el("div", "due");
    due.id = "due-" + lane.id;
    due.appendChild(el("span", "symbol", view.site.symbol));
    due.appendChild(document.createTextNode(p.due));
    right.appendChild(due);
    right.appendChild(el("div", "due-currency", p.currency + " " + tl("· 时区", "Zone") + " " + view.site.zone));
    const button = el("button", "cash");
    button.type = "button";
    button.id = "cash-" + lane.id;
    button.appendChild(bi("现金收讫", "Cash received · Enter / F1"));
    const noShift = drawer && !drawer.open;
    const overLimit = drawer && drawer.open && drawer.overLimit;
    button.disabled = !user || !user.takesCash || !linked() || inflight.has(p.stayId) || noShift;
    if (user && !user.takesCash) button.title = t("只有收费员或主管可以收款", "Only cashiers and supervisors take cash");
    if (user && user.takesCash && noShift) {
      button.title = t("未开班，请先清点备用金开班", "No shift open: count the float and open a shift first");
    }
    if (overLimit) {
      button.disabled = true;
      button.title = t("现金超限，请先缴款", "Over the cash limit: record a cash drop first");
    }
    button.addEventListener("click", (e) => { e.stopPropagation(); cashReceived(lane.id); });
    right.appendChild(button);
    if (!linked()) {
      button.title = LINK_DOWN;
      const why = el("div", "link-down", LINK_DOWN);
      why.id = "link-down-" + lane.id;
      right.appendChild(why);
    }
    if (user && user.takesCash && drawer && !drawer.open) {
      const why = el("div", "result bad", t("未开班，不能收款", "No shift open: open a shift with its float first"));
      why.id = "no-shift-" + lane.id;
      right.appendChild(why);
    }
    if (user && user.takesCash && overLimit) {
      const why = el("div", "result bad", t("现金超限，请先缴款（银行卡、扫码仍可收）", "Over the cash limit: record a cash drop (card and mobile still taken)"));
      why.id = "over-limit-" + lane.id;
      right.appendChild(why);
    }
    box.appendChild(right);
    // Under both: a long line (a balance from an earlier visit) has the card's whole width.
    box.appendChild(items(p));
    return box;
  }

  function items(p) {
    const table = el("table", "items");
    const head = el("tr");
    [tl("时段", "Period"), tl("规则", "Rule"), tl("数量", "Qty"), tl("金额", "Amount")].forEach((h, i) => head.appendChild(el("th", i >= 2 ? "num" : null, h)));
    table.appendChild(head);
    for (const it of p.items) {
      const row = el("tr");
      row.appendChild(el("td", "period", said(it.period)));
      row.appendChild(el("td", null, said(it.rule)));
      row.appendChild(el("td", "num", String(it.quantity)));
      row.appendChild(el("td", "num", it.amount));
      table.appendChild(row);
    }
    const cap = el("caption", null, t("收费明细", "Why this fee"));
    cap.style.textAlign = "left";
    cap.style.fontWeight = "bold";
    table.prepend(cap);
    return table;
  }

  function fact(dl, label, value, cls) {
    const d = el("div");
    d.appendChild(el("dt", null, label));
    const dd = el("dd", cls || null, value || "—");
    d.appendChild(dd);
    dl.appendChild(d);
    return dd;
  }

  function stateText(state) {
    if (!state) return "";
    return STATE[state] || state.replace(/_/g, " ").toLowerCase();
  }

  // New entries go on top and the oldest beyond 100 come off: the lines shown stay as they are.
  function addLog(entries) {
    const box = document.getElementById("event-log");
    if (!logItems.length) box.replaceChildren();
    for (const e of entries) {
      logItems.unshift(e);
      const li = el("li");
      li.appendChild(el("span", "when", e.time.slice(11)));
      li.appendChild(el("span", "where", e.lane));
      li.appendChild(document.createTextNode(said(e.text)));
      box.prepend(li);
    }
    while (logItems.length > 100) {
      logItems.pop();
      box.lastElementChild.remove();
    }
    if (!logItems.length) replace("event-log", []);
  }

  // ---- keys and clock ----

  document.addEventListener("keydown", (e) => {
    if (e.key === "F1" || e.key === "Enter") {
      // Typing in a form, or on any other button: Enter submits or presses that, and never takes
      // cash (the registers and lost-card forms included, whoever adds them).
      if (e.target.closest && e.target.closest("form, input, select, textarea, button:not(.cash), .exit-actions, #free-pass-list, .shift-end, #lost-card")) {
        if (e.key === "F1") e.preventDefault();
        return;
      }
      e.preventDefault();   // F1 would open the browser's help; Enter would also click a focused button
      if (!e.repeat && selectedLane) cashReceived(selectedLane);
    }
  });

  // What shift.js (handover, incidents, shift reports) uses of this page.
  window.booth = {
    t: t, tl: tl, said: said, el: el, fact: fact, send: sendMessage, newRequestId: newRequestId, linked: linked,
    user: () => user, view: () => view, drawer: () => drawer, buildPieces: buildPieces,
    pieces: pieces, itemCounts: itemCounts, refusalText: refusalText, varianceText: varianceText,
    tenderTable: tenderTable, renderDrawer: renderDrawer
  };

  function tick() {
    if (!view) return;
    const now = new Date().toLocaleTimeString("zh-CN", { timeZone: view.site.zone, hour12: false });
    document.getElementById("clock").textContent = now;
  }
  setInterval(tick, 1000);

  // ---- the page's own words, and the language switch ----

  document.title = tl("收费亭", "Booth");
  window.BoothText.localize(document.body);
  window.BoothText.languageSwitch();
  connect();
})();
