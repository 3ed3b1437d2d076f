// Progressive enhancement only: every page works without this file.
// Loaded with `defer` from the project's own static files; no inline scripts (CSP).
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  // Main menu: on narrow screens, a "Menu" button shows and hides the list.
  // Without this script the list is always shown and simply wraps.
  function enhanceMenu(nav) {
    var button = nav.querySelector(".main-menu__toggle");
    var list = nav.querySelector(".main-menu__list");
    if (!button || !list) return;

    function setOpen(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("main-menu--open", open);
    }

    nav.classList.add("main-menu--enhanced");
    button.hidden = false;
    setOpen(false);

    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    nav.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        button.focus();
      }
    });
  }

  // A form sent with errors: take the reader to the summary of what is wrong.
  function focusErrorSummary() {
    var summary = document.querySelector(".error-summary");
    if (summary) summary.focus();
  }

  // Printing: closed accordions (<details>) are opened for the printout and closed again after.
  function openAccordionsForPrint() {
    var opened = [];
    window.addEventListener("beforeprint", function () {
      var items = document.querySelectorAll("details:not([open])");
      for (var i = 0; i < items.length; i++) {
        items[i].open = true;
        opened.push(items[i]);
      }
    });
    window.addEventListener("afterprint", function () {
      while (opened.length) opened.pop().open = false;
    });
  }

  function init() {
    var menus = document.querySelectorAll("[data-main-menu]");
    for (var i = 0; i < menus.length; i++) enhanceMenu(menus[i]);
    focusErrorSummary();
    openAccordionsForPrint();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
