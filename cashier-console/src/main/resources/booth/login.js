// The sign-in page in the cashier's language (text.js): the English beside each label is hidden or
// made the label by the style sheet; here the Chinese beside it goes for English, each
// "中文 · English" text (the key, the error) is put into the language, and the language keys
// switch it as on the booth page.
"use strict";

(function () {
  const { tl } = window.BoothText;

  const site = document.querySelector(".site");
  document.title = tl("登录", "Sign in") + (site ? " · " + site.textContent : "");
  window.BoothText.localize(document.body, ".site");
  window.BoothText.languageSwitch();
})();
