// The lane page: draws every lane of the simulator from GET /lanes, drives it through the control
// interface (docs/simulator.md) and lists GET /events, newest first. It polls both every 250 ms,
// one request after the other, so a slow simulator is never asked twice at once. Nothing here
// fetches from anywhere but the simulator that served the page.
"use strict";

(function () {
  const POLL_MS = 250;
  const ARM_UP_DEG = -80;
  const MAX_EVENTS_SHOWN = 500;
  const DEVICE_NAMES = {
    barrier: "道闸 barrier",
    cardUnit: "读卡器 card unit",
    display: "显示屏 display",
    camera: "车牌识别 camera",
  };
  // What each fault of the list adds to a device's fault set (POST /lanes/{lane}/faults/{device}).
  const FAULTS = {
    silent: { silent: true },
    disconnect: { disconnect: true },
    noise: { noise: 0.3 },
    drop: { drop: 0.3 },
    badCheck: { badCheck: 0.3 },
    delayMs: { delayMs: 500 },
    split: { split: true, merge: true },
  };
  const CLASS_NAMES = { car: "小车 car", van: "面包车 van", bus: "客车 bus", truck: "货车 truck", motorcycle: "摩托车 motorcycle", unknown: "未知 unknown" };
  const CLASS_WIDTH = { car: 130, van: 140, bus: 176, truck: 170, motorcycle: 70, unknown: 130 };
  const PROVINCES = "京沪粤苏浙川鄂鲁闽皖湘津";
  const PLATE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

  const lanes = new Map(); // lane id -> {el, data, kind, vehicleShown, ...}
  const order = [];
  let selected = null;
  let lastEvent = 0;
  const issued = new Map(); // card -> {plate, time, lane, presentedAt}

  function $(root, selector) {
    return root.querySelector(selector);
  }

  function randomPlate() {
    const pick = (s) => s[Math.floor(Math.random() * s.length)];
    let plate = pick(PROVINCES) + pick("ABCDEFGH");
    for (let i = 0; i < 5; i++) plate += pick(PLATE_CHARS);
    return plate;
  }

  async function call(method, path, body) {
    const init = { method, headers: {} };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers["Content-Type"] = "application/json";
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      throw new Error("模拟器无应答 · The simulator does not answer (" + e.message + ")");
    }
    let json = null;
    try {
      json = await response.json();
    } catch (e) {
      // an answer that is not JSON: reported below with its status
    }
    if (!response.ok) {
      throw new Error((json && json.error) || "HTTP " + response.status);
    }
    return json;
  }

  // --- drawing the lanes ---------------------------------------------------------------------

  function build(lane, index) {
    const node = document.getElementById("lane-template").content.firstElementChild.cloneNode(true);
    const id = lane.id;
    node.id = "lane-" + id;
    node.dataset.lane = id;
    node.classList.add(lane.kind);
    node.setAttribute("aria-label", "车道 lane " + id);
    $(node, ".lane-key").textContent = String(index + 1);
    $(node, ".lane-name").textContent = lane.name || id;
    $(node, ".lane-id").textContent = lane.name && lane.name !== id ? id : "";
    const kind = $(node, ".kind");
    kind.classList.add(lane.kind);
    kind.textContent = lane.kind === "entry" ? "入场 entry" : "出场 exit";
    $(node, ".unit-label").textContent = lane.cardUnit.dispenser ? "发卡机" : "读卡器";
    const pattern = $(node, "pattern");
    pattern.id = "stripes-" + id;
    $(node, ".arm rect").setAttribute("fill", "url(#stripes-" + id + ")");
    // Every control gets an id of its own, for labels, tests and the keyboard.
    const ids = {
      ".lane-state": "state-", ".drawing": "drawing-", ".arm": "arm-", ".arming": "arming-",
      ".safety": "safety-", ".vehicle": "vehicle-", ".card": "card-at-mouth-", ".display": "display-",
      ".devices": "devices-", ".plate": "plate-", ".class": "class-", ".arrive": "arrive-",
      ".leave": "leave-", ".take": "take-", ".cards": "cards-", ".card-typed": "card-typed-",
      ".present": "present-", ".drive": "drive-", ".fault-device": "fault-device-",
      ".fault-kind": "fault-kind-", ".inject": "inject-", ".clear": "clear-", ".stuck": "stuck-",
      ".hold": "hold-", ".message": "message-",
    };
    for (const [selector, prefix] of Object.entries(ids)) $(node, selector).id = prefix + id;
    const devices = $(node, ".fault-device");
    for (const device of Object.keys(DEVICE_NAMES)) {
      if (device === "camera" && !lane.camera) continue;
      devices.add(new Option(DEVICE_NAMES[device], device));
    }
    $(node, ".plate").value = randomPlate();

    const entry = { id, el: node, kind: lane.kind, data: lane, vehicleAt: null };
    $(node, ".arrive-form").addEventListener("submit", (e) => {
      e.preventDefault();
      act(entry, "arrive");
    });
    $(node, ".present-form").addEventListener("submit", (e) => {
      e.preventDefault();
      act(entry, "present");
    });
    $(node, ".fault-form").addEventListener("submit", (e) => {
      e.preventDefault();
      act(entry, "inject");
    });
    for (const action of ["leave", "take", "drive", "clear", "stuck", "hold"]) {
      $(node, "." + action).addEventListener("click", () => act(entry, action));
    }
    $(node, ".cards").addEventListener("change", () => plateFromCard(entry));
    node.addEventListener("focusin", () => select(id, false));
    node.addEventListener("click", () => select(id, false));
    document.getElementById("lanes").appendChild(node);
    document.getElementById("log-lane").add(new Option(id, id));
    return entry;
  }

  function render(entry, lane) {
    entry.data = lane;
    const el = entry.el;
    const b = lane.barrier;
    el.dataset.barrier = b.position;
    el.dataset.barrierFault = String(b.fault);
    el.dataset.vehicle = lane.vehicle ? lane.vehicle.plate : "";
    $(el, ".arming").classList.toggle("lit", lane.loops.arming);
    $(el, ".safety").classList.toggle("lit", lane.loops.safety);
    $(el, ".arming").dataset.occupied = String(lane.loops.arming);
    $(el, ".safety").dataset.occupied = String(lane.loops.safety);
    drawArm(entry, b);
    drawVehicle(entry, lane);
    const card = $(el, ".card");
    const atMouth = lane.cardUnit.cardAtMouth;
    card.classList.toggle("shown", !!atMouth);
    $(el, ".card-text").textContent = atMouth || "";
    drawDisplay(el, lane.display.rows);
    drawDevices(el, lane);
    $(el, ".stuck").setAttribute("aria-pressed", String(b.fault));
    $(el, ".hold").setAttribute("aria-pressed", String(b.heldByHand));
    const state = barrierWords(b) + "；" + vehicleWords(lane);
    setText($(el, ".lane-state"), state);
    $(el, ".drawing-title").textContent = lane.id + ": " + state;
  }

  function setText(node, text) {
    if (node.textContent !== text) node.textContent = text;
  }

  function barrierWords(b) {
    const words = {
      closed: "道闸 落下 · barrier down",
      opening: "道闸 抬杆中 · barrier opening",
      open: "道闸 抬起 · barrier up",
      closing: "道闸 落杆中 · barrier closing",
    }[b.position];
    let extra = "";
    if (b.fault) extra += "，卡住 stuck";
    if (b.heldByHand) extra += "，手动抬起 held by hand";
    return words + extra;
  }

  function vehicleWords(lane) {
    if (!lane.vehicle) return "无车 · no vehicle";
    const plate = lane.vehicle.plate;
    if (lane.loops.safety) return "车辆 " + plate + " 在道闸下 · under the arm";
    return "车辆 " + plate + " 等待 · waiting at the arm";
  }

  // The arm is drawn where the barrier says it is (openFraction) and, while it moves, turns on
  // to its limit in the time the barrier has left; a stuck arm stays where it stopped.
  function drawArm(entry, b) {
    const arm = $(entry.el, ".arm");
    const moving = (b.position === "opening" || b.position === "closing") && !b.fault;
    const state = b.position + "/" + b.fault + "/" + b.heldByHand;
    arm.dataset.position = b.position === "closed" ? "down" : b.position === "open" ? "up" : "moving";
    if (entry.armState === state) return;
    entry.armState = state;
    arm.style.transition = "none";
    arm.style.transform = "rotate(" + ARM_UP_DEG * b.openFraction + "deg)";
    if (moving) {
      const target = b.position === "opening" ? 1 : 0;
      const left = Math.abs(target - b.openFraction) * b.travelMs;
      arm.getBoundingClientRect();
      arm.style.transition = "transform " + Math.round(left) + "ms linear";
      arm.style.transform = "rotate(" + ARM_UP_DEG * target + "deg)";
    }
  }

  // The vehicle rolls in from the left onto the arming loop, under the arm onto the safety loop,
  // and away to the right once it has cleared both.
  function drawVehicle(entry, lane) {
    const car = $(entry.el, ".vehicle");
    const v = lane.vehicle;
    let at;
    if (!v) at = entry.vehicleAt === null ? null : "gone";
    else if (lane.loops.safety && lane.loops.arming) at = "between";
    else if (lane.loops.safety) at = "under";
    else at = "waiting";
    if (v) {
      const width = CLASS_WIDTH[v.class] || 130;
      $(car, ".body").setAttribute("width", width);
      $(car, ".cabin").setAttribute("width", Math.max(30, width - 52));
      $(car, ".wheel:last-of-type").setAttribute("cx", width - 26);
      $(car, ".plate-box").setAttribute("x", width / 2 - 35);
      $(car, ".plate-text").setAttribute("x", width / 2);
      $(car, ".class-text").setAttribute("x", width / 2);
      setText($(car, ".plate-text"), v.plate);
      setText($(car, ".class-text"), CLASS_NAMES[v.class] || v.class);
      car.dataset.plate = v.plate;
    }
    if (at === entry.vehicleAt && (!v || entry.plateDrawn === v.plate)) return;
    const width = v ? CLASS_WIDTH[v.class] || 130 : 130;
    const x = { waiting: 300 - width - 4, between: 315 - width / 2, under: 340, gone: 600 }[at];
    if (v && entry.plateDrawn !== v.plate) {
      // A new vehicle: it comes from off the left edge.
      car.style.transition = "none";
      car.style.transform = "translateX(-200px)";
      car.getBoundingClientRect();
      car.style.transition = "";
    }
    if (at === null) {
      car.classList.remove("present");
    } else {
      car.style.transform = "translateX(" + x + "px)";
      car.classList.toggle("present", at !== "gone");
    }
    car.dataset.at = at || "none";
    entry.vehicleAt = at === "gone" ? null : at;
    entry.plateDrawn = v ? v.plate : null;
  }

  function drawDisplay(el, rows) {
    const box = $(el, ".display");
    const key = JSON.stringify(rows);
    if (box.dataset.rows === key) return;
    box.dataset.rows = key;
    box.replaceChildren(
      ...rows.map((text) => {
        const row = document.createElement("div");
        row.className = "row";
        row.textContent = text;
        return row;
      })
    );
  }

  function drawDevices(el, lane) {
    const box = $(el, ".devices");
    const parts = [];
    for (const device of Object.keys(DEVICE_NAMES)) {
      const d = device === "cardUnit" ? lane.cardUnit : lane[device];
      if (!d) continue;
      const on = faultsOn(d.faults);
      parts.push({
        device,
        connected: d.link.controllerConnected,
        faults: Object.keys(on),
        text:
          DEVICE_NAMES[device] +
          (d.link.controllerConnected ? " ●" : " ○") +
          (Object.keys(on).length ? " ⚠ " + describeFaults(on) : ""),
      });
    }
    const key = JSON.stringify(parts);
    if (box.dataset.key === key) return;
    box.dataset.key = key;
    box.replaceChildren(
      ...parts.map((p) => {
        const chip = document.createElement("span");
        chip.className = "device" + (p.connected ? " connected" : "") + (p.faults.length ? " faulty" : "");
        chip.id = "device-" + lane.id + "-" + p.device;
        chip.title = p.connected ? "控制器已连接 · controller connected" : "控制器未连接 · no controller connected";
        chip.textContent = p.text;
        return chip;
      })
    );
  }

  function faultsOn(faults) {
    const on = {};
    for (const [name, value] of Object.entries(faults || {})) {
      if (value === true || (typeof value === "number" && value > 0)) on[name] = value;
    }
    return on;
  }

  function describeFaults(on) {
    return Object.entries(on)
      .map(([name, value]) => (value === true ? name : name + " " + value))
      .join(", ");
  }

  // --- acting on a lane ----------------------------------------------------------------------

  async function act(entry, action) {
    const el = entry.el;
    const base = "/lanes/" + encodeURIComponent(entry.id);
    const message = $(el, ".message");
    let done;
    try {
      switch (action) {
        case "arrive": {
          const plate = $(el, ".plate").value.trim();
          const body = { class: $(el, ".class").value };
          if (plate) body.plate = plate;
          const answer = await call("POST", base + "/vehicle/arrive", body);
          done = "车辆 " + answer.plate + " 到达 · Vehicle " + answer.plate + " on the arming loop";
          $(el, ".plate").value = randomPlate();
          break;
        }
        case "leave":
          await call("POST", base + "/vehicle/leave");
          done = "车辆后退离开 · The vehicle backed off";
          break;
        case "take": {
          const answer = await call("POST", base + "/card/take");
          done = "已取卡 " + answer.card + " · Card " + answer.card + " taken" + unsent(answer);
          break;
        }
        case "present": {
          const card = $(el, ".card-typed").value.trim() || $(el, ".cards").value;
          if (!card) {
            throw new Error("请选择或输入卡号 · Choose a card from the list or type its number");
          }
          const answer = await call("POST", base + "/card/present", { card });
          done = "已刷卡 " + answer.card + " · Card " + answer.card + " presented" + unsent(answer);
          $(el, ".card-typed").value = "";
          break;
        }
        case "drive":
          await call("POST", base + "/vehicle/drive", { wait: false });
          done = "车辆通过中 · The vehicle drives through";
          break;
        case "inject": {
          const device = $(el, ".fault-device").value;
          const kind = $(el, ".fault-kind").value;
          const current = device === "cardUnit" ? entry.data.cardUnit : entry.data[device];
          const body = Object.assign({}, faultsOn(current && current.faults), FAULTS[kind]);
          await call("POST", base + "/faults/" + device, body);
          done = "已注入故障 · Fault on " + DEVICE_NAMES[device] + ": " + describeFaults(body);
          break;
        }
        case "clear": {
          const device = $(el, ".fault-device").value;
          await call("DELETE", base + "/faults/" + device);
          done = "故障已清除 · Faults cleared on " + DEVICE_NAMES[device];
          break;
        }
        case "stuck": {
          const on = !entry.data.barrier.fault;
          await call("POST", base + "/barrier/fault", { on });
          done = on ? "道闸卡住 · The barrier is stuck" : "道闸恢复 · The barrier works again";
          break;
        }
        case "hold": {
          const hold = !entry.data.barrier.heldByHand;
          await call("POST", base + "/barrier/lift", { hold });
          done = hold ? "手动抬杆并按住 · Arm lifted and held by hand" : "已松开道闸 · Arm let go";
          break;
        }
      }
      message.className = "message ok";
      message.setAttribute("role", "status");
      message.textContent = clockTime(new Date().toISOString()).slice(0, 8) + " ✓ " + done;
    } catch (e) {
      message.className = "message error";
      message.setAttribute("role", "alert");
      message.textContent = clockTime(new Date().toISOString()).slice(0, 8) + " ✗ " + e.message;
    }
    poll.now();
  }

  function unsent(answer) {
    return answer.sentToController ? "" : "（控制器未连接，读卡丢失 · no controller connected: the read is lost）";
  }

  // The exit lane's plate follows the card chosen: the car that took it at the entry leaves.
  function plateFromCard(entry) {
    const card = issued.get($(entry.el, ".cards").value);
    if (card && card.plate && !entry.data.vehicle) $(entry.el, ".plate").value = card.plate;
  }

  function refreshCardLists() {
    const cards = [...issued.entries()].sort((a, b) => {
      const pa = a[1].presentedAt ? 1 : 0;
      const pb = b[1].presentedAt ? 1 : 0;
      return pa - pb || b[1].seq - a[1].seq;
    });
    const key = JSON.stringify(cards.map(([c, i]) => c + (i.presentedAt ? "*" : "")));
    for (const entry of lanes.values()) {
      if (entry.kind !== "exit") continue;
      const list = $(entry.el, ".cards");
      if (list.dataset.key === key) continue;
      // The tester's choice stays while that card is still to be presented; otherwise the newest
      // card not yet presented is chosen, and its car's plate filled in.
      const chosen = list.value;
      const keep = issued.has(chosen) && !issued.get(chosen).presentedAt;
      list.dataset.key = key;
      const options = cards.map(([card, info]) => {
        const label =
          card + " · " + (info.plate || "?") + " · " + info.lane + " " + clockTime(info.time) +
          (info.presentedAt ? " · 已刷 presented" : "");
        return new Option(label, card);
      });
      if (!options.length) options.push(new Option("（无 · none yet）", ""));
      list.replaceChildren(...options);
      if (keep) {
        list.value = chosen;
      } else if (list.value !== chosen) {
        plateFromCard(entry);
      }
    }
  }

  // --- the event log -------------------------------------------------------------------------

  function eventWords(e) {
    const plate = e.plate || "";
    switch (e.kind) {
      case "vehicle.arrived":
        return "车辆 " + plate + " 到达地感线圈 · Vehicle " + plate + " (" + (e.class || "car") + ") on the arming loop" +
          (e.behind ? "，跟在 " + e.behind + " 后 · behind " + e.behind : "");
      case "vehicle.backedOff": return "车辆 " + plate + " 后退离开 · Vehicle " + plate + " backed off";
      case "vehicle.driving": return "车辆 " + plate + " 通过道闸 · Vehicle " + plate + " driving through";
      case "vehicle.cleared": return "车辆 " + plate + " 已离开 · Vehicle " + plate + " cleared the loops";
      case "camera.read":
        return "车牌识别 " + plate + " · Camera read " + plate + " (" + e.confidence + "%)" +
          (e.sentToController ? "" : "，未送达 · no controller");
      case "card.offered": return "发卡机出卡 " + e.card + " · Card " + e.card + " offered";
      case "card.taken":
        return "取卡 " + e.card + " · Card " + e.card + " taken" + (plate ? " by " + plate : "") +
          (e.sentToController ? "" : "，未送达 · no controller");
      case "card.presented":
        return "刷卡 " + e.card + " · Card " + e.card + " presented" + (plate ? " by " + plate : "") +
          (e.sentToController ? "" : "，未送达 · no controller");
      case "barrier.opening": return "道闸 抬杆中 · Barrier opening";
      case "barrier.open": return "道闸 已抬起 · Barrier open";
      case "barrier.closing": return "道闸 落杆中 · Barrier closing";
      case "barrier.closed": return "道闸 已落下 · Barrier closed";
      case "barrier.stuck": return "道闸 卡住 · Barrier stuck (" + e.position + ")";
      case "barrier.freed": return "道闸 恢复 · Barrier works again";
      case "barrier.held": return "手动抬杆并按住 · Barrier lifted and held by hand";
      case "barrier.letGo": return "松开道闸 · Barrier let go";
      case "barrier.unsafeClose": return "危险：车辆在道闸下时落杆 · UNSAFE: barrier closed on vehicle " + plate;
      case "display.row":
        return "显示屏 第" + (e.row + 1) + "行 · Display row " + (e.row + 1) + ": " + (e.text === "" ? "（空 blank）" : e.text);
      case "faults.set":
        return "故障注入 · Faults on " + DEVICE_NAMES[e.device] + ": " + describeFaults(e.faults || {});
      case "faults.cleared": return "故障清除 · Faults cleared on " + DEVICE_NAMES[e.device];
      default: return e.kind;
    }
  }

  function eventClass(kind) {
    if (kind === "barrier.unsafeClose") return "ev-unsafe";
    if (kind.startsWith("faults") || kind === "barrier.stuck") return "ev-fault";
    return "ev-" + kind.split(".")[0];
  }

  function clockTime(iso) {
    const d = new Date(iso);
    const pad = (n, w) => String(n).padStart(w || 2, "0");
    return pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds()) + "." + pad(d.getMilliseconds(), 3);
  }

  function addEvents(answer) {
    const list = document.getElementById("events");
    const note = document.getElementById("log-note");
    if (answer.events.length && answer.events[0].seq > lastEvent + 1) {
      note.textContent =
        "较早的事件已不在记录中（模拟器保留最近 " + answer.capacity + " 条） · Older events are gone: the simulator keeps the last " + answer.capacity;
      note.classList.remove("hidden");
    }
    if (answer.last < lastEvent) {
      // The simulator started again and numbers its events from 1: start the log again too.
      lastEvent = 0;
      list.replaceChildren();
      issued.clear();
      note.textContent = "模拟器已重新启动 · The simulator started again";
      note.classList.remove("hidden");
      poll.now();
      return;
    }
    const filter = document.getElementById("log-lane").value;
    for (const e of answer.events) {
      lastEvent = e.seq;
      if (e.kind === "card.taken" && lanes.get(e.lane) && lanes.get(e.lane).kind === "entry") {
        issued.set(e.card, { plate: e.plate, time: e.time, lane: e.lane, seq: e.seq });
      }
      if (e.kind === "card.presented" && issued.has(e.card)) issued.get(e.card).presentedAt = e.time;
      const item = document.createElement("li");
      item.className = "event " + eventClass(e.kind);
      item.dataset.lane = e.lane;
      item.dataset.kind = e.kind;
      item.dataset.seq = e.seq;
      if (filter && filter !== e.lane) item.hidden = true;
      const time = document.createElement("time");
      time.dateTime = e.time;
      time.textContent = clockTime(e.time);
      const lane = document.createElement("span");
      lane.className = "ev-lane";
      lane.textContent = e.lane;
      const text = document.createElement("span");
      text.className = "ev-text";
      text.textContent = eventWords(e);
      item.append(time, lane, text);
      list.prepend(item);
    }
    while (list.children.length > MAX_EVENTS_SHOWN) list.lastElementChild.remove();
    refreshCardLists();
  }

  // --- polling -------------------------------------------------------------------------------

  const poll = (function () {
    let timer = null;
    let running = false;
    let again = false;
    async function tick() {
      if (running) {
        again = true;
        return;
      }
      running = true;
      clearTimeout(timer);
      const status = document.getElementById("sim-status");
      try {
        const [all, events] = await Promise.all([
          call("GET", "/lanes"),
          call("GET", "/events?after=" + lastEvent),
        ]);
        all.lanes.forEach((lane, i) => {
          if (!lanes.has(lane.id)) {
            lanes.set(lane.id, build(lane, i));
            order.push(lane.id);
            if (!selected) select(lane.id, false);
          }
        });
        addEvents(events);
        for (const lane of all.lanes) render(lanes.get(lane.id), lane);
        status.className = "status online";
        setText(status, "模拟器在线 · Simulator online");
      } catch (e) {
        status.className = "status offline";
        setText(status, "模拟器无应答 · Simulator not answering");
      } finally {
        running = false;
        timer = setTimeout(tick, again ? 0 : POLL_MS);
        again = false;
      }
    }
    return { start: tick, now: tick };
  })();

  // --- keyboard ------------------------------------------------------------------------------

  function select(id, focus) {
    if (!lanes.has(id)) return;
    selected = id;
    for (const entry of lanes.values()) entry.el.classList.toggle("selected", entry.id === id);
    if (focus) lanes.get(id).el.focus();
  }

  const KEYS = { a: "arrive", t: "take", p: "present", d: "drive", b: "leave", f: "inject", c: "clear" };

  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    const target = e.target;
    const typing = target.matches("input, select, textarea");
    if (e.key === "Escape" && typing) {
      target.blur();
      if (selected) lanes.get(selected).el.focus();
      return;
    }
    if (typing) return;
    const key = e.key.toLowerCase();
    if (/^[1-9]$/.test(key)) {
      const id = order[Number(key) - 1];
      if (id) {
        select(id, true);
        e.preventDefault();
      }
      return;
    }
    if (key === "l") {
      document.getElementById("events").focus();
      e.preventDefault();
      return;
    }
    const action = KEYS[key];
    if (!action || !selected) return;
    const entry = lanes.get(selected);
    if ((action === "take" && entry.kind !== "entry") || (action === "present" && entry.kind !== "exit")) {
      const message = $(entry.el, ".message");
      message.className = "message error";
      message.textContent =
        action === "take"
          ? "✗ 出场车道没有发卡机 · An exit lane has no card dispenser"
          : "✗ 入场车道不收卡 · Cards are presented at an exit lane";
      return;
    }
    e.preventDefault();
    act(entry, action);
  });

  document.getElementById("log-lane").addEventListener("change", (e) => {
    const lane = e.target.value;
    for (const item of document.getElementById("events").children) {
      item.hidden = !!lane && item.dataset.lane !== lane;
    }
  });

  function tickClock() {
    document.getElementById("clock").textContent = new Date().toLocaleTimeString("zh-CN", { hour12: false });
  }
  tickClock();
  setInterval(tickClock, 1000);
  poll.start();
})();
