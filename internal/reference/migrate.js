// migrate.js runs the migrate page in the browser: it loads the version's migrate.json and, for
// the classic scopes ticked in the form, shows the fine-grained permissions covering the same
// endpoints and the endpoints no fine-grained token can call. migrate() makes exactly the choice
// of Go's reference.Migrate (a test in the Go package compares the two with node).
(function () {
  "use strict";
  var LEVELS = { read: 1, write: 2, admin: 3 };
  var NAMES = ["", "read", "write", "admin"];

  function migrate(data, requested) {
    var children = {};
    data.scopes.forEach(function (s) { children[s.id] = s.children; });
    var held = {};
    function walk(id) {
      if (held[id] || !(id in children)) return;
      held[id] = true;
      children[id].forEach(walk);
    }
    requested.forEach(walk);
    function satisfied(sets) {
      return sets.some(function (set) {
        return set.length > 0 && set.every(function (id) { return held[id]; });
      });
    }
    function needsNone(sets) {
      return sets.length === 0 || sets.some(function (set) { return set.length === 0; });
    }
    var granted = {};
    data.seed.forEach(function (g) { granted[g.permission] = LEVELS[g.level]; });
    var used = {}, single = [], multi = [], uncallable = [];
    data.endpoints.forEach(function (e) {
      if (!e.classic.accepted) return;
      var priv = satisfied(e.classic.private);
      var pub = satisfied(e.classic.public) && !needsNone(e.classic.public);
      if (!priv && !pub) return;
      var fg = e.fine_grained;
      if (!fg.accepted) { uncallable.push(e); return; }
      if (!priv && fg.public_without_permission) return;
      var alts = fg.any_of.map(function (set) {
        return Object.keys(set).sort().map(function (p) { return [p, LEVELS[set[p]]]; });
      });
      (alts.length === 1 ? single : multi).push(alts);
    });
    function choose(set) {
      set.forEach(function (g) {
        granted[g[0]] = Math.max(granted[g[0]] || 0, g[1]);
        used[g[0]] = true;
      });
    }
    single.forEach(function (alts) { choose(alts[0]); });
    multi.forEach(function (alts) {
      var best = 0, bestCost = -1;
      alts.forEach(function (set, i) {
        var cost = set.filter(function (g) { return (granted[g[0]] || 0) < g[1]; }).length;
        if (bestCost < 0 || cost < bestCost) { best = i; bestCost = cost; }
      });
      choose(alts[best]);
    });
    var permissions = Object.keys(used).sort().map(function (p) {
      return { permission: p, level: NAMES[granted[p]] };
    });
    return { permissions: permissions, uncallable: uncallable };
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { migrate: migrate };
  }
  if (typeof document === "undefined") return;

  var form = document.getElementById("migrate-form");
  if (!form || !window.fetch) return;
  var levels = JSON.parse(form.dataset.levels);

  function item(list, href, code, text) {
    var li = document.createElement("li");
    var target = li;
    if (href) {
      target = document.createElement("a");
      target.href = href;
      li.appendChild(target);
    }
    var c = document.createElement("code");
    c.textContent = code;
    target.appendChild(c);
    if (text) target.appendChild(document.createTextNode(text));
    list.appendChild(li);
  }

  function show(res) {
    var perms = document.getElementById("migrate-permissions");
    var none = document.getElementById("migrate-uncallable");
    perms.textContent = "";
    none.textContent = "";
    res.permissions.forEach(function (g) {
      var href = form.dataset.permissionUrl.replace("__id__", g.permission).replace("__level__", "level-" + g.level);
      item(perms, href, g.permission, ": " + levels[g.level]);
    });
    if (!res.permissions.length) {
      var p = document.createElement("li");
      p.textContent = form.dataset.noPermissions;
      perms.appendChild(p);
    }
    res.uncallable.forEach(function (e) {
      var href = form.dataset.endpointUrl.replace("__category__", e.category).replace("__anchor__", e.anchor);
      item(none, href, e.method + " " + e.path, "");
    });
    if (!res.uncallable.length) {
      var q = document.createElement("li");
      q.textContent = form.dataset.noneUncallable;
      none.appendChild(q);
    }
  }

  function checked() {
    return Array.prototype.map.call(form.querySelectorAll("input[name=scope]:checked"), function (i) { return i.value; });
  }

  // ?scopes=repo,read:org ticks those scopes, and the address follows the ticks, so a result can
  // be shared as a link.
  var params = new URLSearchParams(window.location.search);
  var wanted = (params.get("scopes") || "").split(",");
  Array.prototype.forEach.call(form.querySelectorAll("input[name=scope]"), function (i) {
    if (wanted.indexOf(i.value) >= 0) i.checked = true;
  });

  fetch(form.dataset.src).then(function (r) { return r.json(); }).then(function (data) {
    form.hidden = false;
    form.addEventListener("change", function () {
      var scopes = checked();
      if (scopes.length) params.set("scopes", scopes.join(",")); else params.delete("scopes");
      var query = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      show(migrate(data, scopes));
    });
    show(migrate(data, checked()));
  });
})();
