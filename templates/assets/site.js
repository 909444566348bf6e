// scoperef site script. Everything works without it; it only adds conveniences.
(function () {
  "use strict";
  var root = document.documentElement;

  // The root page sends readers to the first of their languages that the site has
  // (navigator.languages); its plain links stay for everyone else. The <html> element lists the
  // languages and their home pages ("en /en fr /fr ..."), so the redirect happens before the
  // page is drawn.
  var choose = root.getAttribute("data-choose-language");
  if (choose !== null) {
    var homes = {};
    var pairs = choose.split(/\s+/);
    for (var i = 0; i + 1 < pairs.length; i += 2) {
      homes[pairs[i].toLowerCase()] = pairs[i + 1];
    }
    var prefs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
    for (var j = 0; j < prefs.length; j++) {
      var tag = String(prefs[j]).toLowerCase();
      var href = homes[tag] || homes[tag.split("-")[0]];
      if (href) {
        location.replace(href);
        return;
      }
    }
    return;
  }

  // Version and language menus: close on Escape and on a click elsewhere.
  function closeMenus(except) {
    var open = document.querySelectorAll("details.picker[open]");
    for (var k = 0; k < open.length; k++) {
      if (open[k] !== except) open[k].removeAttribute("open");
    }
  }
  document.addEventListener("click", function (e) {
    closeMenus(e.target.closest ? e.target.closest("details.picker") : null);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    var menu = document.activeElement && document.activeElement.closest && document.activeElement.closest("details.picker[open]");
    closeMenus(null);
    if (menu) menu.querySelector("summary").focus();
  });
})();
