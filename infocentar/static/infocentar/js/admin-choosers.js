// Page and image choosers in the back office's ordinary forms (the site's settings,
// menus, editorial sections) start from JSON instead of an inline script, which the
// CSP forbids: portal/widgets.py writes <script type="application/json"
// data-csp-init="initCspChooser">, and core's csp-init.js calls this for each one.
(function () {
  "use strict";
  window.initCspChooser = function (id, start) {
    var Chooser = start && window[start.constructor];
    if (typeof Chooser !== "function") {
      if (window.console) console.error("initCspChooser: no chooser " + (start && start.constructor));
      return;
    }
    new Chooser(id, start.options);
  };
})();
