// calculator.js runs the least-privilege calculator page in the browser: it loads the version's
// calculator.json (an access.Table), lets the reader search for endpoints and select them, and
// shows the smallest fine-grained permission set and the smallest set of classic scopes for
// them, with the endpoints that need each, and the endpoints no token of a kind can call.
//
// prepare(data).minimize(selected, visibility) is a line-by-line port of Go's
// access.Table.Minimize (access/minimize.go, access/minimize_classic.go, and the index it uses):
// the same compiled requirements, the same search order, the same ties. A test in the Go
// package runs it under node and compares its whole results with Minimize's. Change both
// together. No dependencies.
(function () {
  "use strict";

  var NONE = 0, READ = 1, ADMIN = 3;
  var LEVEL = { none: 0, read: 1, write: 2, admin: 3 };
  var LEVEL_NAME = ["none", "read", "write", "admin"];

  function cmpNum(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  // cmpStr compares like Go's strings.Compare for the names the data holds (UTF-16 order is
  // byte order for text without astral characters).
  function cmpStr(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  // ---- bitsets: Go's []uint64, here two uint32 halves per word (low half first) ----

  function Bits(words) { this.w = new Array(2 * words).fill(0); }
  Bits.prototype.has = function (i) { return (this.w[i >>> 5] >>> (i & 31) & 1) === 1; };
  Bits.prototype.set = function (i) { this.w[i >>> 5] = (this.w[i >>> 5] | (1 << (i & 31))) >>> 0; };
  Bits.prototype.or = function (c) {
    for (var i = 0; i < this.w.length; i++) this.w[i] = (this.w[i] | c.w[i]) >>> 0;
  };
  Bits.prototype.clone = function () { var b = new Bits(0); b.w = this.w.slice(); return b; };
  Bits.prototype.copyFrom = function (c) { for (var i = 0; i < this.w.length; i++) this.w[i] = c.w[i]; };
  // each calls f for every member in increasing order.
  Bits.prototype.each = function (f) {
    for (var i = 0; i < this.w.length; i++) {
      var w = this.w[i];
      while (w !== 0) {
        var low = w & -w;
        f(i * 32 + (31 - Math.clz32(low)));
        w = (w ^ low) >>> 0;
      }
    }
  };
  Bits.prototype.intersects = function (c) {
    for (var i = 0; i < this.w.length; i++) if ((this.w[i] & c.w[i]) !== 0) return true;
    return false;
  };
  // compare is slices.Compare on the []uint64 words.
  function compareBits(a, b) {
    for (var i = 0; i < a.w.length; i += 2) {
      var c = cmpNum(a.w[i + 1], b.w[i + 1]) || cmpNum(a.w[i], b.w[i]);
      if (c) return c;
    }
    return 0;
  }
  function equalBits(a, b) { return compareBits(a, b) === 0; }
  // bytes appends the words' little-endian bytes, as classicKey and stateKey write them.
  function bitsBytes(b) {
    var s = "";
    for (var i = 0; i < b.w.length; i++) {
      var w = b.w[i];
      s += String.fromCharCode(w & 255, w >>> 8 & 255, w >>> 16 & 255, w >>> 24 & 255);
    }
    return s;
  }

  // ---- the index (access/index.go) ----

  function buildIndex(data) {
    var ix = {
      scopeIdx: new Map(), permIdx: new Map(), metadata: -1,
      words: Math.max(1, Math.floor((data.scopes.length + 63) / 64)),
      scopes: data.scopes, permissions: data.permissions
    };
    data.scopes.forEach(function (s, i) { if (!ix.scopeIdx.has(s.name)) ix.scopeIdx.set(s.name, i); });
    // buildScopeClosure
    var n = data.scopes.length;
    var children = [];
    for (var i = 0; i < n; i++) children.push([]);
    data.scopes.forEach(function (s, i) {
      s.parents.forEach(function (p) {
        var j = ix.scopeIdx.get(p);
        if (j !== undefined && j !== i) children[j].push(i);
      });
    });
    ix.implied = [];
    ix.ancestors = [];
    for (i = 0; i < n; i++) ix.ancestors.push(new Bits(ix.words));
    for (i = 0; i < n; i++) {
      var b = new Bits(ix.words);
      var stack = [i];
      b.set(i);
      while (stack.length) {
        var j = stack.pop();
        children[j].forEach(function (c) {
          if (!b.has(c)) { b.set(c); stack.push(c); }
        });
      }
      ix.implied.push(b);
      (function (i) { b.each(function (c) { ix.ancestors[c].set(i); }); })(i);
    }
    ix.offered = data.permissions.map(function (p, i) {
      if (!ix.permIdx.has(p.name)) ix.permIdx.set(p.name, i);
      var bits = 0;
      p.levels.forEach(function (name) {
        var l = LEVEL[name];
        if (l > NONE && l <= ADMIN) bits |= 1 << l;
      });
      return bits;
    });
    if (ix.permIdx.has(data.metadata_permission)) ix.metadata = ix.permIdx.get(data.metadata_permission);
    return ix;
  }

  // scopeSet: null when a scope is unknown.
  function scopeSet(ix, names) {
    var b = new Bits(ix.words);
    for (var k = 0; k < names.length; k++) {
      var i = ix.scopeIdx.get(names[k]);
      if (i === undefined) return null;
      b.set(i);
    }
    return b;
  }

  // needs compiles an AND-set of grants into [{perm, level}], or null when it cannot be met.
  function needs(ix, set) {
    var ns = [];
    for (var k = 0; k < set.length; k++) {
      var p = ix.permIdx.get(set[k].permission);
      if (p === undefined) return null;
      var l = lowestOffered(ix, p, LEVEL[set[k].level]);
      if (l < 0) return null;
      var found = false;
      for (var m = 0; m < ns.length; m++) {
        if (ns[m].perm === p) { ns[m].level = Math.max(ns[m].level, l); found = true; break; }
      }
      if (!found) ns.push({ perm: p, level: l });
    }
    return ns;
  }

  // lowestOffered returns the lowest offered level of p at least l, or -1.
  function lowestOffered(ix, p, l) {
    if (l === NONE) return NONE;
    for (var x = l; x <= ADMIN; x++) if (ix.offered[p] & (1 << x)) return x;
    return -1;
  }

  // normalize keeps the scopes of idx that no other scope of idx implies, sorted.
  function normalize(ix, idx) {
    var names = idx.map(function (i) { return ix.scopes[i].name; }).sort(cmpStr);
    names = names.filter(function (s, k) { return k === 0 || s !== names[k - 1]; });
    return names.filter(function (na, a) {
      var i = ix.scopeIdx.get(na);
      for (var b = 0; b < names.length; b++) {
        var j = ix.scopeIdx.get(names[b]);
        if (a !== b && ix.implied[j].has(i) && (!ix.implied[i].has(j) || b < a)) return false;
      }
      return true;
    });
  }

  function maximal(ix, b) {
    var idx = [];
    b.each(function (i) { idx.push(i); });
    return normalize(ix, idx);
  }

  // ---- groups ----

  function addGroup(groups, byKey, key, alts, i) {
    var g = byKey.get(key);
    if (!g) {
      g = { key: key, alts: alts, eps: [] };
      byKey.set(key, g);
      groups.push(g);
    }
    g.eps.push(i);
  }

  // endpointList returns the endpoints at idx, in input order, once each.
  function endpointList(eps, idx) {
    idx = idx.slice().sort(cmpNum).filter(function (x, k, a) { return k === 0 || x !== a[k - 1]; });
    return idx.map(function (j) { return eps[j]; });
  }

  // ---- fine-grained (access/minimize.go) ----

  function needsLE(a, b) {
    return a.every(function (x) {
      for (var k = 0; k < b.length; k++) if (b[k].perm === x.perm) return b[k].level >= x.level;
      return false;
    });
  }

  function needsKey(ns) {
    var s = "";
    ns.forEach(function (n) { s += String.fromCharCode(n.perm >>> 8 & 255, n.perm & 255, n.level & 255); });
    return s;
  }

  function fineKey(alts) {
    return alts.map(function (a) { return needsKey(a) + "\u00ff"; }).join("");
  }

  // fineAlternatives returns {alts} or {free: true}.
  function fineAlternatives(ix, anyOf) {
    var alts = [];
    for (var k = 0; k < anyOf.length; k++) {
      var ns = needs(ix, anyOf[k]);
      if (!ns) continue;
      ns = ns.filter(function (n) { return !(n.level === NONE || n.perm === ix.metadata && n.level <= READ); });
      if (ns.length === 0) return { free: true };
      ns.sort(function (a, b) { return cmpNum(a.perm, b.perm); });
      alts.push(ns);
    }
    var keep = alts.filter(function (a, i) {
      for (var j = 0; j < alts.length; j++) {
        var b = alts[j];
        if (i !== j && needsLE(b, a) && (!needsLE(a, b) || j < i)) return false;
      }
      return true;
    });
    keep.sort(function (a, b) { return cmpStr(needsKey(a), needsKey(b)); });
    return { alts: keep };
  }

  function fineLess(a, b) {
    if (a.sum !== b.sum) return a.sum < b.sum;
    if (a.n !== b.n) return a.n < b.n;
    return a.canon < b.canon;
  }

  function raise(union, ns) {
    ns.forEach(function (n) { union[n.perm] = Math.max(union[n.perm], n.level); });
  }

  function covers(union, ns) {
    for (var k = 0; k < ns.length; k++) if (union[ns[k].perm] < ns[k].level) return false;
    return true;
  }

  function fineCost(union) {
    var c = { sum: 0, n: 0, canon: "" };
    union.forEach(function (l) { if (l > NONE) { c.sum += l; c.n++; } });
    return c;
  }

  function costWith(c, union, ns) {
    var out = { sum: c.sum, n: c.n, canon: "" };
    ns.forEach(function (n) {
      var cur = union[n.perm];
      if (n.level > cur) {
        out.sum += n.level - cur;
        if (cur === NONE) out.n++;
      }
    });
    return out;
  }

  function FineSearch(ix, all) {
    this.ix = ix;
    this.all = all;
    this.groups = [];
    this.seen = new Set();
    this.best = null;
    this.bestUnion = null;
    this.found = false;
    this.nodes = 0;
  }

  FineSearch.prototype.run = function () {
    var union = new Array(this.ix.permissions.length).fill(NONE);
    var rest = [];
    this.all.forEach(function (g) {
      if (g.alts.length === 1) raise(union, g.alts[0]); else rest.push(g);
    });
    rest.sort(function (a, b) { return cmpNum(a.alts.length, b.alts.length) || cmpStr(a.key, b.key); });
    this.groups = rest;
    this.search(0, union);
    return this.bestUnion;
  };

  FineSearch.prototype.boundBeats = function (c) {
    return this.found && (c.sum > this.best.sum || c.sum === this.best.sum && c.n > this.best.n);
  };

  FineSearch.prototype.coveredAt = function (i, union) {
    return this.groups[i].alts.some(function (a) { return covers(union, a); });
  };

  FineSearch.prototype.canonical = function (union) {
    var perms = this.ix.permissions, parts = [];
    union.forEach(function (l, p) { if (l > NONE) parts.push(perms[p].name + "=" + LEVEL_NAME[l]); });
    return parts.sort(cmpStr).join(",");
  };

  FineSearch.prototype.search = function (i, union) {
    var self = this;
    this.nodes++;
    while (i < this.groups.length && this.coveredAt(i, union)) i++;
    var cur = fineCost(union);
    if (i === this.groups.length) {
      cur.canon = this.canonical(union);
      if (!this.found || fineLess(cur, this.best)) {
        this.best = cur;
        this.bestUnion = union.slice();
        this.found = true;
      }
      return;
    }
    var lb = cur;
    for (var k = i; k < this.groups.length; k++) {
      var m = { sum: 1 << 30, n: 0 };
      this.groups[k].alts.forEach(function (a) {
        var c = costWith(cur, union, a);
        if (c.sum < m.sum || c.sum === m.sum && c.n < m.n) m = c;
      });
      if (m.sum > lb.sum || m.sum === lb.sum && m.n > lb.n) lb = m;
    }
    if (this.boundBeats(lb)) return;
    var key = i + ":" + union.join(",");
    if (this.seen.has(key)) return;
    this.seen.add(key);
    var g = this.groups[i];
    var order = g.alts.map(function (_, k) { return k; });
    var costs = g.alts.map(function (a) { return costWith(cur, union, a); });
    order.sort(function (a, b) { return cmpNum(costs[a].sum, costs[b].sum) || cmpNum(costs[a].n, costs[b].n); });
    order.forEach(function (k) {
      if (self.boundBeats(costWith(cur, union, g.alts[k]))) return;
      var next = union.slice();
      raise(next, g.alts[k]);
      self.search(i + 1, next);
    });
  };

  // result lists the permissions of union with the endpoints whose chosen set needs each.
  FineSearch.prototype.result = function (eps, union) {
    var by = new Map();
    this.all.forEach(function (g) {
      for (var k = 0; k < g.alts.length; k++) {
        var a = g.alts[k];
        if (covers(union, a)) {
          a.forEach(function (n) {
            if (!by.has(n.perm)) by.set(n.perm, []);
            Array.prototype.push.apply(by.get(n.perm), g.eps);
          });
          break;
        }
      }
    });
    var perms = this.ix.permissions, out = [];
    (union || []).forEach(function (l, p) {
      if (l > NONE) out.push({ permission: perms[p].name, level: LEVEL_NAME[l], endpoints: endpointList(eps, by.get(p) || []) });
    });
    return out.sort(function (a, b) { return cmpStr(a.permission, b.permission); });
  };

  function minimizeFine(ix, eps, endpoints, vis) {
    var groups = [], byKey = new Map(), unavailable = [];
    eps.forEach(function (e, i) {
      var fg = endpoints[e].fine_grained;
      if (!fg.accepted) { unavailable.push(e); return; }
      if (fg.any_of.length === 0 || vis === "public" && fg.public_without_permission) return;
      var r = fineAlternatives(ix, fg.any_of);
      if (r.free) return;
      if (r.alts.length === 0) { unavailable.push(e); return; }
      addGroup(groups, byKey, fineKey(r.alts), r.alts, i);
    });
    var s = new FineSearch(ix, groups);
    return { grants: s.result(eps, s.run()), unavailable: unavailable, nodes: s.nodes };
  }

  // ---- classic (access/minimize_classic.go) ----

  function classicAlternatives(ix, sets) {
    if (sets.length === 0) return { free: true };
    var alts = [];
    for (var k = 0; k < sets.length; k++) {
      if (sets[k].length === 0) return { free: true };
      var b = scopeSet(ix, sets[k]);
      if (b) alts.push(b);
    }
    alts.sort(compareBits);
    return { alts: alts.filter(function (a, k) { return k === 0 || !equalBits(a, alts[k - 1]); }) };
  }

  function classicKey(alts) { return alts.map(bitsBytes).join(""); }

  function ClassicSearch(ix, all) {
    this.ix = ix;
    this.all = all;
    this.groups = [];
    this.seen = new Set();
    this.cand = [];
    this.best = null;
    this.choice = null;
    this.cur = [];
    this.found = false;
    this.nodes = 0;
  }

  ClassicSearch.prototype.run = function () {
    this.groups = this.all.slice();
    this.groups.sort(function (a, b) { return cmpNum(a.alts.length, b.alts.length) || cmpStr(a.key, b.key); });
    var n = this.groups.length;
    this.cand = new Array(n + 1);
    this.cand[n] = new Bits(this.ix.words);
    for (var i = n - 1; i >= 0; i--) {
      this.cand[i] = this.cand[i + 1].clone();
      for (var k = 0; k < this.groups[i].alts.length; k++) this.cand[i].or(this.groups[i].alts[k]);
    }
    this.cur = new Array(n).fill(0);
    this.search(0, new Bits(this.ix.words));
  };

  ClassicSearch.prototype.search = function (i, union) {
    this.nodes++;
    if (i === this.groups.length) {
      var top = maximal(this.ix, union);
      var c = { n: top.length, canon: top.join(", ") };
      if (!this.found || c.n < this.best.n || c.n === this.best.n && c.canon < this.best.canon) {
        this.best = c;
        this.choice = this.cur.slice();
        this.found = true;
      }
      return;
    }
    if (this.found && this.lowerBound(i, union) > this.best.n) return;
    var key = String.fromCharCode(i >>> 8 & 255, i & 255) + bitsBytes(union);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    var next = new Bits(this.ix.words);
    var alts = this.groups[i].alts;
    for (var k = 0; k < alts.length; k++) {
      next.copyFrom(union);
      next.or(alts[k]);
      this.cur[i] = k;
      this.search(i + 1, next.clone());
    }
  };

  // lowerBound counts scopes of union no two of which one candidate scope can imply both.
  ClassicSearch.prototype.lowerBound = function (i, union) {
    var ix = this.ix;
    var avail = this.cand[i].clone();
    avail.or(union);
    var taken = new Bits(ix.words), cover = new Bits(ix.words), n = 0;
    union.each(function (a) {
      for (var j = 0; j < cover.w.length; j++) cover.w[j] = (ix.ancestors[a].w[j] & avail.w[j]) >>> 0;
      if (cover.intersects(taken)) return;
      taken.or(cover);
      n++;
    });
    return n;
  };

  ClassicSearch.prototype.result = function (eps) {
    if (!this.found) return [];
    var ix = this.ix, groups = this.groups, choice = this.choice;
    var union = new Bits(ix.words);
    groups.forEach(function (g, i) { union.or(g.alts[choice[i]]); });
    return maximal(ix, union).map(function (name) {
      var m = ix.scopeIdx.get(name), idx = [];
      groups.forEach(function (g, i) {
        var needs = false;
        g.alts[choice[i]].each(function (x) { needs = needs || ix.implied[m].has(x); });
        if (needs) Array.prototype.push.apply(idx, g.eps);
      });
      return { scope: name, endpoints: endpointList(eps, idx) };
    });
  };

  function minimizeClassic(ix, eps, endpoints, vis) {
    var groups = [], byKey = new Map(), unavailable = [];
    eps.forEach(function (e, i) {
      var c = endpoints[e].classic;
      if (!c.accepted) { unavailable.push(e); return; }
      var r = classicAlternatives(ix, vis === "public" ? c.public : c.private);
      if (r.free) return;
      if (r.alts.length === 0) { unavailable.push(e); return; }
      addGroup(groups, byKey, classicKey(r.alts), r.alts, i);
    });
    var s = new ClassicSearch(ix, groups);
    s.run();
    return { scopes: s.result(eps), unavailable: unavailable, nodes: s.nodes };
  }

  // prepare compiles calculator.json once. minimize(selected, visibility) takes indexes into
  // data.endpoints and "public" or "private"; endpoints in the result are such indexes.
  function prepare(data) {
    var ix = buildIndex(data);
    return {
      data: data,
      minimize: function (selected, visibility) {
        var vis = visibility === "public" ? "public" : "private";
        var fine = minimizeFine(ix, selected, data.endpoints, vis);
        var classic = minimizeClassic(ix, selected, data.endpoints, vis);
        return {
          fine_grained: fine.grants, fine_grained_unavailable: fine.unavailable,
          classic: classic.scopes, classic_unavailable: classic.unavailable
        };
      }
    };
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { prepare: prepare };
  }
  if (typeof document === "undefined") return;

  // ---- the page ----

  var form = document.getElementById("calculator-form");
  if (!form || !window.fetch || !window.Map || !window.Set) return;
  var ds = form.dataset;
  var levelWords = JSON.parse(ds.levels);
  var pageLang = (document.documentElement.lang || "en").toLowerCase();
  var MAX_SHOWN = 50;

  var search = document.getElementById("calculator-search");
  var matches = document.getElementById("calculator-matches");
  var matchCount = document.getElementById("calculator-match-count");
  var selectedList = document.getElementById("calculator-selected");
  var clear = document.getElementById("calculator-clear");

  // The form exists only when this script runs, so the script brings its own styles (built on
  // the site's colour variables).
  var css = [
    "form.calculator fieldset { margin: 0 0 1rem; padding: 0.5rem 1rem 0.75rem; border: 1px solid var(--border); border-radius: var(--radius); }",
    "form.calculator legend { padding: 0 0.25rem; font-weight: 600; }",
    "form.calculator fieldset label { display: inline-block; margin-right: 1.5rem; }",
    "form.calculator .calculator-search > label { display: block; margin-bottom: 0.25rem; font-weight: 600; }",
    "form.calculator input[type=search] { box-sizing: border-box; width: 100%; max-width: 40rem; padding: 0.45rem 0.6rem; border: 1px solid var(--border); border-radius: var(--radius); background: var(--bg); color: var(--fg); font: inherit; }",
    "form.calculator input:focus-visible, form.calculator button:focus-visible { outline: 2px solid var(--focus); outline-offset: 1px; }",
    "form.calculator #calculator-search-hint { margin: 0.35rem 0 0.5rem; color: var(--fg-muted); font-size: 0.875rem; }",
    "form.calculator #calculator-match-count { margin: 0 0 0.35rem; font-size: 0.875rem; }",
    "form.calculator #calculator-match-count:empty { display: none; }",
    "form.calculator ul.calculator-matches { max-height: 22rem; overflow: auto; margin: 0 0 1rem; padding: 0; list-style: none; border: 1px solid var(--border); border-radius: var(--radius); }",
    "form.calculator ul.calculator-matches li { margin: 0; border-top: 1px solid var(--border-muted); }",
    "form.calculator ul.calculator-matches li:first-child { border-top: 0; }",
    "form.calculator ul.calculator-matches label { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.25rem 0.6rem; padding: 0.4rem 0.75rem; cursor: pointer; }",
    "form.calculator ul.calculator-matches label:hover, form.calculator ul.calculator-matches label:focus-within { background: var(--bg-subtle); }",
    "form.calculator .calculator-summary { color: var(--fg-muted); font-size: 0.875rem; }",
    "form.calculator li code { overflow-wrap: anywhere; }",
    "form.calculator ul.calculator-selected, form.calculator ul.endpoint-list { padding-left: 0; list-style: none; }",
    "form.calculator ul.calculator-selected li { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.25rem 0.6rem; }",
    "form.calculator button { padding: 0.2rem 0.7rem; border: 1px solid var(--border); border-radius: var(--radius); background: var(--bg-subtle); color: var(--fg); font: inherit; font-size: 0.875rem; cursor: pointer; }",
    "form.calculator button:hover { background: var(--bg-muted); }",
    "form.calculator td ul.endpoint-list { margin: 0; }",
    "form.calculator td ul.endpoint-list li + li { margin-top: 0.2rem; }",
    "form.calculator .calculator-none { color: var(--fg-muted); }"
  ].join("\n");
  var style = document.createElement("style");
  style.textContent = css;
  document.head.appendChild(style);

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function endpointHref(e) { return ds.endpointUrl.replace("__category__", e.category).replace("__anchor__", e.anchor); }

  function routeCode(e) { return el("code", "", e.method + " " + e.path); }

  function summary(e) {
    var s = el("span", "calculator-summary", e.summary);
    if (pageLang !== "en" && pageLang.indexOf("en-") !== 0) s.lang = "en";
    return s;
  }

  function endpointLink(e) {
    var a = el("a");
    a.href = endpointHref(e);
    a.appendChild(routeCode(e));
    return a;
  }

  function noneItem(list, text) { list.appendChild(el("li", "calculator-none", text)); }

  fetch(ds.src).then(function (r) {
    if (!r.ok) throw new Error(r.status);
    return r.json();
  }).then(start, function () {
    var p = document.getElementById("calculator-load-error");
    if (p) p.hidden = false;
  });

  function start(data) {
    var calc = prepare(data);
    var eps = data.endpoints;
    var byOp = new Map();
    var haystack = eps.map(function (e, i) {
      byOp.set(e.operation, i);
      return (e.method + " " + e.path + " " + e.operation + " " + e.summary + " " + e.category).toLowerCase();
    });
    var selected = [];
    var params = new URLSearchParams(window.location.search);
    (params.get("endpoints") || "").split(",").forEach(function (op) {
      var i = byOp.get(op);
      if (i !== undefined && selected.indexOf(i) < 0) selected.push(i);
    });
    if (params.get("visibility") === "public") form.querySelector("input[name=visibility][value=public]").checked = true;
    if (!data.fine_grained) {
      Array.prototype.forEach.call(form.querySelectorAll(".calculator-fine-grained"), function (n) { n.hidden = true; });
      document.getElementById("calculator-classic-only").hidden = false;
    }
    form.hidden = false;

    function visibility() { return form.querySelector("input[name=visibility]:checked").value; }

    function filter() {
      var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      var found = [];
      if (words.length) {
        for (var i = 0; i < eps.length; i++) {
          var h = haystack[i];
          if (words.every(function (w) { return h.indexOf(w) >= 0; })) found.push(i);
        }
      }
      return found;
    }

    function showMatches() {
      var found = filter();
      matches.textContent = "";
      found.slice(0, MAX_SHOWN).forEach(function (i) {
        var e = eps[i];
        var li = el("li");
        var label = el("label");
        var box = el("input");
        box.type = "checkbox";
        box.value = String(i);
        box.checked = selected.indexOf(i) >= 0;
        label.appendChild(box);
        label.appendChild(document.createTextNode(" "));
        label.appendChild(routeCode(e));
        label.appendChild(document.createTextNode(" "));
        label.appendChild(summary(e));
        li.appendChild(label);
        matches.appendChild(li);
      });
      matches.hidden = found.length === 0;
      if (!search.value.trim()) matchCount.textContent = "";
      else if (found.length === 0) matchCount.textContent = ds.noMatches;
      else if (found.length > MAX_SHOWN) matchCount.textContent = ds.manyMatches.replace("__shown__", MAX_SHOWN).replace("__count__", found.length);
      else matchCount.textContent = ds.matchCount.replace("__count__", found.length);
    }

    function toggle(i, on) {
      var at = selected.indexOf(i);
      if (on && at < 0) selected.push(i);
      if (!on && at >= 0) selected.splice(at, 1);
      update();
    }

    function showSelected() {
      selectedList.textContent = "";
      selected.forEach(function (i) {
        var e = eps[i];
        var li = el("li");
        li.appendChild(endpointLink(e));
        li.appendChild(document.createTextNode(" "));
        li.appendChild(summary(e));
        li.appendChild(document.createTextNode(" "));
        var b = el("button", "calculator-remove", ds.remove);
        b.type = "button";
        b.setAttribute("aria-label", ds.removeLabel.replace("__endpoint__", e.method + " " + e.path));
        b.addEventListener("click", function () {
          toggle(i, false);
          (selectedList.querySelector("button") || search).focus();
        });
        li.appendChild(b);
        selectedList.appendChild(li);
      });
      if (!selected.length) noneItem(selectedList, ds.noneSelected);
      clear.hidden = selected.length === 0;
    }

    function reasonCell(list) {
      var td = el("td");
      var ul = el("ul", "endpoint-list");
      list.forEach(function (i) {
        var li = el("li");
        li.appendChild(endpointLink(eps[i]));
        ul.appendChild(li);
      });
      td.appendChild(ul);
      return td;
    }

    function unavailableList(list, items, noneText) {
      list.textContent = "";
      items.forEach(function (i) {
        var li = el("li");
        li.appendChild(endpointLink(eps[i]));
        li.appendChild(document.createTextNode(" "));
        li.appendChild(summary(eps[i]));
        list.appendChild(li);
      });
      if (!items.length) noneItem(list, noneText);
    }

    function showResult() {
      var result = document.getElementById("calculator-result");
      var empty = document.getElementById("calculator-empty");
      result.hidden = selected.length === 0;
      empty.hidden = selected.length > 0;
      if (!selected.length) return;
      var r = calc.minimize(selected, visibility());

      var perms = document.getElementById("calculator-permissions");
      perms.textContent = "";
      r.fine_grained.forEach(function (g) {
        var tr = el("tr");
        var th = el("th");
        th.scope = "row";
        var a = el("a");
        a.href = ds.permissionUrl.replace("__id__", g.permission).replace("__level__", "level-" + g.level);
        a.appendChild(el("code", "", g.permission));
        th.appendChild(a);
        tr.appendChild(th);
        tr.appendChild(el("td", "", levelWords[g.level] || g.level));
        tr.appendChild(reasonCell(g.endpoints));
        perms.appendChild(tr);
      });
      document.getElementById("calculator-permissions-table").hidden = r.fine_grained.length === 0;
      document.getElementById("calculator-no-permissions").hidden = r.fine_grained.length > 0;

      var scopes = document.getElementById("calculator-scopes");
      scopes.textContent = "";
      var anchors = new Map();
      data.scopes.forEach(function (s) { anchors.set(s.name, s.anchor); });
      r.classic.forEach(function (s) {
        var tr = el("tr");
        var th = el("th");
        th.scope = "row";
        var a = el("a");
        a.href = ds.scopeUrl.replace("__anchor__", anchors.get(s.scope) || "");
        a.appendChild(el("code", "", s.scope));
        th.appendChild(a);
        tr.appendChild(th);
        tr.appendChild(reasonCell(s.endpoints));
        scopes.appendChild(tr);
      });
      document.getElementById("calculator-scopes-table").hidden = r.classic.length === 0;
      document.getElementById("calculator-no-scopes").hidden = r.classic.length > 0;

      unavailableList(document.getElementById("calculator-fine-grained-unavailable"), r.fine_grained_unavailable, ds.noneUnavailable);
      unavailableList(document.getElementById("calculator-classic-unavailable"), r.classic_unavailable, ds.noneUnavailable);
    }

    // The address follows the selection (?endpoints=op,op&visibility=public), so a result can
    // be shared as a link.
    function remember() {
      if (selected.length) params.set("endpoints", selected.map(function (i) { return eps[i].operation; }).join(","));
      else params.delete("endpoints");
      if (visibility() === "public") params.set("visibility", "public"); else params.delete("visibility");
      var query = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    }

    function update() {
      Array.prototype.forEach.call(matches.querySelectorAll("input[type=checkbox]"), function (box) {
        box.checked = selected.indexOf(Number(box.value)) >= 0;
      });
      showSelected();
      showResult();
      remember();
    }

    function boxes() { return Array.prototype.slice.call(matches.querySelectorAll("input[type=checkbox]")); }

    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    search.addEventListener("input", showMatches);
    search.addEventListener("keydown", function (ev) {
      var list = boxes();
      if (ev.key === "ArrowDown" && list.length) {
        ev.preventDefault();
        list[0].focus();
      } else if (ev.key === "Enter") {
        ev.preventDefault();
        if (list.length) toggle(Number(list[0].value), true);
      } else if (ev.key === "Escape" && search.value) {
        ev.preventDefault();
        search.value = "";
        showMatches();
      }
    });
    matches.addEventListener("change", function (ev) {
      if (ev.target.type === "checkbox") toggle(Number(ev.target.value), ev.target.checked);
    });
    matches.addEventListener("keydown", function (ev) {
      var list = boxes(), at = list.indexOf(ev.target);
      if (at < 0) return;
      if (ev.key === "ArrowDown" && at + 1 < list.length) {
        ev.preventDefault();
        list[at + 1].focus();
      } else if (ev.key === "ArrowUp") {
        ev.preventDefault();
        (at > 0 ? list[at - 1] : search).focus();
      } else if (ev.key === "Escape") {
        ev.preventDefault();
        search.focus();
      } else if (ev.key === "Enter") {
        ev.preventDefault();
        toggle(Number(ev.target.value), !ev.target.checked);
      }
    });
    clear.addEventListener("click", function () {
      selected = [];
      update();
      search.focus();
    });
    Array.prototype.forEach.call(form.querySelectorAll("input[name=visibility]"), function (r) {
      r.addEventListener("change", update);
    });
    showMatches();
    update();
  }
})();
