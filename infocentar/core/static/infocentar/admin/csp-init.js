// Runs the initialisers that Wagtail's admin templates would run as inline
// scripts. Infocentar's CSP forbids inline scripts, so our overrides of those
// templates emit <script type="application/json" data-csp-init="NAME"> blocks
// instead, and this file calls window[NAME] for each one — on page load and
// for every block added later (inline panel forms, modals).
(function () {
  "use strict";
  var CONSTRUCTORS = { InlinePanel: true, MultipleChooserPanel: true };

  function run(node) {
    if (node.getAttribute("data-csp-done")) return;
    node.setAttribute("data-csp-done", "1");
    var name = node.getAttribute("data-csp-init");
    var fn = window[name];
    if (typeof fn !== "function") {
      if (window.console) console.error("csp-init: no function " + name);
      return;
    }
    var options = JSON.parse(node.textContent || "null");
    if (CONSTRUCTORS[name]) {
      new fn(options);
    } else {
      fn(node.getAttribute("data-csp-target"), options);
    }
  }

  function scan(root) {
    if (root.matches && root.matches("script[data-csp-init]")) run(root);
    if (root.querySelectorAll) root.querySelectorAll("script[data-csp-init]").forEach(run);
  }

  function start() {
    scan(document);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(function (node) {
          if (node.nodeType === 1) scan(node);
        });
      });
    }).observe(document.documentElement, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
