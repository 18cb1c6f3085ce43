// The sign-in page in the cashier's language (text.js): the English beside each label is hidden or
// made the label by the style sheet; here the Chinese beside it goes for English, each
// "中文 · English" text (the key, the error) is put into the language, and the language keys
// switch it as on the booth page.
"use strict";

(function () {
  const { LANG, said, tl } = window.BoothText;

  function localize() {
    const site = document.querySelector(".site");
    document.title = tl("登录", "Sign in") + (site ? " · " + site.textContent : "");
    if (LANG === "both") return;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    for (const n of nodes) {
      const parent = n.parentElement;
      if (!parent || parent.closest(".en, .lang-switch, .site, script, style")) continue;
      const text = n.nodeValue;
      if (!/[\u4e00-\u9fff]/.test(text)) continue;
      const next = n.nextSibling;
      if (next && next.nodeType === Node.ELEMENT_NODE && next.classList.contains("en")) {
        if (LANG === "en") n.nodeValue = "";
        continue;
      }
      n.nodeValue = said(text.trim());
    }
    for (const e of document.querySelectorAll("[aria-label]")) {
      e.setAttribute("aria-label", said(e.getAttribute("aria-label")));
    }
  }

  function languageSwitch() {
    for (const b of document.querySelectorAll("#lang-switch button")) {
      b.setAttribute("aria-pressed", String(b.dataset.lang === LANG));
      b.addEventListener("click", () => {
        try { localStorage.setItem("booth.lang", b.dataset.lang); } catch (e) { return; }
        if (b.dataset.lang !== LANG) location.reload();
      });
    }
  }

  localize();
  languageSwitch();
})();
