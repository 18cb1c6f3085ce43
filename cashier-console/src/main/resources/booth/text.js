// The booth's two languages. The cashier reads Chinese, English or both: chosen on the page
// (kept in this browser), else the site's (site.language: written on the sign-in page, sent to
// the booth with the hello), else both. Every text the page writes comes through t (a message:
// 中文 · English), tl (a label: 中文 English) or tn (a question: two lines); said() puts a
// sentence the console wrote in both languages into the cashier's.
"use strict";

window.BoothText = (function () {
  const LANG = (() => {
    try {
      return localStorage.getItem("booth.lang") || siteLang() || "both";
    } catch (e) {
      return siteLang() || "both";
    }
  })();
  // The sign-in page carries the site's language; the booth page keeps the one its hello brought.
  function siteLang() {
    const written = document.documentElement.dataset.siteLang;
    if (written === "zh" || written === "en" || written === "both") return written;
    try {
      return localStorage.getItem("booth.siteLang");
    } catch (e) {
      return null;
    }
  }
  document.documentElement.dataset.lang = LANG;
  document.documentElement.lang = LANG === "en" ? "en" : "zh-CN";

  function pick(zh, en, joiner) {
    return LANG === "zh" ? zh : LANG === "en" ? en : zh + joiner + en;
  }
  const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
  const CJK_RUNS = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+/g;

  // Split at the first "·" with Chinese before it and English after it whose only Chinese is
  // what the Chinese half names too: the values both halves carry (a plate such as 京A12345, a
  // person's name, a note typed in Chinese). Anything else passes as it is.
  function said(text) {
    if (!text || LANG === "both") return text;
    for (let i = text.indexOf("·"); i > 0; i = text.indexOf("·", i + 1)) {
      const zh = text.slice(0, i).trim();
      const en = text.slice(i + 1).trim();
      if (CJK.test(zh) && /[A-Za-z]/.test(en) && valuesOnly(en, zh)) return pick(zh, en, " · ");
    }
    return text;
  }

  function valuesOnly(en, zh) {
    return (en.match(CJK_RUNS) || []).every((run) => zh.includes(run));
  }

  // A page as written in its HTML, put into the cashier's language: each "中文 · English" text, each
  // Chinese label with its English beside it (<span class="en">, which CSS hides for Chinese only),
  // placeholders, titles and screen-reader labels. Both languages: the page as written. Text inside
  // {@code skip} (a CSS selector) is left as it is.
  function localize(root, skip) {
    if (LANG === "both") return;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    const left = ".en, .lang-switch, script, style" + (skip ? ", " + skip : "");
    for (const n of nodes) {
      const parent = n.parentElement;
      if (!parent || parent.closest(left)) continue;
      const text = n.nodeValue;
      if (!/[\u4e00-\u9fff]/.test(text)) continue;
      if (englishBeside(n)) {
        if (LANG === "en") n.nodeValue = text.replace(/\S+/g, "").replace(/\s+/g, " ");
        continue;
      }
      const lead = /^\s*/.exec(text)[0];
      const trail = /\s*$/.exec(text)[0];
      n.nodeValue = lead + said(text.trim()) + trail;
    }
    for (const e of root.querySelectorAll("[placeholder], [aria-label], [title]")) {
      for (const a of ["placeholder", "aria-label", "title"]) {
        if (e.hasAttribute(a)) e.setAttribute(a, said(e.getAttribute(a)));
      }
    }
  }

  function englishBeside(n) {
    let x = n.nextSibling;
    while (x && x.nodeType === Node.TEXT_NODE && !x.nodeValue.trim()) x = x.nextSibling;
    if (x && x.nodeType === Node.ELEMENT_NODE && x.classList.contains("en")) return true;
    const p = n.parentElement;
    return p.childNodes.length === 1 && !!p.nextElementSibling && p.nextElementSibling.classList.contains("en");
  }

  // The language keys (#lang-switch): the choice is kept in this browser and the page drawn again.
  function languageSwitch() {
    for (const b of document.querySelectorAll("#lang-switch button")) {
      b.setAttribute("aria-pressed", String(b.dataset.lang === LANG));
      b.addEventListener("click", () => {
        try { localStorage.setItem("booth.lang", b.dataset.lang); } catch (e) { return; }
        if (b.dataset.lang !== LANG) location.reload();
      });
    }
  }

  return {
    LANG: LANG,
    localize: localize,
    languageSwitch: languageSwitch,
    t: (zh, en) => pick(zh, en, " · "),
    tl: (zh, en) => pick(zh, en, " "),
    tn: (zh, en) => pick(zh, en, "\n"),
    said: said
  };
})();
