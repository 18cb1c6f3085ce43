// The booth's alarm: a device at a lane gone offline, the receipt printer unable to print, and
// the incidents that need someone at the lane (barrier stuck, arm forced, power lost, a second
// vehicle through) sound and show at the top of the page until the cashier acknowledges them.
// What was done about an incident is recorded with its note (the incident list, shift.js).
"use strict";

window.BoothAlarm = (function () {
  const { t, tl, said } = window.BoothText;
  // Incident kinds that mean a fault at the lane: the alarm sounds for these.
  const FAULTS = {
    BARRIER_STUCK: ["道闸故障", "Barrier stuck"],
    ARM_LIFTED_WITHOUT_TRANSACTION: ["道闸被抬起", "Barrier lifted without a transaction"],
    POWER_LOST: ["设备断电", "Power lost"],
    TAILGATING: ["跟车", "Tailgating"],
    LEDGER_CHECK_FAILED: ["账本校验失败", "Ledger check failed"],
    ENTRY_NOT_PASSED: ["入场未见通过", "Entry never seen passing"]
  };
  const REPEAT_MS = 5000;

  const acknowledged = new Set();   // alarm keys the cashier has seen
  let raised = [];                  // [{key, text}] sounding now (not acknowledged)
  let audio = null;
  let timer = null;
  let beeps = 0;

  // What is wrong now, each with a key that stays the same while the fault lasts.
  function faults(view) {
    const list = [];
    if (!view) return list;
    for (const lane of view.lanes || []) {
      for (const d of lane.offlineDevices || []) {
        list.push({ key: "offline " + lane.id + " " + d, text: lane.id + " · " + tl("设备离线", "Device offline") + " " + said(d) });
      }
    }
    for (const i of view.incidents || []) {
      const words = FAULTS[i.kind];
      if (words) list.push({ key: "incident " + i.incidentNo, text: i.lane + " · " + t(words[0], words[1]) + " #" + i.incidentNo });
    }
    if (view.printer && view.printer.alarm) {
      list.push({ key: "printer " + view.printer.text, text: tl("打印机", "Printer") + " · " + said(view.printer.text) });
    }
    return list;
  }

  function update(view) {
    const now = faults(view);
    const current = new Set(now.map(f => f.key));
    // A fault that cleared and comes back sounds again.
    for (const key of Array.from(acknowledged)) if (!current.has(key)) acknowledged.delete(key);
    raised = now.filter(f => !acknowledged.has(f.key));
    draw();
    if (raised.length && !timer) {
      beep();
      timer = setInterval(() => (raised.length ? beep() : silence()), REPEAT_MS);
    } else if (!raised.length) {
      silence();
    }
  }

  function draw() {
    const box = document.getElementById("alarm");
    if (!box) return;
    box.classList.toggle("hidden", raised.length === 0);
    document.body.classList.toggle("alarmed", raised.length > 0);
    const list = document.getElementById("alarm-list");
    const shows = raised.map(f => f.text).join("\n");
    if (list.dataset.shows === shows) return;
    list.dataset.shows = shows;
    list.replaceChildren(...raised.map(f => {
      const li = document.createElement("li");
      li.textContent = f.text;
      return li;
    }));
  }

  function acknowledge() {
    for (const f of raised) acknowledged.add(f.key);
    raised = [];
    draw();
    silence();
  }

  function silence() {
    if (timer) clearInterval(timer);
    timer = null;
  }

  // Three short tones. A browser lets a page sound only after someone used it; the cashier has
  // signed in and pressed keys by the time a fault comes, and the count is kept either way.
  function beep() {
    beeps++;
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      if (audio.state === "suspended") audio.resume();
      for (let n = 0; n < 3; n++) {
        const start = audio.currentTime + n * 0.25;
        const tone = audio.createOscillator();
        const gain = audio.createGain();
        tone.frequency.value = 880;
        gain.gain.value = 0.2;
        tone.connect(gain).connect(audio.destination);
        tone.start(start);
        tone.stop(start + 0.15);
      }
    } catch (e) { /* no sound on this machine: the banner still shows */ }
  }

  document.addEventListener("DOMContentLoaded", () => {
    const key = document.getElementById("alarm-ack");
    if (key) key.addEventListener("click", acknowledge);
    // The first key or click lets the page sound (browsers keep pages quiet until then).
    const unlock = () => { if (audio && audio.state === "suspended") audio.resume(); };
    document.addEventListener("keydown", unlock);
    document.addEventListener("click", unlock);
  });

  return { update: update, acknowledge: acknowledge, beeps: () => beeps, raised: () => raised.map(f => f.text) };
})();
